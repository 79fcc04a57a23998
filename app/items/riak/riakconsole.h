// SPDX-License-Identifier: MIT
// The Riak item's console: a bucket and a key, Get / Put (value and content type) / Delete, the
// bucket's keys, and the object a get showed — its siblings side by side (value, content type,
// last modified) under their vclock, with "Keep this sibling" to resolve them — and a log of the
// calls, failures in red.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QStringListModel;
class QTableView;

namespace workbench {

class OperationLogView;
class RiakController;

class RiakConsole : public ItemPanel<RiakController>
{
    Q_OBJECT

public:
    explicit RiakConsole(QWidget *parent = nullptr);
    ~RiakConsole() override;

    QLineEdit *bucketField() const noexcept { return m_bucket; }
    /// The bucket's allow_mult: checked, concurrent writes are kept as siblings.
    QCheckBox *allowMultBox() const noexcept { return m_allowMult; }
    QLineEdit *keyField() const noexcept { return m_key; }
    QPlainTextEdit *valueField() const noexcept { return m_value; }
    QLineEdit *contentTypeField() const noexcept { return m_contentType; }
    /// One row per sibling of the shown object: value, content type, last modified.
    QStandardItemModel &siblings() const noexcept { return *m_siblings; }
    QTableView *siblingsTable() const noexcept { return m_siblingsView; }
    /// The keys of the last listing.
    QStringListModel &keys() const noexcept { return *m_keys; }
    /// The calls made and how they went.
    OperationLogView *operations() const noexcept { return m_log; }
    /// "vclock a85hYGBgzGDKBVIc…" of the shown object ("" : none).
    QString vclockText() const;

private:
    /// Another item: its object is drawn anew.
    void loadController(RiakController *) override { m_shown = ~std::uint64_t(0); }
    void refresh() override;
    void refreshBucket();
    void keepSelectedSibling();

    QLineEdit *m_bucket;
    QCheckBox *m_allowMult;
    QLineEdit *m_key;
    QPlainTextEdit *m_value;
    QLineEdit *m_contentType;
    QStandardItemModel *m_siblings;
    QTableView *m_siblingsView;
    QLabel *m_vclock;
    QPushButton *m_keep;
    QStringListModel *m_keys;
    QLabel *m_keysTitle;
    OperationLogView *m_log;
    std::uint64_t m_shown = 0; ///< RiakShownObject::serial of the object in the table
};

} // namespace workbench
