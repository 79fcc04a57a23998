// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "websocketcontroller.h"
#include "websocketeditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    auto *applyButton = makeApplyButton(this);
    connect(applyButton, &QPushButton::clicked, this, &WebSocketEditor::apply);
    addButtonRow(
        layout, this, applyButton, QStringLiteral("&Connect"),
        [this] {
            if (apply())
                m_controller->start();
        },
        QStringLiteral("&Disconnect"),
        [this] {
            if (m_controller)
                m_controller->stop();
        });
    layout->addStretch(1);
    setController(nullptr);
}

bool WebSocketEditor::apply()
{
    return applyChecked(m_controller, m_error, m_workspace, [this] {
        WebSocketClientSpec spec = m_controller->spec();
        spec.name = m_name->text().trimmed();
        spec.url = m_url->text().trimmed();
        spec.autoconnect = m_autoconnect->isChecked();
        return readWebSocketClientSpec(webSocketClientJson(spec), QStringLiteral("WebSocket"));
    });
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
