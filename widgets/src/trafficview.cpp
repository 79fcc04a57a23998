// SPDX-License-Identifier: MIT
#include "logging_p.h"
#include "scopefilter_p.h"

#include <diesel/widgets/connectionlistmodel.h>
#include <diesel/widgets/decodedtrafficmodel.h>
#include <diesel/widgets/decodedtrafficpane.h>
#include <diesel/widgets/fastitemdelegate.h>
#include <diesel/widgets/followtail.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/streamview.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficrecorder.h>
#include <diesel/widgets/trafficview.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace diesel::widgets {

// Shows the connections of one owner.
class ConnectionFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setOwner(const QString &owner)
    {
        m_owner = owner;
        invalidateRowsFilter();
    }
    void setHideClosed(bool hide)
    {
        m_hideClosed = hide;
        invalidateRowsFilter();
    }
    bool hideClosed() const { return m_hideClosed; }
    // The owner's closed connections, shown or not.
    int closedOfOwner() const
    {
        int closed = 0;
        for (int row = 0; row < sourceModel()->rowCount(); ++row)
            closed += ownerMatches(row) && !isOpen(row) ? 1 : 0;
        return closed;
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &) const override
    {
        return ownerMatches(row) && (!m_hideClosed || isOpen(row));
    }

private:
    bool ownerMatches(int row) const
    {
        return m_owner.isEmpty() ||
               sourceModel()->index(row, 0).data(ConnectionListModel::OwnerRole).toString() ==
                   m_owner;
    }
    bool isOpen(int row) const
    {
        return sourceModel()->index(row, 0).data(ConnectionListModel::OpenRole).toBool();
    }

    QString m_owner;
    bool m_hideClosed = false;
};

