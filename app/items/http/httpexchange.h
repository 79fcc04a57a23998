// SPDX-License-Identifier: MIT
// One request of an HTTP client item and its response, timed; and the connection it goes over
// (a keep-alive diesel::http::HttpClient, replaced when the URL's host changes).
#pragma once

#include "httpclientspec.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace diesel::http {
class HttpClient;
}

namespace workbench {

/// Milliseconds from the start of a request. The TCP connect ends when the client library reports
/// the handshake done (ClientOptions::on_tcp_connected), the TLS handshake when it reports the
/// connection ready (on_connect); the first byte is when the runtime's observer saw the first
/// response bytes on the client's connection.
struct HttpTiming
{
    std::optional<double> connect; ///< until TCP was connected; none: a reused connection
    std::optional<double> tls;     ///< the TLS handshake alone; none: plain HTTP or reused
    std::optional<double> firstByte;
    double total = 0;
};

struct HttpExchange
{
    int number = 0; ///< 1, 2, ... in the item's history
    QDateTime sent;
    QString method;
    QString url;
    int status = 0; ///< 0: no response (see error)
    QString reason;
    std::vector<std::pair<QString, QString>> headers;
    QByteArray body;
    QString error; ///< why there is no response
    HttpTiming timing;
};

/// "Name: value" lines as header fields; throws Invalid naming the line for anything else.
std::vector<std::pair<QString, QString>> parseHeaderLines(const QString &text);

/// The connection of one HTTP client item: kept alive between requests to the same host.
class HttpConnection
{
public:
    explicit HttpConnection(QString label);
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    /// Suspends the calling Loop to send `spec`'s request and wait for its response (or its
    /// error, in the exchange).
    HttpExchange perform(const HttpClientSpec &spec, int number);
    /// Drops the connection.
    void close();

private:
    struct Target;
    QString m_label;
    std::unique_ptr<Target> m_target;
};

} // namespace workbench
