// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "jsonfields.h"
#include "websocketcontroller.h"
#include "websocketeditor.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace workbench {

WebSocketEditor::WebSocketEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_name = new QLineEdit(this);
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("ws://127.0.0.1:8080/ws"));
    m_autoconnect = new QCheckBox(QStringLiteral("Connect with the workspace"), this);
    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&URL"), m_url);
    form->addRow(QString(), m_autoconnect);

    auto *applyButton = makeApplyButton(this);
    auto *connectButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay),
                                          QStringLiteral("&Connect"), this);
    auto *disconnectButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop),
                                             QStringLiteral("&Disconnect"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(applyButton);
    buttons->addStretch(1);
    buttons->addWidget(connectButton);
    buttons->addWidget(disconnectButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(applyButton, &QPushButton::clicked, this, &WebSocketEditor::apply);
    connect(connectButton, &QPushButton::clicked, this, [this] {
        if (apply())
            m_controller->start();
    });
    connect(disconnectButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->stop();
    });
    setController(nullptr);
}

bool WebSocketEditor::apply()
{
    if (!m_controller)
        return false;
    WebSocketClientSpec spec = m_controller->spec();
    spec.name = m_name->text().trimmed();
    spec.url = m_url->text().trimmed();
    spec.autoconnect = m_autoconnect->isChecked();
    try {
        spec = readWebSocketClientSpec(webSocketClientJson(spec), QStringLiteral("WebSocket"));
    } catch (const Invalid &invalid) {
        m_error->setText(invalid.message);
        m_error->show();
        return false;
    }
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

void WebSocketEditor::loadController(WebSocketClientController *controller)
{
    const WebSocketClientSpec spec = controller ? controller->spec() : WebSocketClientSpec{};
    m_name->setText(spec.name);
    m_url->setText(spec.url);
    m_autoconnect->setChecked(spec.autoconnect);
}

void WebSocketEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a WebSocket client in the workspace"));
        m_error->hide();
        return;
    }
    showState(m_state, m_error, *m_controller, m_controller->name());
}

} // namespace workbench
