// SPDX-License-Identifier: MIT
// The main window: composes the panels as docks (workspace, properties, Loops, schedule, traffic,
// console, log, charts), the menus and the status bar, and links the panels so that selecting a
// Loop, a connection or an item in one shows it in the others. It contains no panel itself.
#pragma once

#include "confirm.h"
#include "demoworkspace.h"

#include <diesel/core/hub.h>

#include <QMainWindow>

class QDockWidget;
class QMenu;
class QPlainTextEdit;

namespace diesel::widgets {
class HubStatusWidget;
class LoopInspector;
class LoopSampler;
class MessageBar;
class SchedulePanel;
class TrafficView;
} // namespace diesel::widgets

namespace workbench {

class ChartRecorder;
class ChartsPanel;
class ConsolePanel;
class DocumentController;
class EventLog;
class ItemController;
class PropertiesPanel;
class RecentFiles;
class SettingsStore;
class WorkspaceController;
class WorkspacePanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(diesel::Hub &hub, SettingsStore &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Replaces the questions asked before dropping connections (tests answer them).
    void setConfirm(Confirm confirm);

    WorkspaceController &workspace() const noexcept { return *m_workspace; }
    DocumentController &document() const noexcept { return *m_document; }
    EventLog &eventLog() const noexcept { return *m_log; }
    WorkspacePanel &workspacePanel() const noexcept { return *m_workspacePanel; }
    PropertiesPanel &propertiesPanel() const noexcept { return *m_properties; }
    ConsolePanel &consolePanel() const noexcept { return *m_console; }
    ChartsPanel &charts() const noexcept { return *m_charts; }
    ChartRecorder &chartRecorder() const noexcept { return *m_chartRecorder; }
    diesel::widgets::LoopInspector &inspector() const noexcept { return *m_inspector; }
    diesel::widgets::SchedulePanel &schedule() const noexcept { return *m_schedule; }
    diesel::widgets::TrafficView &traffic() const noexcept { return *m_traffic; }
    diesel::widgets::MessageBar &messageBar() const noexcept { return *m_messages; }
    diesel::widgets::HubStatusWidget &hubStatus() const noexcept { return *m_status; }
    /// Every dock, by object name ("workspaceDock", "loopsDock", ...).
    QList<QDockWidget *> docks() const;

public Q_SLOTS:
    void startAll();
    void stopAll();
    void showConcepts();
    void showAbout();
    /// Shows a Loop in the inspector and the schedule.
    void selectLoop(diesel::LoopId id);
    /// Puts the schedule beside the Loops (not behind them) and zooms it to `span`.
    void showSchedule(diesel::Clock::duration span);
    /// Selects the Loop whose current connection this is.
    void selectLoopOf(diesel::ConnectionId connection);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &name,
                          Qt::DockWidgetArea area);
    void buildMenus();
    void buildStatusBar();
    /// The default docks; `scheduleBeside`: the schedule under the Loops instead of behind them.
    void defaultLayout(bool scheduleBeside = false);
    void defaultSizes();
    void restoreLayout();
    void linkPanels();
    void rebuildRecentMenu();
    void updateTitle();
    void onItemActivated(ItemController *item);
    void showProblem(const QString &message);
    /// Lays the floating message bar over the top of the docks, under the menu.
    void placeMessages();

    diesel::Hub &m_hub;
    SettingsStore &m_settings;
    Confirm m_confirm;
    WorkspaceController *m_workspace;
    EventLog *m_log;
    RecentFiles *m_recent;
    DocumentController *m_document;
    diesel::widgets::LoopSampler *m_sampler;
    WorkspacePanel *m_workspacePanel;
    PropertiesPanel *m_properties;
    diesel::widgets::LoopInspector *m_inspector;
    diesel::widgets::SchedulePanel *m_schedule;
    diesel::widgets::TrafficView *m_traffic;
    ConsolePanel *m_console;
    ChartRecorder *m_chartRecorder;
    ChartsPanel *m_charts;
    QPlainTextEdit *m_logView;
    diesel::widgets::MessageBar *m_messages;
    diesel::widgets::HubStatusWidget *m_status;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QDockWidget *m_workspaceDock = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    QDockWidget *m_loopsDock = nullptr;
    QDockWidget *m_scheduleDock = nullptr;
    QDockWidget *m_trafficDock = nullptr;
    QDockWidget *m_consoleDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    QByteArray m_defaultState;
    bool m_restored = false;
    bool m_sized = false;
};

} // namespace workbench
