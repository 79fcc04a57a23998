// SPDX-License-Identifier: MIT
#include "documentcontroller.h"
#include "recentfiles.h"
#include "workspacecontroller.h"
#include "workspacefile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace workbench {

namespace {
const QString kFilter = QStringLiteral("Diesel workspaces (*.diesel.json *.json);;All files (*)");

DocumentController::Unsaved askWithBox(QWidget *parent, const QString &name)
{
    const auto answer = QMessageBox::question(
        parent, QStringLiteral("Diesel Workbench"),
        QStringLiteral("Save the changes to %1?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return DocumentController::Unsaved::Save;
    if (answer == QMessageBox::Discard)
        return DocumentController::Unsaved::Discard;
    return DocumentController::Unsaved::Cancel;
}
} // namespace

DocumentController::DocumentController(WorkspaceController &workspace, RecentFiles &recent,
                                       QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_recent(recent)
    , m_window(window)
    , m_ask(askWithBox)
{}

QString DocumentController::displayName() const
{
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    if (!m_workspace.name().isEmpty())
        return m_workspace.name();
    return QStringLiteral("untitled");
}

void DocumentController::open(Workspace workspace, const QString &path)
{
    const QStringList refused = overridePorts(workspace, m_ports);
    m_workspace.load(workspace);
    m_path = path;
    m_workspace.startAutostart();
    if (!refused.isEmpty())
        Q_EMIT problem(refused.join(QStringLiteral("; ")));
    Q_EMIT documentChanged();
}

bool DocumentController::openFile(const QString &path)
{
    WorkspaceResult result = readWorkspaceFile(path);
    if (!result) {
        Q_EMIT problem(result.error);
        return false;
    }
    open(std::move(*result.workspace), QFileInfo(path).absoluteFilePath());
    m_recent.add(path);
    Q_EMIT info(QStringLiteral("Opened %1").arg(path));
    return true;
}

void DocumentController::openDemo(const DemoPorts &ports)
{
    open(demoWorkspace(ports), QString());
}

void DocumentController::newWorkspace()
{
    m_workspace.load(Workspace{});
    m_path.clear();
    Q_EMIT documentChanged();
}

bool DocumentController::save()
{
    if (m_path.isEmpty())
        return false;
    return saveAs(m_path);
}

bool DocumentController::saveAs(const QString &path)
{
    QString error;
    if (!writeWorkspaceFile(path, m_workspace.toWorkspace(), &error)) {
        Q_EMIT problem(error);
        return false;
    }
    m_path = QFileInfo(path).absoluteFilePath();
    m_workspace.markSaved();
    m_recent.add(path);
    Q_EMIT info(QStringLiteral("Saved %1").arg(path));
    Q_EMIT documentChanged();
    return true;
}

bool DocumentController::maybeSave()
{
    if (!m_workspace.modified() || !m_ask)
        return true;
    switch (m_ask(m_window, displayName())) {
    case Unsaved::Save:
        return saveWithDialog();
    case Unsaved::Discard:
        return true;
    case Unsaved::Cancel:
        return false;
    }
    return false;
}

void DocumentController::openWithDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, QStringLiteral("Open workspace"),
                                                      QFileInfo(m_path).absolutePath(), kFilter);
    if (!path.isEmpty())
        openFile(path);
}

bool DocumentController::saveWithDialog()
{
    return m_path.isEmpty() ? saveAsWithDialog() : save();
}

bool DocumentController::saveAsWithDialog()
{
    QString suggestion = m_path;
    if (suggestion.isEmpty())
        suggestion = QStringLiteral("workspace.diesel.json");
    const QString path = QFileDialog::getSaveFileName(m_window, QStringLiteral("Save workspace"),
                                                      suggestion, kFilter);
    return !path.isEmpty() && saveAs(path);
}

} // namespace workbench
