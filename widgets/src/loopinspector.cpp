// SPDX-License-Identifier: MIT
#include <diesel/core/hub.h>
#include <diesel/widgets/fastitemdelegate.h>
#include <diesel/widgets/followtail.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/loopfilterproxy.h>
#include <diesel/widgets/loophistory.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/looptablemodel.h>
#include <diesel/widgets/looptreemodel.h>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace diesel::widgets {

namespace {

void setUpColumns(QHeaderView *header, const QFontMetrics &fm)
{
    const int em = fm.horizontalAdvance(QLatin1Char('M'));
    const int widths[LoopColumnCount] = {4, 18, 4, 12, 15, 6, 6, 6, 6, 4};
    for (int c = 0; c < LoopColumnCount; ++c)
        header->resizeSection(c, widths[c] * em);
    header->setSectionResizeMode(QHeaderView::Interactive);
    // What a Loop waits on is the longest and most telling text: it takes the room left.
    header->setSectionResizeMode(ColWaitsOn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    header->setSortIndicatorShown(true);
}

// The label of Loop `id` in `sample` ("" when it is not there).
QString labelIn(const LoopSample &sample, LoopId id)
{
    QString label;
    for (const LoopRecord &r : sample.records())
        if (r.info.id == id)
            label = QString::fromStdString(r.info.label);
    return label;
}

} // namespace

LoopInspector::LoopInspector(LoopSampler &sampler, QWidget *parent)
    : QWidget(parent)
    , m_sampler(sampler)
    , m_use(sampler)
    , m_table(new LoopTableModel(this))
    , m_tree(new LoopTreeModel(this))
    , m_tableProxy(new LoopFilterProxy(this))
    , m_treeProxy(new LoopFilterProxy(this))
    , m_history(new LoopHistoryModel(sampler.hub(), this))
{
    m_tableProxy->setSourceModel(m_table);
    m_treeProxy->setSourceModel(m_tree);

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(QStringLiteral("Filter by id, label or what it waits on"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(QStringLiteral("Shows the Loops whose id, label, state or wait contains "
                                        "this text"));

    m_stateFilter = new QComboBox(this);
    m_stateFilter->addItem(QStringLiteral("All states"), -1);
    for (int s = 0; s < kVisualStateCount; ++s)
        m_stateFilter->addItem(stateIcon(VisualState(s)), stateWord(VisualState(s)), s);
    m_stateFilter->setToolTip(QStringLiteral("Show only the Loops in this state"));

    m_treeButton = new QToolButton(this);
    m_treeButton->setText(QStringLiteral("Tree"));
    m_treeButton->setCheckable(true);
    m_treeButton->setToolTip(QStringLiteral("Show the Loops as a tree by parent (the Loop that "
                                            "forked them)"));

    m_killButton = new QToolButton(this);
    m_killButton->setText(QStringLiteral("Kill"));
    m_killButton->setIcon(stateIcon(VisualState::Dead));
    m_killButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_killButton->setToolTip(QStringLiteral("Cancel the selected Loop (Delete): LoopCancelled is "
                                            "thrown into it at its wait"));
    m_killButton->setEnabled(false);
    // Delete kills only while the inspector has the focus, never while typing elsewhere.
    auto *kill = new QAction(QStringLiteral("Kill Loop"), this);
    kill->setShortcut(QKeySequence::Delete);
    kill->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(kill, &QAction::triggered, this, &LoopInspector::killSelected);
    addAction(kill);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("loopCount"));
    m_count->setToolTip(QStringLiteral("Loops alive, as in the status bar; Loops that ended a "
                                       "moment ago; Loops shown by the filter"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_stateFilter);
    bar->addWidget(m_treeButton);
    bar->addWidget(m_killButton);
    bar->addWidget(m_count);

    m_tableView = new QTableView(this);
    m_tableView->setModel(m_tableProxy);
    m_tableView->setItemDelegate(new FastItemDelegate(m_tableView));
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(ColId, Qt::AscendingOrder);
    m_tableView->verticalHeader()->hide();
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_tableView->setWordWrap(false);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUpColumns(m_tableView->horizontalHeader(), fontMetrics());

    m_treeView = new QTreeView(this);
    m_treeView->setModel(m_treeProxy);
    m_treeView->setItemDelegate(new FastItemDelegate(m_treeView));
    m_treeView->setUniformRowHeights(true);
    m_treeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_treeView->setSortingEnabled(true);
    m_treeView->sortByColumn(ColId, Qt::AscendingOrder);
    m_treeView->setAlternatingRowColors(true);
    m_treeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUpColumns(m_treeView->header(), fontMetrics());

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_tableView);
    m_stack->addWidget(m_treeView);

    m_historyTitle = new QLabel(QStringLiteral("Select a Loop to see its recent states"), this);
    m_historyTitle->setObjectName(QStringLiteral("historyTitle"));
    m_historyTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_historyView = new QListView(this);
    m_historyView->setModel(m_history);
    m_historyView->setItemDelegate(new FastItemDelegate(m_historyView));
    m_historyView->setUniformItemSizes(true);
    m_historyView->setToolTip(QStringLiteral("The selected Loop's recent states, newest last"));
    new FollowTail(m_historyView, this);

    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historyTitle);
    historyLayout->addWidget(m_historyView);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_stack);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        {
            const QScopedValueRollback quiet(m_selecting, true);
            m_tableProxy->setText(text);
            m_treeProxy->setText(text);
        }
        reselect();
        updateCounts();
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_stateFilter->currentData().toInt();
        const std::optional<VisualState> state =
            s < 0 ? std::nullopt : std::optional(VisualState(s));
        {
            const QScopedValueRollback quiet(m_selecting, true);
            m_tableProxy->setState(state);
            m_treeProxy->setState(state);
        }
        reselect();
        updateCounts();
    });
    connect(m_treeButton, &QToolButton::toggled, this, &LoopInspector::setTreeMode);
    connect(m_killButton, &QToolButton::clicked, this, &LoopInspector::killSelected);
    for (QAbstractItemView *view : {static_cast<QAbstractItemView *>(m_tableView),
                                    static_cast<QAbstractItemView *>(m_treeView)}) {
        connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { onCurrentChanged(current); });
        connect(view, &QAbstractItemView::doubleClicked, this, &LoopInspector::onActivated);
    }
    connect(&m_sampler, &LoopSampler::sampled, this, &LoopInspector::onSample);
    updateCounts();
}

