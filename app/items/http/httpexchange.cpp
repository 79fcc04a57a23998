// SPDX-License-Identifier: MIT
#include "httpexchange.h"
#include "jsonfields.h"

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/core/tls.h>
#include <diesel/http/client.h>
#include <diesel/http/session.h>

#include <stdexcept>

namespace workbench {

namespace http = diesel::http;

namespace {

double millisecondsSince(diesel::Clock::time_point start, diesel::Clock::time_point end)
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

// Notes when the first response bytes arrive on the connections of one owner, for as long as it
// lives (one request).
class FirstByteWatch : public diesel::Observer
{
public:
    explicit FirstByteWatch(std::string owner)
        : m_owner(std::move(owner))
        , m_hub(diesel::Hub::current())
    {
        m_hub.add_observer(*this);
    }
    ~FirstByteWatch() override { m_hub.remove_observer(*this); }
    FirstByteWatch(const FirstByteWatch &) = delete;
    FirstByteWatch &operator=(const FirstByteWatch &) = delete;

    unsigned interests() const override { return Data; }
    void data(const diesel::ConnectionInfo &conn, diesel::Direction direction, std::string_view,
              diesel::LoopId) override
    {
        if (direction == diesel::Direction::In && !m_first && conn.owner == m_owner)
            m_first = diesel::Clock::now();
    }
    std::optional<diesel::Clock::time_point> first() const { return m_first; }

private:
    std::string m_owner;
    diesel::Hub &m_hub;
    std::optional<diesel::Clock::time_point> m_first;
};

} // namespace

struct HttpConnection::Target
{
    std::string host;
    std::uint16_t port = 0;
    bool tls = false;
    bool verifyPeer = true;
    // When the client library last had TCP connected (on_tcp_connected) and last finished
    // connecting, TLS included (on_connect); shared with those callbacks.
    std::shared_ptr<std::optional<diesel::Clock::time_point>> tcpConnectedAt =
        std::make_shared<std::optional<diesel::Clock::time_point>>();
    std::shared_ptr<std::optional<diesel::Clock::time_point>> connectedAt =
        std::make_shared<std::optional<diesel::Clock::time_point>>();
    std::unique_ptr<http::HttpClient> client;
};

std::vector<std::pair<QString, QString>> parseHeaderLines(const QString &text)
{
    std::vector<std::pair<QString, QString>> fields;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || name.contains(QLatin1Char(' ')))
            fail(QStringLiteral("header line %1").arg(i + 1),
                 QStringLiteral("expected \"Name: value\", got \"%1\"").arg(line));
        fields.emplace_back(name, line.mid(colon + 1).trimmed());
    }
    return fields;
}

HttpConnection::HttpConnection(QString label)
    : m_label(std::move(label))
{}

HttpConnection::~HttpConnection() = default;

void HttpConnection::close()
{
    m_target.reset();
}

HttpExchange HttpConnection::perform(const HttpClientSpec &spec, int number)
{
    HttpExchange x;
    x.number = number;
    x.sent = QDateTime::currentDateTime();
    x.method = spec.method;
    x.url = spec.url;
    const diesel::Clock::time_point start = diesel::Clock::now();
    try {
        const http::Url url = http::Url::parse(spec.url.toStdString());
        http::Headers headers;
        for (const auto &[name, value] : parseHeaderLines(spec.headers))
            headers.add(name.toStdString(), value.toStdString());
        if (!m_target || m_target->host != url.host || m_target->port != url.port ||
            m_target->tls != url.tls || m_target->verifyPeer != spec.verifyPeer) {
            auto target = std::make_unique<Target>();
            target->host = url.host;
            target->port = url.port;
            target->tls = url.tls;
            target->verifyPeer = spec.verifyPeer;
            http::HttpClientOptions options;
            options.client.label = m_label.toStdString();
            options.client.timeout = diesel::Seconds(spec.timeout);
            if (url.tls)
                options.client.tls = diesel::TlsContext::client(spec.verifyPeer);
            options.client.on_tcp_connected = [at = target->tcpConnectedAt] {
                *at = diesel::Clock::now();
            };
            options.client.on_connect = [at = target->connectedAt] { *at = diesel::Clock::now(); };
            target->client = std::make_unique<http::HttpClient>(url.host, url.port, options);
            m_target = std::move(target);
        }
        m_target->tcpConnectedAt->reset();
        m_target->connectedAt->reset();
        const FirstByteWatch watch(m_label.toStdString());
        const http::Response response =
            m_target->client->request(spec.method.toStdString(), url.target, headers,
                                      spec.body.toStdString(), diesel::Seconds(spec.timeout));
        const diesel::Clock::time_point end = diesel::Clock::now();
        x.timing.total = millisecondsSince(start, end);
        if (*m_target->tcpConnectedAt && *m_target->connectedAt) {
            x.timing.connect = millisecondsSince(start, **m_target->tcpConnectedAt);
            if (url.tls)
                x.timing.tls =
                    millisecondsSince(**m_target->tcpConnectedAt, **m_target->connectedAt);
        }
        if (watch.first())
            x.timing.firstByte = millisecondsSince(start, *watch.first());
        x.status = response.status;
        x.reason = QString::fromUtf8(http::reason_phrase(response.status));
        for (const http::Field &f : response.headers)
            x.headers.emplace_back(QString::fromStdString(f.name), QString::fromStdString(f.value));
        x.body = QByteArray::fromStdString(response.body);
    } catch (const Invalid &invalid) {
        x.error = invalid.message;
    } catch (const std::exception &e) {
        // A refused connection, a timeout, a URL the client cannot use: the exchange says so.
        x.error = QString::fromUtf8(e.what());
        x.timing.total = millisecondsSince(start, diesel::Clock::now());
        m_target.reset();
    }
    return x;
}

} // namespace workbench
