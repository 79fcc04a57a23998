// SPDX-License-Identifier: MIT
#include "httpclientconsole.h"
#include "httpclientcontroller.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

namespace {
QString milliseconds(double ms)
{
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms < 10 ? 2 : 1);
}
} // namespace

QString prettyBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isNull())
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

QString timingLine(const HttpExchange &x)
{
    QStringList parts;
    parts << (x.timing.connect ? QStringLiteral("connect ") + milliseconds(*x.timing.connect)
                               : QStringLiteral("connection reused"));
    if (x.timing.tls)
        parts << QStringLiteral("TLS ") + milliseconds(*x.timing.tls);
    if (x.timing.firstByte)
        parts << QStringLiteral("first byte ") + milliseconds(*x.timing.firstByte);
    parts << QStringLiteral("total ") + milliseconds(x.timing.total);
    return parts.join(QStringLiteral(" \u00b7 "));
}

HttpClientConsole::HttpClientConsole(QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_history(new TextTableModel({QStringLiteral("#"), QStringLiteral("Time"),
                                    QStringLiteral("Method"), QStringLiteral("URL"),
                                    QStringLiteral("Status"), QStringLiteral("Total")},
                                   this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
{
    m_view->setModel(m_history);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing->setToolTip(QStringLiteral(
        "connect: from the start of the request until TCP was connected; TLS: the TLS "
        "handshake alone; first byte and total: from the start of the request until the "
        "response's first bytes arrived and until it was complete."));
    m_headers->setReadOnly(true);
    m_body->setReadOnly(true);
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *response = new QWidget(this);
    auto *responseLayout = new QVBoxLayout(response);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->addWidget(m_status);
    responseLayout->addWidget(m_timing);
    responseLayout->addWidget(m_headers, 1);
    responseLayout->addWidget(m_body, 2);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(response);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_view, &QTableView::clicked, this,
            [this](const QModelIndex &index) { showRow(index.row()); });
}

QString HttpClientConsole::statusText() const
{
    return m_status->text();
}

QString HttpClientConsole::timingText() const
{
    return m_timing->text();
}

QString HttpClientConsole::headersText() const
{
    return m_headers->toPlainText();
}

QString HttpClientConsole::bodyText() const
{
    return m_body->toPlainText();
}

void HttpClientConsole::showRow(int row)
{
    m_row = row;
    refresh();
}

void HttpClientConsole::showExchange(const HttpExchange &x)
{
    m_status->setText(x.error.isEmpty() ? QStringLiteral("%1 %2").arg(x.status).arg(x.reason)
                                        : x.error);
    m_timing->setText(timingLine(x));
    QStringList lines;
    for (const auto &[name, value] : x.headers)
        lines << name + QStringLiteral(": ") + value;
    m_headers->setPlainText(lines.join(QLatin1Char('\n')));
    m_body->setPlainText(prettyBody(x.body));
}

void HttpClientConsole::refresh()
{
    std::vector<QStringList> rows;
    if (m_controller)
        for (const HttpExchange &x : m_controller->history())
            rows.push_back({QString::number(x.number),
                            x.sent.toString(QStringLiteral("HH:mm:ss.zzz")), x.method, x.url,
                            x.error.isEmpty() ? QString::number(x.status) : QStringLiteral("error"),
                            milliseconds(x.timing.total)});
    m_history->setRows(std::move(rows));
    static const std::deque<HttpExchange> none;
    const auto &history = m_controller ? m_controller->history() : none;
    if (history.empty()) {
        m_status->setText(m_controller ? QStringLiteral("No request sent yet: Send in Properties")
                                       : QString());
        m_timing->clear();
        m_headers->clear();
        m_body->clear();
        return;
    }
    const std::size_t row =
        m_row >= 0 && std::size_t(m_row) < history.size() ? std::size_t(m_row) : history.size() - 1;
    showExchange(history[row]);
}

} // namespace workbench