void LoopInspector::setKillConfirmation(std::function<bool(const QString &)> confirm)
{
    m_confirmKill = std::move(confirm);
}

bool LoopInspector::treeMode() const noexcept
{
    return m_stack->currentWidget() == m_treeView;
}

void LoopInspector::setTreeMode(bool tree)
{
    if (tree == treeMode())
        return;
    {
        const QSignalBlocker block(m_treeButton);
        m_treeButton->setChecked(tree);
    }
    // Only the visible model follows the samples; bring the other one up to date first.
    {
        const QScopedValueRollback quiet(m_selecting, true);
        if (tree)
            m_tree->update(m_sampler.latest());
        else
            m_table->update(m_sampler.latest());
    }
    m_stack->setCurrentWidget(tree ? static_cast<QWidget *>(m_treeView) : m_tableView);
    if (tree)
        m_treeView->expandToDepth(0);
    reselect();
    updateCounts();
}

QAbstractItemView *LoopInspector::currentView() const
{
    return treeMode() ? static_cast<QAbstractItemView *>(m_treeView) : m_tableView;
}

void LoopInspector::onSample(const LoopSample &sample)
{
    if (!m_use.active())
        return; // brought up to date when it is seen again
    {
        // A view moves its current row to a neighbour when that row goes: not a choice of the
        // person, so it selects nothing; reselect() then puts the selection back or clears it.
        const QScopedValueRollback quiet(m_selecting, true);
        if (treeMode())
            m_tree->update(sample);
        else
            m_table->update(sample);
    }
    // "In state" and timer countdowns change with time alone: repaint what is visible.
    currentView()->viewport()->update();
    reselect();
    updateCounts();
}

