// SPDX-License-Identifier: MIT
// The Client console: the transcript with timestamps, a line to send (text with a chosen line
// ending, or hex), waiting for replies with a timeout, and repeating a message N times at a rate.
#pragma once

#include "itempanel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListView;
class QPushButton;
class QSpinBox;

namespace workbench {

class ClientController;

class ClientConsole : public ItemPanel<ClientController>
{
    Q_OBJECT

public:
    explicit ClientConsole(QWidget *parent = nullptr);

    /// Sends what the input line holds (as the mode and line ending say); false if nothing went.
    bool sendInput();
    /// Starts repeating the input line with the count and rate fields.
    bool repeatInput();
    /// The input line (for tests and keyboard users).
    QLineEdit *input() const { return m_input; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void loadController(ClientController *controller) override;
    void refresh() override;
    void applyReplySettings();

    QListView *m_transcript;
    QLineEdit *m_input;
    QComboBox *m_mode;
    QComboBox *m_ending;
    QCheckBox *m_waitReply;
    QDoubleSpinBox *m_timeout;
    QPushButton *m_send;
    QSpinBox *m_count;
    QDoubleSpinBox *m_rate;
    QPushButton *m_repeat;
    QPushButton *m_stopRepeat;
    QPushButton *m_connect;
    QCheckBox *m_hex;
    QObject *m_tail = nullptr;
    QStringList m_history;
    int m_historyPos = 0;
};

} // namespace workbench
