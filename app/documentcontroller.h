// SPDX-License-Identifier: MIT
// The workspace as a document: new, open, save, save as, recent files, the demo. A file that is
// missing, malformed or from a newer version is reported (problem()) and changes nothing.
#pragma once

#include "demoworkspace.h"
#include "workspace.h"

#include <QMap>
#include <QObject>

#include <functional>

class QWidget;

namespace workbench {

class RecentFiles;
class WorkspaceController;

class DocumentController : public QObject
{
    Q_OBJECT

public:
    /// What to do with unsaved changes.
    enum class Unsaved { Save, Discard, Cancel };
    using AskUnsaved = std::function<Unsaved(QWidget *parent, const QString &name)>;

    DocumentController(WorkspaceController &workspace, RecentFiles &recent, QWidget *window);

    /// The file of the workspace ("" for a new or the demo workspace).
    QString path() const { return m_path; }
    /// A short name for titles: the file name, the workspace's name or "untitled".
    QString displayName() const;
    /// Ports given on the command line (--port NAME=PORT), applied to every workspace opened.
    void setPortOverrides(const QMap<QString, std::uint16_t> &ports) { m_ports = ports; }
    /// How unsaved changes are asked about (default: a message box).
    void setAskUnsaved(AskUnsaved ask) { m_ask = std::move(ask); }

    /// Opens a file and starts its items; false (and problem()) if it cannot be read.
    bool openFile(const QString &path);
    /// Opens the built-in demo workspace and starts it.
    void openDemo(const DemoPorts &ports = {});
    /// Replaces the workspace with an empty one.
    void newWorkspace();
    /// Saves to path(); false if there is none or writing failed.
    bool save();
    bool saveAs(const QString &path);
    /// Asks about unsaved changes; false if the person cancelled (or saving failed).
    bool maybeSave();

public Q_SLOTS:
    void openWithDialog();
    bool saveWithDialog();
    bool saveAsWithDialog();

Q_SIGNALS:
    void problem(const QString &message);
    void info(const QString &message);
    void documentChanged();

private:
    void open(Workspace workspace, const QString &path);

    WorkspaceController &m_workspace;
    RecentFiles &m_recent;
    QWidget *m_window;
    QString m_path;
    QMap<QString, std::uint16_t> m_ports;
    AskUnsaved m_ask;
};

} // namespace workbench