TrafficView::TrafficView(Hub &hub, QWidget *parent)
    : QWidget(parent)
    , m_recorder(new TrafficRecorder(hub, 2048, this))
    , m_model(new TrafficModel(this))
    , m_connections(new ConnectionListModel(this))
    , m_proxy(new ScopeFilterProxy(TrafficModel::ConnectionIdRole, TrafficModel::OwnerRole, this))
    , m_connectionProxy(new ConnectionFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_connectionProxy->setSourceModel(m_connections);

    m_capture = new QToolButton(this);
    m_capture->setCheckable(true);
    m_capture->setChecked(true);
    m_capture->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_capture->setToolTip(QStringLiteral("Capture the bytes that cross every connection; pause to "
                                         "stop copying them (connections are still followed)"));

    m_owner = new QComboBox(this);
    m_owner->addItem(QStringLiteral("All services and clients"), QString());
    m_owner->setToolTip(QStringLiteral("Show the traffic of one Service or Client"));
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_owner->setMinimumContentsLength(14);

    m_hex = new QToolButton(this);
    m_hex->setText(QStringLiteral("Hex"));
    m_hex->setCheckable(true);
    m_hex->setToolTip(QStringLiteral("Show the bytes as hex instead of text (double-click a row "
                                     "to switch just that one)"));

    m_follow = new QCheckBox(QStringLiteral("Follow"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(
        QStringLiteral("Keep the newest bytes in view; scrolling up turns it off"));

    auto *exportButton = new QToolButton(this);
    exportButton->setText(QStringLiteral("Export\u2026"));
    exportButton->setToolTip(QStringLiteral("Save the rows shown as a text file (copy selected "
                                            "rows with Ctrl+C or the context menu)"));
    auto *clear = new QToolButton(this);
    clear->setText(QStringLiteral("Clear"));
    clear->setToolTip(QStringLiteral("Forget the captured rows"));

    m_hideClosed = new QToolButton(this);
    m_hideClosed->setObjectName(QStringLiteral("hideClosed"));
    m_hideClosed->setCheckable(true);
    m_hideClosed->setText(QStringLiteral("Hide closed"));
    m_hideClosed->setToolTip(QStringLiteral("List only open connections (turns itself on once "
                                            "hundreds of closed ones pile up)"));

    m_allConnections = new QToolButton(this);
    m_allConnections->setText(QStringLiteral("All"));
    m_allConnections->setToolTip(QStringLiteral("Show every connection's transcript again"));
    m_allConnections->setEnabled(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trafficStatus"));
    // The counts may be cut short; the panel must stay narrow enough to share the window.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_capture);
    bar->addWidget(m_owner);
    bar->addWidget(m_allConnections);
    bar->addWidget(m_hex);
    bar->addWidget(m_follow);
    bar->addWidget(exportButton);
    bar->addWidget(clear);
    bar->addWidget(m_status, 1);

    const int rowHeight = fontMetrics().height() + 4;
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));

    m_connectionView = new QTableView(this);
    m_connectionView->setObjectName(QStringLiteral("connectionList"));
    m_connectionView->setModel(m_connectionProxy);
    m_connectionView->setItemDelegate(new FastItemDelegate(m_connectionView));
    m_connectionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_connectionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_connectionView->verticalHeader()->hide();
    m_connectionView->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_connectionView->horizontalHeader()->setStretchLastSection(true);
    m_connectionView->setWordWrap(false);
    m_connectionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_connectionView->setToolTip(QStringLiteral("Select a connection to see only its transcript"));
    const int connWidths[] = {3, 8, 6, 10};
    for (int c = 0; c < ConnectionListModel::ColIn; ++c)
        m_connectionView->horizontalHeader()->resizeSection(c, connWidths[c] * em);
    // The byte counts are read, not guessed: room for the widest humanBytes() text.
    const int bytesWidth = fontMetrics().horizontalAdvance(QStringLiteral("1023.9 KiB")) + em;
    for (int c : {int(ConnectionListModel::ColIn), int(ConnectionListModel::ColOut)})
        m_connectionView->horizontalHeader()->resizeSection(c, bytesWidth);
    m_listWidth = 0;
    for (int c = 0; c < ConnectionListModel::ColumnCount; ++c)
        m_listWidth += m_connectionView->horizontalHeader()->sectionSize(c);

    m_transcript = new QTableView(this);
    m_transcript->setObjectName(QStringLiteral("transcript"));
    m_transcript->setModel(m_proxy);
    m_transcript->setItemDelegate(new FastItemDelegate(m_transcript));
    m_transcript->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_transcript->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_transcript->verticalHeader()->hide();
    m_transcript->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_transcript->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_transcript->horizontalHeader()->setStretchLastSection(true);
    m_transcript->setWordWrap(false);
    // Clipping is much cheaper than eliding each cell on every repaint; tooltips show it all.
    m_transcript->setTextElideMode(Qt::ElideNone);
    m_transcript->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_transcript->setContextMenuPolicy(Qt::CustomContextMenu);
    // The data column takes what is left.
    const int widths[] = {0, 11, 5, 4, 4};
    for (int c = TrafficModel::ColConnection; c < TrafficModel::ColData; ++c)
        m_transcript->horizontalHeader()->resizeSection(c, widths[c] * em);
    m_transcript->horizontalHeader()->resizeSection(
        TrafficModel::ColTime,
        fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000000")) + em);
    m_tail = new FollowTail(m_transcript, this);

    m_split = new QSplitter(Qt::Horizontal, this);
    // The list's own bar: the toolbar above is full in a small window.
    auto *listPane = new QWidget(this);
    auto *listBar = new QHBoxLayout;
    listBar->setContentsMargins(0, 0, 0, 0);
    m_streamButton = new QToolButton(this);
    m_streamButton->setObjectName(QStringLiteral("followStream"));
    m_streamButton->setText(QStringLiteral("Stream\u2026"));
    m_streamButton->setToolTip(QStringLiteral("Follow the selected connection's stream: its "
                                              "whole conversation as text or hex dump"));
    m_streamButton->setEnabled(false);
    listBar->addWidget(m_streamButton);
    listBar->addWidget(m_hideClosed);
    listBar->addStretch(1);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(2);
    listLayout->addLayout(listBar);
    listLayout->addWidget(m_connectionView);
    m_split->addWidget(listPane);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_transcript, QStringLiteral("Bytes"));
    m_decoded = new DecodedTrafficModel(DecoderRegistry::builtins(), this);
    m_decodedPane = new DecodedTrafficPane(*m_decoded, this);
    m_tabs->addTab(m_decodedPane, QStringLiteral("Decoded"));
    m_tabs->setTabToolTip(1, QStringLiteral("The bytes read as protocol messages (RESP, HTTP, "
                                            "WebSocket, Riak, MongoDB), requests paired with "
                                            "their responses"));
    // Decoding costs the engine's thread (it is the GUI's too): it runs only while the tab is
    // shown, and catches up from what the transcript holds when the tab is opened.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (decoding()) {
            poll();
            m_decoded->redecode(*m_model);
        } else {
            m_decoded->clear();
        }
        m_decodedPane->updateStatus();
    });
    connect(m_decodedPane, &DecodedTrafficPane::decodeAsChosen, this, &TrafficView::decodeAs);
    connect(m_decodedPane, &DecodedTrafficPane::bytesRequested, this,
            &TrafficView::showMessageBytes);
    connect(m_decodedPane, &DecodedTrafficPane::connectionRequested, this,
            &TrafficView::showConnection);
    m_split->addWidget(m_tabs);
    m_split->setStretchFactor(0, 2);
    m_split->setStretchFactor(1, 4);
    m_split->setSizes({40 * em, 70 * em});
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);

    auto *copyAction = new QAction(QStringLiteral("Copy"), this);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_transcript->addAction(copyAction);
    connect(copyAction, &QAction::triggered, this, &TrafficView::copySelection);

    connect(m_streamButton, &QToolButton::clicked, this,
            [this] { followStream(m_proxy->connection()); });
    // Reading a row while the newest ones scroll it away is impossible: a selection holds Follow.
    connect(m_transcript->selectionModel(), &QItemSelectionModel::selectionChanged, m_tail,
            [this] { m_tail->setHeld(m_transcript->selectionModel()->hasSelection()); });
    connect(m_capture, &QToolButton::toggled, this, &TrafficView::setCapturing);
    connect(m_hex, &QToolButton::toggled, this, &TrafficView::setHex);
    connect(m_follow, &QCheckBox::toggled, m_tail, &FollowTail::setFollowing);
    connect(m_tail, &FollowTail::followingChanged, m_follow, &QCheckBox::setChecked);
    connect(exportButton, &QToolButton::clicked, this, &TrafficView::exportWithDialog);
    connect(clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        m_decoded->clear();
        updateStatus();
    });
    connect(m_allConnections, &QToolButton::clicked, this, [this] { showConnection(0); });
    connect(m_hideClosed, &QToolButton::clicked, this, [this](bool hide) {
        m_hideClosedChosen = true;
        setHideClosed(hide);
    });
    connect(m_owner, &QComboBox::currentIndexChanged, this,
            [this] { filterOwner(m_owner->currentData().toString()); });
    connect(m_connections, &ConnectionListModel::ownerAdded, this, &TrafficView::addOwner);
    connect(m_transcript->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficView::onTranscriptCurrent);
    connect(m_connectionView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficView::onConnectionCurrent);
    connect(m_connectionView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT connectionActivated(index.data(ConnectionListModel::ConnectionIdRole).toULongLong());
    });
    connect(m_transcript, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        m_model->toggleHex(m_proxy->mapToSource(index).row());
    });
    connect(m_transcript, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_transcript->indexAt(pos);
        QMenu menu(this);
        if (index.isValid() &&
            index.data(TrafficModel::KindRole).toInt() == int(TrafficModel::RowKind::Chunk)) {
            const LoopId loop = index.data(TrafficModel::LoopIdRole).toULongLong();
            const ConnectionId conn = index.data(TrafficModel::ConnectionIdRole).toULongLong();
            menu.addAction(QStringLiteral("Show as text/hex"), this, [this, index] {
                m_model->toggleHex(m_proxy->mapToSource(index).row());
            });
            const std::uint64_t seq = index.data(TrafficModel::SeqRole).toULongLong();
            menu.addAction(QStringLiteral("Hex dump of this chunk\u2026"), this, [this, seq] {
                showChunkBytes(seq)->setMode(StreamView::Mode::HexDump);
            });
            menu.addAction(QStringLiteral("Follow stream #%1\u2026").arg(conn), this,
                           [this, conn] { followStream(conn); });
            if (loop)
                menu.addAction(QStringLiteral("Select Loop %1").arg(loop), this,
                               [this, loop] { Q_EMIT loopSelected(loop); });
            menu.addAction(QStringLiteral("Only connection #%1").arg(conn), this,
                           [this, conn] { showConnection(conn); });
        }
        menu.addAction(QStringLiteral("Copy"), this, &TrafficView::copySelection);
        menu.exec(m_transcript->viewport()->mapToGlobal(pos));
    });

    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &TrafficView::poll);
    m_timer.start();
    m_recorder->start();
    setCapturing(true);
}