void LoopInspector::updateCounts()
{
    // Live Loops, as the status bar counts them (HubStats::loops); the ended ones still listed
    // for a moment are counted apart.
    std::size_t ended = 0;
    for (const LoopRecord &r : m_sampler.latest().records())
        ended += r.ended ? 1 : 0;
    const bool filtered = !m_filter->text().isEmpty() || m_stateFilter->currentData().toInt() >= 0;
    QString text = QStringLiteral("%1 Loops").arg(exactNumber(m_sampler.latest().stats.loops));
    if (ended > 0)
        text += QStringLiteral(" \u00b7 %1 ended").arg(exactNumber(std::uint64_t(ended)));
    if (filtered && !treeMode())
        text += QStringLiteral(" (%1 shown)").arg(m_tableProxy->rowCount());
    m_count->setText(text);
}

void LoopInspector::reselect()
{
    if (m_selected == 0)
        return;
    QAbstractItemView *view = currentView();
    const QModelIndex current = view->currentIndex();
    if (current.isValid() && current.data(LoopIdRole).toULongLong() == m_selected &&
        view->selectionModel()->isSelected(current))
        return;
    QModelIndex source = treeMode() ? m_tree->indexOf(m_selected)
                                    : (m_table->rowOf(m_selected) >= 0
                                           ? m_table->index(m_table->rowOf(m_selected), 0)
                                           : QModelIndex());
    const QModelIndex proxy = !source.isValid() ? QModelIndex()
                              : treeMode()      ? m_treeProxy->mapFromSource(source)
                                                : m_tableProxy->mapFromSource(source);
    const QScopedValueRollback quiet(m_selecting, true);
    if (!proxy.isValid()) {
        // Gone from the list: no other row takes its place, and the title says why.
        view->selectionModel()->clear();
        m_historyTitle->setText(
            QStringLiteral("Loop %1 is no longer listed (it ended, or the filter hides it); "
                           "its last states:")
                .arg(m_selected));
        return;
    }
    view->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_historyTitle->setText(QStringLiteral("Recent states of Loop %1 %2")
                                .arg(m_selected)
                                .arg(labelIn(m_sampler.latest(), m_selected)));
}

void LoopInspector::selectLoop(LoopId id)
{
    if (id == m_selected && id != 0) {
        reselect();
        return;
    }
    m_selected = id;
    m_history->watch(id);
    m_killButton->setEnabled(id != 0);
    if (id == 0) {
        m_historyTitle->setText(QStringLiteral("Select a Loop to see its recent states"));
        const QScopedValueRollback quiet(m_selecting, true);
        currentView()->clearSelection();
        return;
    }
    reselect();
    if (QAbstractItemView *view = currentView(); view->currentIndex().isValid())
        view->scrollTo(view->currentIndex());
}

void LoopInspector::onCurrentChanged(const QModelIndex &proxyIndex)
{
    if (m_selecting)
        return;
    const LoopId id = proxyIndex.isValid() ? proxyIndex.data(LoopIdRole).toULongLong() : 0;
    if (id == m_selected)
        return;
    selectLoop(id);
    Q_EMIT loopSelected(id);
}

void LoopInspector::onActivated(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    Q_EMIT loopActivated(proxyIndex.data(LoopIdRole).toULongLong(),
                         proxyIndex.data(ConnectionIdRole).toULongLong());
}

void LoopInspector::killSelected()
{
    if (m_selected == 0)
        return;
    const LoopId id = m_selected;
    if (m_confirmKill &&
        !m_confirmKill(QStringLiteral("Kill Loop %1 (%2)? Its connection, if it has one, "
                                      "closes.")
                           .arg(id)
                           .arg(labelIn(m_sampler.latest(), id))))
        return;
    m_sampler.hub().cancel(id, "killed from the workbench");
}

void LoopInspector::setViewed(bool viewed)
{
    m_use.setViewed(viewed);
}

void LoopInspector::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_use.setShown(true);
}

void LoopInspector::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_use.setShown(false);
}

} // namespace diesel::widgets
