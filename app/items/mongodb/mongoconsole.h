// SPDX-License-Identifier: MIT
// The MongoDB item's console: the server's databases and collections as a tree; for the chosen
// collection, find (JSON filter, projection, sort, limit) into a results table, and insert,
// update and delete with JSON editors (a delete asks first); a log of the calls, failures in red.
// Text that is not JSON is refused at its editor, with the reason, and nothing is sent.
#pragma once

#include "confirm.h"
#include "itempanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTabWidget;
class QTreeView;

namespace workbench {

class JsonField;
class MongoController;
class OperationLogView;

class MongoConsole : public ItemPanel<MongoController>
{
    Q_OBJECT

public:
    explicit MongoConsole(QWidget *parent = nullptr);
    void setConfirm(const Confirm &confirm) override { m_confirm = confirm; }

    /// Databases, each with its collections as children.
    QStandardItemModel &tree() const noexcept { return *m_tree; }
    QTreeView *treeView() const noexcept { return m_treeView; }
    /// Where find and the writes go (filled from the tree; a new name makes a new collection).
    QLineEdit *databaseField() const noexcept { return m_database; }
    QLineEdit *collectionField() const noexcept { return m_collection; }
    JsonField *filterField() const noexcept { return m_filter; }
    JsonField *projectionField() const noexcept { return m_projection; }
    JsonField *sortField() const noexcept { return m_sort; }
    QSpinBox *limitField() const noexcept { return m_limit; }
    JsonField *insertField() const noexcept { return m_insert; }
    JsonField *updateFilterField() const noexcept { return m_updateFilter; }
    JsonField *updateField() const noexcept { return m_update; }
    QCheckBox *updateManyBox() const noexcept { return m_updateMany; }
    JsonField *deleteFilterField() const noexcept { return m_deleteFilter; }
    QCheckBox *deleteManyBox() const noexcept { return m_deleteMany; }
    /// The last find's documents: a column per top-level key.
    QStandardItemModel &results() const noexcept { return *m_results; }
    OperationLogView *operations() const noexcept { return m_log; }

    /// What the buttons do (false: nothing was sent, an editor shows why or the person said no).
    bool find();
    bool insert();
    bool update();
    bool remove();

private:
    /// Another item: its tree and results are drawn anew.
    void loadController(MongoController *) override
    {
        m_shownTree.clear();
        m_shownResults = ~std::uint64_t(0);
    }
    void refresh() override;
    void refreshTree();
    void refreshResults();

    Confirm m_confirm = askWithMessageBox;
    QStandardItemModel *m_tree;
    QTreeView *m_treeView;
    QLineEdit *m_database;
    QLineEdit *m_collection;
    QTabWidget *m_tabs;
    JsonField *m_filter;
    JsonField *m_projection;
    JsonField *m_sort;
    QSpinBox *m_limit;
    JsonField *m_insert;
    JsonField *m_updateFilter;
    JsonField *m_update;
    QCheckBox *m_updateMany;
    JsonField *m_deleteFilter;
    QCheckBox *m_deleteMany;
    QStandardItemModel *m_results;
    QLabel *m_resultsTitle;
    OperationLogView *m_log;
    QString m_shownTree; ///< the tree as last drawn, so an unchanged one keeps its state
    std::uint64_t m_shownResults = 0; ///< MongoFindResult::serial of the table shown
};

} // namespace workbench
