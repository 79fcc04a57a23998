// SPDX-License-Identifier: MIT
// Owns one workspace HTTP Service: a diesel::http::HttpServer serving its routes (an App). A
// bad route or a port in use becomes the Error state with a message that names it.
#pragma once

#include "httpservicespec.h"
#include "itemcontroller.h"

#include <diesel/http/server.h>

#include <optional>

namespace workbench {

class HttpServiceController : public ItemController
{
    Q_OBJECT

public:
    explicit HttpServiceController(HttpServiceSpec spec, QObject *parent = nullptr);
    ~HttpServiceController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    bool start() override;
    void stop() override;
    std::size_t liveConnections() const override;
    QJsonObject settings() const override { return httpServiceJson(m_spec); }
    std::optional<Endpoint> endpoint() const override;
    QString trafficOwner() const override { return httpServiceLabel(m_spec); }
    std::vector<ItemMeasure> measures() const override;

    const HttpServiceSpec &spec() const noexcept { return m_spec; }
    /// Replaces the settings; a running Service restarts with them.
    void setSpec(const HttpServiceSpec &spec);
    /// The port it listens on (the bound one while running, so port 0 shows what the OS chose).
    std::uint16_t port() const;
    /// Requests answered since it started.
    std::uint64_t requests() const;

private:
    HttpServiceSpec m_spec;
    std::optional<diesel::http::HttpServer> m_server;
};

} // namespace workbench