TrafficView::~TrafficView()
{
    m_recorder->stop();
}

int TrafficView::shownRows() const
{
    return m_proxy->rowCount();
}

bool TrafficView::capturing() const
{
    return m_recorder->capturing();
}

bool TrafficView::following() const
{
    return m_tail->following();
}

void TrafficView::setHideClosed(bool hide)
{
    {
        const QSignalBlocker block(m_hideClosed);
        m_hideClosed->setChecked(hide);
    }
    {
        const QScopedValueRollback quiet(m_quietSelection, true);
        m_connectionProxy->setHideClosed(hide);
    }
    reselectConnection();
    updateHiddenCount();
}

bool TrafficView::hidingClosed() const
{
    return m_connectionProxy->hideClosed();
}

void TrafficView::updateHiddenCount()
{
    // Past a few hundred closed connections the open ones drown: hidden unless the person chose.
    if (!m_hideClosedChosen && !hidingClosed() &&
        m_connections->closedCount() > m_autoHideClosedAbove) {
        setHideClosed(true);
        return;
    }
    const int hidden = hidingClosed() ? m_connectionProxy->closedOfOwner() : 0;
    m_hideClosed->setText(hidingClosed() ? QStringLiteral("%1 closed hidden").arg(hidden)
                                         : QStringLiteral("Hide closed"));
}

