// SPDX-License-Identifier: MIT
#include "chartrecorder.h"
#include "chartspanel.h"
#include "consolepanel.h"
#include "documentcontroller.h"
#include "eventlog.h"
#include "helpdialog.h"
#include "itemtype.h"
#include "mainwindow.h"
#include "propertiespanel.h"
#include "recentfiles.h"
#include "settings.h"
#include "workspacecontroller.h"
#include "workspacepanel.h"

#include <diesel/widgets/hubstatuswidget.h>
#include <diesel/widgets/loopinspector.h>
#include <diesel/widgets/loopsampler.h>
#include <diesel/widgets/messagebar.h>
#include <diesel/widgets/mongodecoder.h>
#include <diesel/widgets/schedulepanel.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/trafficview.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QResizeEvent>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

#include <algorithm>

namespace workbench {

namespace dw = diesel::widgets;

namespace {
constexpr int kLayoutVersion = 1;
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
} // namespace

MainWindow::MainWindow(diesel::Hub &hub, SettingsStore &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_hub(hub)
    , m_settings(settings)
    , m_confirm(askWithMessageBox)
    , m_workspace(new WorkspaceController(this))
    , m_log(new EventLog(hub, this))
    , m_recent(new RecentFiles(settings, this))
    , m_document(new DocumentController(*m_workspace, *m_recent, this))
    , m_sampler(new dw::LoopSampler(hub, this))
{
    setWindowIcon(QIcon(QStringLiteral(":/diesel/icons/diesel-workbench.svg")));
    setDockNestingEnabled(true);

    m_workspacePanel = new WorkspacePanel(*m_workspace, this);
    m_properties = new PropertiesPanel(*m_workspace, this);
    m_inspector = new dw::LoopInspector(*m_sampler, this);
    m_schedule = new dw::SchedulePanel(*m_sampler, this);
    m_traffic = new dw::TrafficView(hub, this);
    m_traffic->addDecoder(dw::mongoDecoderFactory());
    m_console = new ConsolePanel(*m_log, this);
    m_chartRecorder = new ChartRecorder(*m_workspace, *m_sampler, this);
    m_charts = new ChartsPanel(*m_chartRecorder, *m_sampler, this);
    m_logView = new QPlainTextEdit(this);
    m_logView->setReadOnly(true);
    m_logView->setMaximumBlockCount(EventLog::kKept);
    m_logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_logView->setToolTip(QStringLiteral("What the workspace did: items starting and stopping, "
                                         "connections, Loops that failed"));

    // The message bar floats over the top of the docks instead of taking a row of the layout:
    // showing or dismissing it moves no panel.
    m_messages = new dw::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("messageBar"));
    connect(m_messages, &dw::MessageBar::visibilityChanged, this, &MainWindow::placeMessages);

    m_workspaceDock = addPanel(m_workspacePanel, QStringLiteral("Workspace"),
                               QStringLiteral("workspaceDock"), Qt::LeftDockWidgetArea);
    m_propertiesDock = addPanel(m_properties, QStringLiteral("Properties"),
                                QStringLiteral("propertiesDock"), Qt::LeftDockWidgetArea);
    m_loopsDock = addPanel(m_inspector, QStringLiteral("Loops"), QStringLiteral("loopsDock"),
                           Qt::LeftDockWidgetArea);
    m_scheduleDock = addPanel(m_schedule, QStringLiteral("Schedule"),
                              QStringLiteral("scheduleDock"), Qt::LeftDockWidgetArea);
    m_trafficDock = addPanel(m_traffic, QStringLiteral("Traffic"), QStringLiteral("trafficDock"),
                             Qt::LeftDockWidgetArea);
    m_consoleDock = addPanel(m_console, QStringLiteral("Console"), QStringLiteral("consoleDock"),
                             Qt::LeftDockWidgetArea);
    m_logDock = addPanel(m_logView, QStringLiteral("Log"), QStringLiteral("logDock"),
                         Qt::LeftDockWidgetArea);
    m_chartsDock = addPanel(m_charts, QStringLiteral("Charts"), QStringLiteral("chartsDock"),
                            Qt::LeftDockWidgetArea);
    defaultLayout();

    buildMenus();
    buildStatusBar();
    linkPanels();
    setConfirm(m_confirm);
    restoreLayout();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Items first, while every panel that shows them is still there.
    m_workspace->clear();
}

QList<QDockWidget *> MainWindow::docks() const
{
    return {m_workspaceDock, m_propertiesDock, m_loopsDock, m_scheduleDock,
            m_trafficDock,   m_consoleDock,    m_logDock,   m_chartsDock};
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, const QString &name,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::showSchedule(diesel::Clock::duration span)
{
    // Laid out anew: split from a dock in a tab group, the schedule would only become a tab.
    defaultLayout(true);
    m_restored = false; // the default sizes apply when the window shows
    m_schedule->view().setSpan(span);
}

void MainWindow::defaultLayout(bool scheduleBeside)
{
    // One dock area holds every panel, split in three columns (workspace | Loops over traffic |
    // properties): docks in one area size as asked, and the middle column gets the room.
    for (QDockWidget *dock : docks()) {
        dock->setFloating(false);
        dock->show();
        removeDockWidget(dock);
    }
    addDockWidget(Qt::LeftDockWidgetArea, m_workspaceDock);
    splitDockWidget(m_workspaceDock, m_loopsDock, Qt::Horizontal);
    splitDockWidget(m_loopsDock, m_propertiesDock, Qt::Horizontal);
    splitDockWidget(m_loopsDock, m_trafficDock, Qt::Vertical);
    if (scheduleBeside)
        splitDockWidget(m_loopsDock, m_scheduleDock, Qt::Vertical);
    else
        tabifyDockWidget(m_loopsDock, m_scheduleDock);
    tabifyDockWidget(m_trafficDock, m_consoleDock);
    tabifyDockWidget(m_consoleDock, m_logDock);
    // The charts take no room of their own: a tab beside the traffic, drawn once raised.
    tabifyDockWidget(m_logDock, m_chartsDock);
    for (QDockWidget *dock : docks())
        dock->show();
    m_loopsDock->raise();
    m_trafficDock->raise();
    defaultSizes();
}

void MainWindow::defaultSizes()
{
    // The sides stay narrow: the Loops and the traffic need the room. The Properties get at
    // least what their widest page needs; the workspace tree gives way in small windows.
    const int properties = std::max(300, m_properties->minimumSizeHint().width());
    const int tree = width() < 1300 ? 200 : 260;
    resizeDocks({m_workspaceDock, m_loopsDock, m_propertiesDock},
                {tree, std::max(400, width() - tree - properties), properties}, Qt::Horizontal);
    if (tabifiedDockWidgets(m_scheduleDock).isEmpty() && !m_scheduleDock->isFloating())
        resizeDocks({m_loopsDock, m_scheduleDock, m_trafficDock}, {240, 360, 300}, Qt::Vertical);
    else
        resizeDocks({m_loopsDock, m_trafficDock}, {420, 380}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    m_defaultState = saveState(kLayoutVersion);
    const QByteArray geometry = m_settings.value(kGeometryKey).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1500, 920);
    const QByteArray state = m_settings.value(kStateKey).toByteArray();
    m_restored = !state.isEmpty() && restoreState(state, kLayoutVersion);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Dock sizes apply once the window has its size: the first time it is shown.
    if (!m_restored && !m_sized) {
        m_sized = true;
        QTimer::singleShot(0, this, &MainWindow::defaultSizes);
    }
}

void MainWindow::setConfirm(Confirm confirm)
{
    m_confirm = std::move(confirm);
    m_workspacePanel->setConfirm(m_confirm);
    m_properties->setConfirm(m_confirm);
    m_console->setConfirm(m_confirm);
    if (m_confirm)
        m_inspector->setKillConfirmation(
            [this](const QString &question) { return m_confirm(this, question); });
    else
        m_inspector->setKillConfirmation({});
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *newAction = file->addAction(QStringLiteral("&New Workspace"), this, [this] {
        if (m_document->maybeSave())
            m_document->newWorkspace();
    });
    newAction->setShortcut(QKeySequence::New);
    newAction->setToolTip(QStringLiteral("Start from an empty workspace"));
    QAction *open = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton),
                                    QStringLiteral("&Open\u2026"), m_document,
                                    &DocumentController::openWithDialog);
    open->setShortcut(QKeySequence::Open);
    file->addAction(QStringLiteral("Open the &Demo Workspace"), this, [this] {
        if (m_document->maybeSave())
            m_document->openDemo();
    });
    m_recentMenu = file->addMenu(QStringLiteral("Open &Recent"));
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    file->addSeparator();
    QAction *save =
        file->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), QStringLiteral("&Save"),
                        m_document, &DocumentController::saveWithDialog);
    save->setShortcut(QKeySequence::Save);
    QAction *saveAs = file->addAction(QStringLiteral("Save &As\u2026"), m_document,
                                      &DocumentController::saveAsWithDialog);
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(QStringLiteral("Export &Traffic\u2026"), m_traffic,
                    &dw::TrafficView::exportPcapngWithDialog)
        ->setToolTip(QStringLiteral("Write the captured traffic as pcapng for Wireshark"));
    QAction *exportSchedule = file->addAction(QStringLiteral("Export &Schedule\u2026"), m_schedule,
                                              &dw::SchedulePanel::exportTrace);
    exportSchedule->setToolTip(QStringLiteral("Save the recorded schedule as a Chrome trace for "
                                              "Perfetto or chrome://tracing"));
    file->addSeparator();
    QAction *quit = file->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *items = menuBar()->addMenu(QStringLiteral("&Workspace"));
    items->addActions(m_workspacePanel->newItemActions());
    items->addSeparator();
    items->addAction(m_workspacePanel->startAction());
    items->addAction(m_workspacePanel->stopAction());
    items->addAction(m_workspacePanel->removeAction());

    QMenu *run = menuBar()->addMenu(QStringLiteral("&Run"));
    QAction *startAll = run->addAction(style()->standardIcon(QStyle::SP_MediaPlay),
                                       QStringLiteral("&Start All"), this, &MainWindow::startAll);
    startAll->setShortcut(QKeySequence(Qt::Key_F5));
    startAll->setToolTip(QStringLiteral("Start every Service, Queue and Client (F5)"));
    QAction *stopAll = run->addAction(style()->standardIcon(QStyle::SP_MediaStop),
                                      QStringLiteral("S&top All"), this, &MainWindow::stopAll);
    stopAll->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    stopAll->setToolTip(QStringLiteral("Stop everything; open connections close (Shift+F5)"));

    m_viewMenu = menuBar()->addMenu(QStringLiteral("&View"));
    const QKeySequence keys[] = {
        QKeySequence(Qt::ALT | Qt::Key_1), QKeySequence(Qt::ALT | Qt::Key_2),
        QKeySequence(Qt::ALT | Qt::Key_3), QKeySequence(Qt::ALT | Qt::Key_4),
        QKeySequence(Qt::ALT | Qt::Key_5), QKeySequence(Qt::ALT | Qt::Key_6),
        QKeySequence(Qt::ALT | Qt::Key_7), QKeySequence(Qt::ALT | Qt::Key_8)};
    int k = 0;
    for (QDockWidget *dock : docks()) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(keys[k++]);
        m_viewMenu->addAction(toggle);
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(QStringLiteral("&Reset Layout"), this,
                          [this] { restoreState(m_defaultState, kLayoutVersion); });

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction *concepts = help->addAction(QStringLiteral("&Concepts: Loops, Hub, Services\u2026"),
                                        this, &MainWindow::showConcepts);
    concepts->setShortcut(QKeySequence::HelpContents);
    help->addAction(QStringLiteral("&About Diesel Workbench"), this, &MainWindow::showAbout);
    help->addAction(QStringLiteral("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar()
{
    m_status = new dw::HubStatusWidget(m_hub, this);
    statusBar()->addWidget(m_status);
    auto *hint = new QLabel(QStringLiteral("Double-click a Loop, a connection or a service to "
                                           "look inside"),
                            this);
    hint->setEnabled(false);
    statusBar()->addPermanentWidget(hint);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recent->files();
    int n = 0;
    for (const QString &path : files) {
        QAction *a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(++n).arg(QFileInfo(path).fileName()), this, [this, path] {
                if (m_document->maybeSave())
                    m_document->openFile(path);
            });
        a->setToolTip(path);
    }
    if (files.isEmpty())
        m_recentMenu->addAction(QStringLiteral("(none yet)"))->setEnabled(false);
    else
        m_recentMenu->addAction(QStringLiteral("&Clear List"), m_recent, &RecentFiles::clear);
}

void MainWindow::linkPanels()
{
    // A dock tabbed behind another stays visible to Qt; the dock says when it can be seen.
    connect(m_loopsDock, &QDockWidget::visibilityChanged, m_inspector,
            &dw::LoopInspector::setViewed);
    connect(m_scheduleDock, &QDockWidget::visibilityChanged, m_schedule,
            &dw::SchedulePanel::setViewed);
    connect(m_chartsDock, &QDockWidget::visibilityChanged, m_charts, &ChartsPanel::setViewed);
    connect(m_log, &EventLog::lineAdded, m_logView, &QPlainTextEdit::appendPlainText,
            Qt::QueuedConnection);
    connect(m_workspace, &WorkspaceController::logLine, m_log, &EventLog::add);
    connect(m_document, &DocumentController::problem, this, &MainWindow::showProblem);
    connect(m_document, &DocumentController::info, this, [this](const QString &message) {
        m_messages->showMessage(dw::MessageBar::Kind::Info, message);
    });
    connect(m_document, &DocumentController::documentChanged, this, &MainWindow::updateTitle);
    // A workspace opens with its first item selected: its panel shows what it is doing.
    connect(m_document, &DocumentController::documentChanged, this, [this] {
        if (!m_workspace->items().isEmpty())
            m_workspacePanel->selectItem(m_workspace->items().front());
    });
    connect(m_workspace, &WorkspaceController::modifiedChanged, this, &MainWindow::updateTitle);

    connect(m_workspacePanel, &WorkspacePanel::itemSelected, this, [this](ItemController *item) {
        m_properties->showItem(item);
        m_console->showItem(item);
        m_charts->showItem(item);
    });
    connect(m_workspacePanel, &WorkspacePanel::itemActivated, this, &MainWindow::onItemActivated);

    // A Loop selected anywhere is selected everywhere.
    connect(m_inspector, &dw::LoopInspector::loopSelected, m_schedule,
            &dw::SchedulePanel::selectLoop);
    connect(m_schedule, &dw::SchedulePanel::loopClicked, this, &MainWindow::selectLoop);
    connect(m_traffic, &dw::TrafficView::loopSelected, this, &MainWindow::selectLoop);
    connect(m_inspector, &dw::LoopInspector::loopActivated, this,
            [this](diesel::LoopId, quint64 connection) {
                if (connection == 0)
                    return;
                m_traffic->showConnection(connection);
                m_trafficDock->raise();
            });
    connect(m_traffic, &dw::TrafficView::connectionSelected, this, &MainWindow::selectLoopOf);
    connect(m_traffic, &dw::TrafficView::connectionActivated, this,
            [this](diesel::ConnectionId id) {
                m_loopsDock->show();
                m_loopsDock->raise();
                selectLoopOf(id);
            });
}

void MainWindow::selectLoopOf(diesel::ConnectionId connection)
{
    if (const auto &loops = m_sampler->latest().loops)
        for (const dw::LoopRecord &r : *loops)
            if (r.info.connection == connection && !r.ended) {
                selectLoop(r.info.id);
                return;
            }
}

void MainWindow::selectLoop(diesel::LoopId id)
{
    m_inspector->selectLoop(id);
    m_schedule->selectLoop(id);
}

void MainWindow::onItemActivated(ItemController *item)
{
    m_propertiesDock->show();
    m_propertiesDock->raise();
    if (!item)
        return;
    if (const QString owner = item->trafficOwner(); !owner.isEmpty())
        m_traffic->filterOwner(owner);
    switch (item->type().lookInside) {
    case ItemType::LookInside::Properties:
        break;
    case ItemType::LookInside::Traffic:
        m_trafficDock->show();
        m_trafficDock->raise();
        break;
    case ItemType::LookInside::Console:
        m_consoleDock->show();
        m_consoleDock->raise();
        break;
    }
    if (const diesel::LoopId loop = item->loop())
        selectLoop(loop);
}

void MainWindow::placeMessages()
{
    const int top = menuBar()->isVisible() ? menuBar()->geometry().bottom() + 1 : 0;
    const int height = m_messages->heightForWidth(width());
    m_messages->setGeometry(0, top, width(), height > 0 ? height : m_messages->sizeHint().height());
    m_messages->raise();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    placeMessages();
}

void MainWindow::showProblem(const QString &message)
{
    m_messages->showMessage(dw::MessageBar::Kind::Error, message);
    m_log->add(message);
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] \u2014 Diesel Workbench").arg(m_document->displayName()));
    setWindowModified(m_workspace->modified());
}

void MainWindow::startAll()
{
    m_workspace->startAll();
}

void MainWindow::stopAll()
{
    const std::size_t live = m_workspace->liveConnections();
    if (live > 0 && m_confirm &&
        !m_confirm(this, QStringLiteral("Stop everything? %1 open connections close.").arg(live)))
        return;
    m_workspace->stopAll();
}

void MainWindow::showConcepts()
{
    auto *dialog = new HelpDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, QStringLiteral("About Diesel Workbench"),
        QStringLiteral("<h3>Diesel Workbench %1</h3><p>Build Services and Clients in panels and "
                       "watch every Loop and every byte live. The runtime is a C++ port of the "
                       "Python <i>diesel</i> library: Loops are fibers switched by a Hub inside "
                       "Qt's event loop, so this window and thousands of sockets share one "
                       "thread.</p><p>Qt %2</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_document->maybeSave()) {
        event->ignore();
        return;
    }
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kStateKey, saveState(kLayoutVersion));
    event->accept();
}

} // namespace workbench
