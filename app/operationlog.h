// SPDX-License-Identifier: MIT
// What a database item's console did and how it went, newest last: one row per call ("get
// test/k", "found, 2 siblings"), failures marked as errors. Kept bounded by the controller and
// shown by OperationLogView, failures in the error colour.
#pragma once

#include <QTime>
#include <QWidget>

#include <deque>

class QStandardItemModel;

namespace workbench {

struct OperationRow
{
    QTime time;
    QString operation; ///< "get test/k"
    QString outcome;   ///< "found, 2 siblings" or the error's text
    bool error = false;
};

class OperationLog
{
public:
    /// Keeps the newest `limit` rows.
    explicit OperationLog(std::size_t limit = 500)
        : m_limit(limit)
    {}
    void add(const QString &operation, const QString &outcome, bool error = false);
    const std::deque<OperationRow> &rows() const noexcept { return m_rows; }
    /// The newest row, or an empty one.
    OperationRow last() const { return m_rows.empty() ? OperationRow{} : m_rows.back(); }

private:
    std::size_t m_limit;
    std::deque<OperationRow> m_rows;
};

/// A table of an OperationLog: time, operation, outcome; errors in the error colour.
class OperationLogView : public QWidget
{
public:
    explicit OperationLogView(QWidget *parent = nullptr);
    /// Shows `log`'s rows (nullptr: none), keeping the newest in view.
    void display(const OperationLog *log);
    QStandardItemModel &model() const noexcept { return *m_model; }

private:
    QStandardItemModel *m_model;
};

} // namespace workbench
