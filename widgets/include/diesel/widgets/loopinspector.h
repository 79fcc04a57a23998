// SPDX-License-Identifier: MIT
// The Loop inspector: every Loop as a live table (or a tree by parent), filtered and sorted, with
// the recent state history of the selected Loop and a way to kill it.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/loopsampler.h>

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QStackedWidget;
class QTableView;
class QToolButton;
class QTreeView;
class QAbstractItemView;

namespace diesel::widgets {

class LoopTableModel;
class LoopTreeModel;
class LoopFilterProxy;
class LoopHistoryModel;

class DIESEL_WIDGETS_EXPORT LoopInspector : public QWidget
{
    Q_OBJECT

public:
    /// Shows the Loops that `sampler` samples; samples while visible.
    explicit LoopInspector(LoopSampler &sampler, QWidget *parent = nullptr);
    /// Wide: it is the main view.
    QSize sizeHint() const override { return QSize(900, 420); }

    /// Asked before killing a Loop (its text names the Loop); kill only if it returns true.
    /// Without one, Loops are killed without asking.
    void setKillConfirmation(std::function<bool(const QString &)> confirm);

    /// The table's model (for tests and other views).
    LoopTableModel &tableModel() const noexcept { return *m_table; }
    LoopTreeModel &treeModel() const noexcept { return *m_tree; }
    LoopHistoryModel &historyModel() const noexcept { return *m_history; }
    /// The selected Loop, 0 if none.
    LoopId selectedLoop() const noexcept { return m_selected; }
    /// The view shown: the table, or the tree in tree mode.
    QAbstractItemView *currentView() const;
    /// Shows the tree by parent instead of the flat table.
    void setTreeMode(bool tree);
    bool treeMode() const noexcept;

public Q_SLOTS:
    /// Selects the Loop (in the table or tree, and its history), scrolling to it.
    void selectLoop(diesel::LoopId id);
    /// Cancels the selected Loop (after the confirmation, if any).
    void killSelected();
    /// Whether it can be seen (a dock tabbed behind another stays "visible" to Qt): it samples
    /// only while shown and viewed. Default: true.
    void setViewed(bool viewed);

Q_SIGNALS:
    /// The person selected a Loop here (0: selection cleared).
    void loopSelected(diesel::LoopId id);
    /// The person double-clicked a Loop; `connection` is its current connection (0: none).
    void loopActivated(diesel::LoopId id, quint64 connection);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onSample(const LoopSample &sample);
    void onCurrentChanged(const QModelIndex &proxyIndex);
    void onActivated(const QModelIndex &proxyIndex);
    void reselect();
    void updateCounts();

    LoopSampler &m_sampler;
    SamplerUse m_use; // coming into sight takes a sample at once, which updates the models
    LoopTableModel *m_table;
    LoopTreeModel *m_tree;
    LoopFilterProxy *m_tableProxy;
    LoopFilterProxy *m_treeProxy;
    LoopHistoryModel *m_history;
    QLineEdit *m_filter;
    QComboBox *m_stateFilter;
    QToolButton *m_treeButton;
    QToolButton *m_killButton;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_tableView;
    QTreeView *m_treeView;
    QLabel *m_historyTitle;
    QListView *m_historyView;
    LoopId m_selected = 0;
    bool m_selecting = false;
    std::function<bool(const QString &)> m_confirmKill;
};

} // namespace diesel::widgets
