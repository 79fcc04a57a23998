// SPDX-License-Identifier: MIT
// The Redis console's key browser: SCAN with a pattern and a COUNT, the keys' table (key, type,
// TTL, size) filled batch by batch as the cursor moves, the selected key's value, and deleting a
// key after a confirmation.
#pragma once

#include "appendtablemodel.h"
#include "confirm.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace workbench {

class RedisController;
class RedisValueView;
struct RedisKeyRow;

class RedisKeyBrowser : public QWidget
{
    Q_OBJECT

public:
    enum Column { Key, Type, Ttl, Size };

    explicit RedisKeyBrowser(QWidget *parent = nullptr);

    void setController(RedisController *controller);
    /// How it asks before deleting a key (a message box by default).
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }

    /// Starts a scan with the pattern and count fields (the table starts empty).
    void scan();
    bool scanning() const noexcept { return m_scanning; }
    /// Batches received by the last scan.
    int batches() const noexcept { return m_batches; }
    /// Why the last scan ended early ("" : it did not).
    QString scanError() const { return m_scanError; }
    QLineEdit *pattern() const { return m_pattern; }
    QSpinBox *count() const { return m_count; }

    /// The keys found; each row's data is the key's bytes.
    AppendTableModel &keys() const { return *m_keys; }
    /// The row of `key` (-1: not listed).
    int rowOf(const QByteArray &key) const;
    /// Selects a row and shows its value.
    void selectRow(int row);
    /// Deletes the selected key after asking; false if nothing was deleted (no selection, or the
    /// answer was no).
    bool deleteSelected();
    RedisValueView *valueView() const { return m_value; }

private:
    void addBatch(int scan, const std::vector<RedisKeyRow> &batch, bool finished,
                  const QString &error);
    void showStatus();
    int selectedRow() const;

    RedisController *m_controller = nullptr;
    Confirm m_confirm = askWithMessageBox;
    QLineEdit *m_pattern;
    QSpinBox *m_count;
    QLabel *m_status;
    AppendTableModel *m_keys;
    QTableView *m_table;
    RedisValueView *m_value;
    QSet<QByteArray> m_seen; // SCAN may return a key twice
    bool m_scanning = false;
    int m_scanNumber = 0; // batches of an earlier scan still queued are dropped
    int m_batches = 0;
    QString m_scanError;
};

} // namespace workbench