void TrafficView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Side by side, a narrow panel would cut the connections' byte counts and the data: below
    // the width both need, the list goes above the transcript.
    const int needed = m_listWidth + 50 * fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const Qt::Orientation orientation = width() < needed ? Qt::Vertical : Qt::Horizontal;
    if (m_split->orientation() != orientation) {
        m_split->setOrientation(orientation);
        m_split->setSizes(orientation == Qt::Vertical ? QList<int>{height() / 3, height()}
                                                      : QList<int>{m_listWidth, width()});
    }
}

void TrafficView::poll()
{
    TrafficBatch batch = m_recorder->take();
    // When chunks come faster than the view takes them, it takes them less often: the engine's
    // thread is also the GUI's, and the rows it cannot keep are counted either way.
    m_timer.setInterval(batch.lost ? 250 : 100);
    if (batch.lost)
        qCDebug(lcWidgets, "traffic: %llu chunks not captured",
                static_cast<unsigned long long>(batch.lost));
    if (!batch.connections.empty()) {
        {
            const QScopedValueRollback quiet(m_quietSelection, true);
            m_connections->ingest(batch.connections);
        }
        reselectConnection();
        updateHiddenCount();
    }
    if (!batch.chunks.empty() || batch.lost || !batch.connections.empty()) {
        m_model->ingest(batch);
        if (decoding())
            m_decoded->ingest(batch);
        updateStatus();
    }
}

