// SPDX-License-Identifier: MIT
#include "httpapp.h"
#include "httpservicecontroller.h"
#include "jsonfields.h"
#include "logging.h"

#include <diesel/core/error.h>

#include <QPointer>

namespace workbench {

HttpServiceController::HttpServiceController(HttpServiceSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
{}

HttpServiceController::~HttpServiceController()
{
    // The server closes its socket and cancels its connections' Loops, which unwind on the
    // Hub's next round.
    m_server.reset();
}

QString HttpServiceController::summary() const
{
    QString text = QStringLiteral("%1 :%2 \u00b7 %3 routes")
                       .arg(m_spec.name)
                       .arg(port())
                       .arg(m_spec.routes.size());
    if (m_server && m_server->running())
        text += QStringLiteral(" \u00b7 %1 conn \u00b7 %2 requests")
                    .arg(m_server->service().connections())
                    .arg(m_server->requests());
    if (isAllInterfaces(m_spec.iface))
        text += QStringLiteral(" \u00b7 all interfaces");
    return text;
}

std::uint16_t HttpServiceController::port() const
{
    return m_server && m_server->running() ? m_server->port() : m_spec.port;
}

std::uint64_t HttpServiceController::requests() const
{
    return m_server ? m_server->requests() : 0;
}

std::size_t HttpServiceController::liveConnections() const
{
    return m_server && m_server->running() ? m_server->service().connections() : 0;
}

std::optional<Endpoint> HttpServiceController::endpoint() const
{
    const QString host = isAllInterfaces(m_spec.iface) ? QStringLiteral("127.0.0.1") : m_spec.iface;
    return Endpoint{Transport::Tcp, host, port()};
}

std::vector<ItemMeasure> HttpServiceController::measures() const
{
    return {{QStringLiteral("connections"), double(liveConnections()), ItemMeasure::Kind::Level},
            {QStringLiteral("requests"), double(requests()), ItemMeasure::Kind::Total}};
}

bool HttpServiceController::start()
{
    if (state() == ItemState::Running)
        return true;
    const QString label = httpServiceLabel(m_spec);
    auto failWith = [this, &label](const QString &why) {
        m_server.reset();
        setState(ItemState::Error, why);
        Q_EMIT logLine(QStringLiteral("%1: cannot start: %2").arg(label, why));
        qCWarning(lcApp, "%s: cannot start: %s", qPrintable(label), qPrintable(why));
        return false;
    };
    diesel::http::HttpServerOptions options;
    options.service.label = label.toStdString();
    // "0.0.0.0" is what people write for every IPv4 interface; the runtime spells it "".
    const std::string iface =
        m_spec.iface == QLatin1String("0.0.0.0") ? std::string() : m_spec.iface.toStdString();
    try {
        // A Loop may unwind after its controller went: QPointer tells.
        const diesel::http::App app =
            makeHttpApp(m_spec.routes, [self = QPointer(this), label](const QString &why) {
                if (self)
                    Q_EMIT self->logLine(QStringLiteral("%1: script failed %2").arg(label, why));
            });
        m_server.emplace(app.handler(), m_spec.port, iface, std::move(options));
        m_server->start();
    } catch (const Invalid &invalid) {
        return failWith(invalid.message);
    } catch (const diesel::Error &e) {
        return failWith(QString::fromUtf8(e.what()));
    }
    setState(ItemState::Running);
    Q_EMIT logLine(QStringLiteral("%1 listening on %2:%3 with %4 routes")
                       .arg(label, m_spec.iface)
                       .arg(port())
                       .arg(m_spec.routes.size()));
    return true;
}

void HttpServiceController::stop()
{
    const bool wasRunning = state() == ItemState::Running;
    m_server.reset();
    setState(ItemState::Stopped);
    if (wasRunning)
        Q_EMIT logLine(QStringLiteral("%1 stopped").arg(httpServiceLabel(m_spec)));
}

void HttpServiceController::setSpec(const HttpServiceSpec &spec)
{
    if (spec == m_spec)
        return;
    const bool restart = state() == ItemState::Running;
    takeSettings({.restart = restart, .stopFirst = restart || state() == ItemState::Error},
                 [&] { m_spec = spec; });
}

} // namespace workbench
