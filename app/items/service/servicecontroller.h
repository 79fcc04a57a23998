// SPDX-License-Identifier: MIT
// Owns one workspace Service: a real diesel::Service or diesel::UDPService with the behaviour's
// handler. A port in use or a bad certificate becomes the Error state with a clear message.
// A Service linked to another item (a Queue, a Pool, a broker Service) finds it by id; a linked
// Pool or broker that stops or goes away puts the Service in the Error state while it serves on,
// answering each line with ERROR, until the link works again.
#pragma once

#include "behaviours.h"
#include "itemcontroller.h"
#include "servicespec.h"

#include <diesel/core/service.h>

#include <functional>
#include <memory>
#include <optional>

namespace workbench {

class PoolHandle;

class ServiceController : public ItemController
{
    Q_OBJECT

public:
    /// Finds a workspace item by id (nullptr if there is none).
    using ItemLookup = std::function<ItemController *(const QString &)>;

    explicit ServiceController(ServiceSpec spec, ItemLookup items, QObject *parent = nullptr);
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
    /// "connections" (open now), "lines", "bytes in", "bytes out" and, for a broker,
    /// "published".
    std::vector<ItemMeasure> measures() const override;

    const ServiceSpec &spec() const noexcept { return m_spec; }
    QString linkedItem() const override { return linkedId(m_spec); }
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
    /// Whether it listens now (also in the Error state of a broken link, while it serves on).
    bool running() const;
    /// Stops it and shows `why` as its error (a linked item went away).
    void fail(const QString &why);
    /// Looks at its linked Pool or broker again (it stopped, started, came back): a running
    /// Service shows a link that does not work as its error, and drops the error once it does.
    void checkLink();
    /// `item` is about to leave the workspace: if it is the linked one, say so.
    void linkRemoved(const ItemController *item);
    /// The Queue its running QueuePush behaviour pushes into (nullptr: none).
    std::shared_ptr<StringQueue> queueInUse() const { return m_queueInUse; }
    /// The broker of a running Broker Service (nullptr: none): its topology, and where Publish
    /// Services publish.
    std::shared_ptr<LineBroker> broker() const { return m_broker; }
    /// The last connection its script failed since it started, "peer: why" ("" when none).
    QString scriptError() const { return m_scriptError; }

private:
    QString describe() const;
    /// Why its link names no item of the right kind ("" when it does, or it has no link).
    QString missingLink() const;
    /// The linked Pool's handle now; throws diesel::Error saying why there is none.
    PoolHandle linkedPool() const;
    /// The linked broker now; throws diesel::Error saying why there is none.
    std::shared_ptr<LineBroker> linkedBroker() const;
    /// Why its Pool or broker link does not work now ("" when it does, or it has none).
    QString linkProblem() const;
    /// Shows `problem` (or its absence) on a running Service.
    void showLinkProblem(const QString &problem);

    ServiceSpec m_spec;
    QString m_scriptError; ///< the last connection a script failed, "peer: why" (summary)
    QString m_linkProblem; ///< why its link does not work, while it serves on
    ItemLookup m_items;
    std::shared_ptr<StringQueue> m_queueInUse;
    std::shared_ptr<LineBroker> m_broker;
    std::shared_ptr<ServiceTally> m_tally = std::make_shared<ServiceTally>();
    std::uint64_t m_publishedBefore = 0; ///< by its brokers before the current one
    std::optional<diesel::Service> m_tcp;
    std::optional<diesel::UDPService> m_udp;
};

} // namespace workbench
