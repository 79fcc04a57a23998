// SPDX-License-Identifier: MIT
// The WebSocket client's Properties: name, ws:// URL, connect with the workspace; Connect and
// Disconnect (without a closing handshake: the console's Close does that).
#pragma once

#include "itempanel.h"

class QCheckBox;
class QLabel;
class QLineEdit;

namespace workbench {

class StateLine;
class WebSocketClientController;
class WorkspaceController;

class WebSocketEditor : public ItemPanel<WebSocketClientController>
{
    Q_OBJECT

public:
    explicit WebSocketEditor(WorkspaceController &workspace, QWidget *parent = nullptr);
    /// Applies the fields; false, with the reason shown, when they are not valid.
    bool apply();
    QLineEdit *url() const noexcept { return m_url; }

private:
    void loadController(WebSocketClientController *controller) override;
    void refresh() override;

    WorkspaceController &m_workspace;
    StateLine *m_state;
    QLabel *m_error;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QCheckBox *m_autoconnect;
};

} // namespace workbench
