// SPDX-License-Identifier: MIT
// Owns one workspace Service: a real diesel::Service or diesel::UDPService with the behaviour's
// handler. A port in use or a bad certificate becomes the Error state with a clear message.
#pragma once

#include "behaviours.h"
#include "itemcontroller.h"
#include "servicespec.h"

#include <diesel/core/service.h>

#include <functional>
#include <memory>
#include <optional>

namespace workbench {

class ServiceController : public ItemController
{
    Q_OBJECT

public:
    /// Finds a workspace Queue by id (nullptr if there is none).
    using QueueLookup = std::function<std::shared_ptr<StringQueue>(const QString &)>;

    explicit ServiceController(ServiceSpec spec, QueueLookup queues, QObject *parent = nullptr);
    ~ServiceController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autostart; }
    bool start() override;
    void stop() override;
    std::size_t liveConnections() const override;
    QJsonObject settings() const override { return serviceJson(m_spec); }
    /// 0: TCP Services, 1: UDP Services.
    int group() const override { return m_spec.transport == Transport::Udp ? 1 : 0; }
    std::optional<Endpoint> endpoint() const override;
    QString trafficOwner() const override { return label(); }

    const ServiceSpec &spec() const noexcept { return m_spec; }
    /// Replaces the settings; a running Service restarts with them, unless only its faults
    /// changed: those switch live on the open connections.
    void setSpec(const ServiceSpec &spec);
    /// Whether `spec` differs from the current settings in its faults alone.
    bool onlyFaultsDiffer(const ServiceSpec &spec) const;
    /// The port it listens on (the bound one while running).
    std::uint16_t port() const;
    /// The owner name its connections carry ("holla :4321").
    QString label() const { return serviceLabel(m_spec); }
    /// Connections accepted since it started (TCP).
    std::uint64_t accepted() const;
    /// Stops it and shows `why` as its error (a linked item went away).
    void fail(const QString &why);
    /// The Queue its running QueuePush behaviour pushes into (nullptr: none).
    std::shared_ptr<StringQueue> queueInUse() const { return m_queueInUse; }
    /// The last connection its script failed since it started, "peer: why" ("" when none).
    QString scriptError() const { return m_scriptError; }

private:
    QString describe() const;

    ServiceSpec m_spec;
    QString m_scriptError; ///< the last connection a script failed, "peer: why" (summary)
    QueueLookup m_queues;
    std::shared_ptr<StringQueue> m_queueInUse;
    std::optional<diesel::Service> m_tcp;
    std::optional<diesel::UDPService> m_udp;
};

} // namespace workbench
