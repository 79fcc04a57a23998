// SPDX-License-Identifier: MIT
// The HTTP client's console: the history of its exchanges (one row each) and the response viewer
// of the selected one (the newest unless a row is picked): status, timing, headers, and the body,
// pretty-printed when it is JSON.
#pragma once

#include "itempanel.h"
#include "texttablemodel.h"

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace workbench {

class HttpClientController;
struct HttpExchange;

class HttpClientConsole : public ItemPanel<HttpClientController>
{
    Q_OBJECT

public:
    explicit HttpClientConsole(QWidget *parent = nullptr);

    /// One row per exchange: #, time, method, URL, status, total time.
    TextTableModel &history() const noexcept { return *m_history; }
    /// "200 OK" (or the error) of the exchange shown.
    QString statusText() const;
    /// "connect 0.4 ms · TLS 2.1 ms · first byte 2.8 ms · total 2.9 ms" (TLS only over https).
    QString timingText() const;
    /// One "Name: value" line per response field.
    QString headersText() const;
    /// The body as shown (JSON indented).
    QString bodyText() const;
    /// Shows the exchange at this row of history() (-1: the newest, following new ones).
    void showRow(int row);

private:
    void loadController(HttpClientController *) override { m_row = -1; }
    void refresh() override;
    void showExchange(const HttpExchange &exchange);

    TextTableModel *m_history;
    QTableView *m_view;
    QLabel *m_status;
    QLabel *m_timing;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    int m_row = -1;
};

/// `body` indented when it is a JSON object or array, else as text.
QString prettyBody(const QByteArray &body);
/// The timing line of an exchange.
QString timingLine(const HttpExchange &exchange);

} // namespace workbench
