// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "websocketconsole.h"
#include "websocketcontroller.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

WebSocketConsole::WebSocketConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_frames(new TextTableModel({QStringLiteral("Time"), QStringLiteral("Frame"),
                                   QStringLiteral("Type"), QStringLiteral("Data"),
                                   QStringLiteral("Code")},
                                  this))
    , m_view(new QTableView(this))
    , m_input(new QLineEdit(this))
    , m_code(new QSpinBox(this))
    , m_reason(new QLineEdit(this))
    , m_problem(makeErrorLabel(this))
{
    m_view->setModel(m_frames);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_input->setPlaceholderText(QStringLiteral("A message, or hex bytes for binary (48 69)"));
    m_code->setRange(1000, 4999);
    m_code->setValue(1000);
    m_code->setToolTip(QStringLiteral("Close code: 1000 normal, 1001 going away, 3000-4999 "
                                      "for applications"));
    m_reason->setPlaceholderText(QStringLiteral("close reason"));
    m_problem->hide();

    auto *text = new QPushButton(QStringLiteral("Send &text"), this);
    auto *hex = new QPushButton(QStringLiteral("Send &binary"), this);
    auto *pingButton = new QPushButton(QStringLiteral("&Ping"), this);
    auto *closeButton = new QPushButton(QStringLiteral("&Close"), this);
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_input, 1);
    sendRow->addWidget(text);
    sendRow->addWidget(hex);
    sendRow->addWidget(pingButton);
    auto *closeRow = new QHBoxLayout;
    closeRow->addWidget(new QLabel(QStringLiteral("Close code"), this));
    closeRow->addWidget(m_code);
    closeRow->addWidget(m_reason, 1);
    closeRow->addWidget(closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_problem);
    layout->addLayout(sendRow);
    layout->addLayout(closeRow);

    connect(m_input, &QLineEdit::returnPressed, this, &WebSocketConsole::sendText);
    connect(text, &QPushButton::clicked, this, &WebSocketConsole::sendText);
    connect(hex, &QPushButton::clicked, this, &WebSocketConsole::sendHex);
    connect(pingButton, &QPushButton::clicked, this, &WebSocketConsole::ping);
    connect(closeButton, &QPushButton::clicked, this, &WebSocketConsole::close);
}

QString WebSocketConsole::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void WebSocketConsole::report(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

void WebSocketConsole::sendText()
{
    if (m_controller)
        report(m_controller->sendText(m_input->text()));
}

void WebSocketConsole::sendHex()
{
    if (m_controller)
        report(m_controller->sendHex(m_input->text()));
}

void WebSocketConsole::ping()
{
    if (m_controller)
        report(m_controller->ping());
}

void WebSocketConsole::close()
{
    if (m_controller)
        report(m_controller->closeWith(m_code->value(), m_reason->text()));
}

void WebSocketConsole::refresh()
{
    std::vector<QStringList> rows;
    if (m_controller)
        for (const WebSocketFrame &f : m_controller->frames())
            rows.push_back(
                {f.when.toString(QStringLiteral("HH:mm:ss.zzz")), toString(f.kind),
                 f.binary ? QStringLiteral("binary") : QStringLiteral("text"),
                 f.binary ? QString::fromLatin1(f.data.toHex(' ')) : QString::fromUtf8(f.data),
                 f.code ? QString::number(f.code) : QString()});
    const bool follow =
        m_frames->rowCount() == 0 ||
        m_view->indexAt(m_view->viewport()->rect().bottomLeft()).row() == m_frames->rowCount() - 1;
    m_frames->setRows(std::move(rows));
    if (follow)
        m_view->scrollToBottom();
}

} // namespace workbench
