// SPDX-License-Identifier: MIT
// The WebSocket client's console: the live list of frames in and out (pings, pongs, the close),
// a line to send as text or as hex bytes, Ping, and Close with a code and a reason.
#pragma once

#include "itempanel.h"
#include "texttablemodel.h"

class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace workbench {

class WebSocketClientController;

class WebSocketConsole : public ItemPanel<WebSocketClientController>
{
    Q_OBJECT

public:
    explicit WebSocketConsole(QWidget *parent = nullptr);

    /// One row per frame: time, direction or kind, type, data (hex for binary), close code.
    TextTableModel &frames() const noexcept { return *m_frames; }
    QLineEdit *input() const noexcept { return m_input; }
    QSpinBox *closeCode() const noexcept { return m_code; }
    QLineEdit *closeReason() const noexcept { return m_reason; }
    /// Why the last action could not be done ("" : it was).
    QString problem() const;

    void sendText();
    void sendHex();
    void ping();
    void close();

private:
    void loadController(WebSocketClientController *) override {}
    void refresh() override;
    void report(const QString &problem);

    TextTableModel *m_frames;
    QTableView *m_view;
    QLineEdit *m_input;
    QSpinBox *m_code;
    QLineEdit *m_reason;
    QLabel *m_problem;
};

} // namespace workbench