void TrafficView::setCapturing(bool capturing)
{
    if (capturing != m_recorder->capturing()) {
        poll();
        m_recorder->setCapturing(capturing);
        m_model->addNote(capturing ? QStringLiteral("capture resumed")
                                   : QStringLiteral("capture paused"));
    }
    const QSignalBlocker block(m_capture);
    m_capture->setChecked(capturing);
    m_capture->setText(capturing ? QStringLiteral("Capturing") : QStringLiteral("Paused"));
    m_capture->setIcon(
        style()->standardIcon(capturing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    updateStatus();
}

void TrafficView::setHex(bool hex)
{
    m_model->setHex(hex);
    const QSignalBlocker block(m_hex);
    m_hex->setChecked(hex);
}

void TrafficView::addOwner(const QString &owner)
{
    if (m_owner->findData(owner) < 0)
        m_owner->addItem(owner, owner);
}

void TrafficView::filterOwner(const QString &owner)
{
    if (!owner.isEmpty())
        addOwner(owner);
    const int index = m_owner->findData(owner);
    {
        const QSignalBlocker block(m_owner);
        m_owner->setCurrentIndex(std::max(0, index));
    }
    m_proxy->setConnection(0);
    m_proxy->setOwner(owner);
    m_decodedPane->setOwner(owner);
    {
        const QScopedValueRollback quiet(m_quietSelection, true);
        m_connectionProxy->setOwner(owner);
    }
    reselectConnection();
    updateHiddenCount();
    m_allConnections->setEnabled(false);
    updateStatus();
}

void TrafficView::showConnection(ConnectionId id)
{
    m_proxy->setConnection(id);
    m_decodedPane->setConnection(id);
    m_allConnections->setEnabled(id != 0);
    m_streamButton->setEnabled(id != 0);
    if (reselectConnection())
        m_connectionView->scrollTo(m_connectionView->currentIndex());
    updateStatus();
}

bool TrafficView::reselectConnection()
{
    const ConnectionId id = m_proxy->connection();
    const int row = id != 0 ? m_connections->rowOf(id) : -1;
    const QModelIndex index =
        row >= 0 ? m_connectionProxy->mapFromSource(m_connections->index(row, 0)) : QModelIndex();
    QItemSelectionModel *selection = m_connectionView->selectionModel();
    const QScopedValueRollback quiet(m_quietSelection, true);
    if (!index.isValid()) {
        // Its row went (or there is none): no neighbour takes its place; the status says so.
        selection->clear();
        return false;
    }
    if (selection->currentIndex() != index || !selection->isSelected(index))
        selection->setCurrentIndex(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void TrafficView::onConnectionCurrent(const QModelIndex &index)
{
    // A view moves its current row to a neighbour when that row goes: not the person's choice.
    if (m_quietSelection || !index.isValid())
        return;
    const ConnectionId id = index.data(ConnectionListModel::ConnectionIdRole).toULongLong();
    showConnection(id);
    Q_EMIT connectionSelected(id);
}

void TrafficView::onTranscriptCurrent(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const LoopId loop = index.data(TrafficModel::LoopIdRole).toULongLong();
    if (loop)
        Q_EMIT loopSelected(loop);
}

void TrafficView::updateStatus()
{
    QString text = QStringLiteral("%1 chunks, %2")
                       .arg(exactNumber(m_model->chunkCount()), humanBytes(m_model->byteCount()));
    if (m_model->droppedOldest())
        text +=
            QStringLiteral(" \u00b7 %1 oldest dropped").arg(exactNumber(m_model->droppedOldest()));
    if (m_model->notCaptured())
        text += QStringLiteral(" \u00b7 %1 not captured").arg(exactNumber(m_model->notCaptured()));
    if (!m_recorder->capturing())
        text += QStringLiteral(" \u00b7 paused");
    if (const ConnectionId id = m_proxy->connection();
        id != 0 && !m_connectionView->selectionModel()->hasSelection())
        text += QStringLiteral(" \u00b7 connection #%1 is no longer listed").arg(id);
    m_status->setText(text);
}

void TrafficView::copySelection() const
{
    QModelIndexList rows = m_transcript->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows))
        lines << m_model->rowText(m_proxy->mapToSource(index).row());
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

bool TrafficView::exportText(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const int source = m_proxy->mapToSource(m_proxy->index(r, 0)).row();
        file.write(m_model->rowText(source).toUtf8());
        file.write("\n");
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void TrafficView::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export traffic"),
                                                      QStringLiteral("traffic.txt"),
                                                      QStringLiteral("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportText(path, &error))
        m_status->setText(QStringLiteral("Export failed: ") + error);
    else
        m_status->setText(
            QStringLiteral("Exported %1 rows to %2").arg(m_proxy->rowCount()).arg(path));
}

PcapngExport TrafficView::exportPcapng(const TrafficScope &scope, const QString &path)
{
    poll();
    return diesel::widgets::exportPcapng(*m_model, scope, path);
}

void TrafficView::exportPcapngWithDialog()
{
    QStringList choices{QStringLiteral("All captured traffic")};
    QList<TrafficScope> scopes{TrafficScope{}};
    if (const ConnectionId shown = m_proxy->connection()) {
        choices << QStringLiteral("Connection #%1").arg(shown);
        scopes << TrafficScope{{}, shown};
    }
    for (const QString &owner : m_connections->owners()) {
        choices << QStringLiteral("Connections of %1").arg(owner);
        scopes << TrafficScope{owner, 0};
    }
    bool ok = false;
    const QString choice =
        QInputDialog::getItem(this, QStringLiteral("Export traffic"), QStringLiteral("Export:"),
                              choices, scopes.size() > 1 ? 1 : 0, false, &ok);
    if (!ok)
        return;
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export traffic"),
                                                      QStringLiteral("traffic.pcapng"),
                                                      QStringLiteral("pcapng files (*.pcapng)"));
    if (path.isEmpty())
        return;
    const PcapngExport result = exportPcapng(scopes[choices.indexOf(choice)], path);
    if (!result.error.isEmpty())
        m_status->setText(QStringLiteral("Export failed: ") + result.error);
    else
        m_status->setText(QStringLiteral("Exported %1 packets of %2 connections to %3")
                              .arg(result.packets)
                              .arg(result.connections)
                              .arg(path));
}

StreamView *TrafficView::followStream(ConnectionId id)
{
    poll();
    if (!m_stream) {
        m_stream = new StreamView(*m_model, this);
        m_stream->setWindowFlag(Qt::Window);
    }
    m_stream->showConnection(id);
    m_stream->show();
    m_stream->raise();
    return m_stream;
}

StreamView *TrafficView::showChunkBytes(std::uint64_t seq)
{
    StreamView *view = followStream(0);
    view->showChunk(seq);
    return view;
}

void TrafficView::addDecoder(DecoderFactory factory)
{
    m_decoded->addDecoder(std::move(factory));
    m_decodedPane->fillChoices();
}

int TrafficView::shownMessages() const
{
    return m_decodedPane->shownMessages();
}

void TrafficView::decodeAs(const QString &choice)
{
    poll();
    if (const ConnectionId id = m_proxy->connection())
        m_decoded->setChoice(id, choice);
    else
        m_decoded->setDefaultChoice(choice);
    m_decodedPane->showChoice(choice);
    if (decoding())
        m_decoded->redecode(*m_model);
    m_decodedPane->updateStatus();
}

bool TrafficView::decoding() const
{
    return m_tabs->currentWidget() == m_decodedPane;
}

void TrafficView::showDecoded()
{
    m_tabs->setCurrentWidget(m_decodedPane);
}

StreamView *TrafficView::showMessageBytes(int row)
{
    const DecodedRow *message = m_decodedPane->shownRow(row);
    if (!message)
        return nullptr;
    StreamView *view = followStream(message->connection);
    view->selectRange(message->direction, message->streamBegin, message->streamEnd);
    return view;
}

} // namespace diesel::widgets
