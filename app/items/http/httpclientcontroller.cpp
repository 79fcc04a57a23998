// SPDX-License-Identifier: MIT
#include "httpclientcontroller.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>

#include <QPointer>

namespace workbench {

HttpClientController::HttpClientController(HttpClientSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
    , m_connection(std::make_shared<HttpConnection>(httpClientLabel(m_spec)))
{}

HttpClientController::~HttpClientController()
{
    stop();
}

QString HttpClientController::summary() const
{
    QString text = QStringLiteral("%1 \u00b7 %2 %3").arg(m_spec.name, m_spec.method, m_spec.url);
    if (!m_history.empty()) {
        const HttpExchange &last = m_history.back();
        text += last.status ? QStringLiteral(" \u00b7 %1").arg(last.status)
                            : QStringLiteral(" \u00b7 failed");
    }
    if (m_loop)
        text += QStringLiteral(" \u00b7 sending");
    return text;
}

std::vector<ItemMeasure> HttpClientController::measures() const
{
    return {{QStringLiteral("requests"), double(m_numbered), ItemMeasure::Kind::Total}};
}

bool HttpClientController::start()
{
    if (m_loop)
        return true;
    m_sentInRun = 0;
    const HttpClientSpec spec = m_spec;
    diesel::LoopOptions options;
    options.label = httpClientLabel(m_spec).toStdString();
    options.stack_size = 256 * 1024; // TLS and the response's copies
    // The Loop may unwind after the controller went (cancelled with it): QPointer tells.
    m_loop = diesel::Hub::current().spawn(
        [self = QPointer(this), connection = m_connection, spec] {
            for (int n = 1; spec.repeatCount == 0 || n <= spec.repeatCount; ++n) {
                if (n > 1)
                    diesel::sleep(spec.repeatInterval);
                const auto *before = self.data();
                if (!before)
                    return;
                HttpExchange exchange = connection->perform(spec, before->m_numbered + 1);
                auto *me = self.data();
                if (!me)
                    return;
                me->record(std::move(exchange));
            }
            if (auto *me = self.data())
                me->finished(QStringLiteral("done"));
        },
        options);
    setState(ItemState::Running);
    Q_EMIT logLine(QStringLiteral("%1: %2 %3 \u00d7 %4")
                       .arg(httpClientLabel(m_spec), m_spec.method, m_spec.url,
                            m_spec.repeatCount ? QString::number(m_spec.repeatCount)
                                               : QStringLiteral("until stopped")));
    return true;
}

void HttpClientController::record(HttpExchange exchange)
{
    m_numbered = exchange.number;
    ++m_sentInRun;
    if (!exchange.error.isEmpty())
        Q_EMIT logLine(QStringLiteral("%1: %2").arg(httpClientLabel(m_spec), exchange.error));
    m_history.push_back(std::move(exchange));
    while (m_history.size() > kHistory)
        m_history.pop_front();
    const HttpExchange &last = m_history.back();
    setState(last.error.isEmpty() ? ItemState::Running : ItemState::Error, last.error);
    Q_EMIT exchanged();
    Q_EMIT changed();
}

void HttpClientController::finished(const QString &why)
{
    m_loop = 0;
    if (state() == ItemState::Running)
        setState(ItemState::Stopped);
    Q_EMIT logLine(QStringLiteral("%1: %2 after %3 requests")
                       .arg(httpClientLabel(m_spec), why)
                       .arg(m_sentInRun));
    Q_EMIT changed();
}

void HttpClientController::stop()
{
    if (!m_loop)
        return;
    if (diesel::Hub *hub = diesel::Hub::current_if_any())
        hub->cancel(m_loop, "the HTTP client was stopped in the workbench");
    // A request cut short leaves its connection in an unknown state: the next one reconnects.
    m_connection = std::make_shared<HttpConnection>(httpClientLabel(m_spec));
    finished(QStringLiteral("stopped"));
}

void HttpClientController::setSpec(const HttpClientSpec &spec)
{
    if (spec == m_spec)
        return;
    const bool renamed = spec.name != m_spec.name;
    m_spec = spec;
    if (renamed && !m_loop)
        m_connection = std::make_shared<HttpConnection>(httpClientLabel(m_spec));
    Q_EMIT changed();
}

void HttpClientController::clearHistory()
{
    m_history.clear();
    Q_EMIT changed();
}

} // namespace workbench
