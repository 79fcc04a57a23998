// SPDX-License-Identifier: MIT
// A Service's console: its log and, for a broker, its Topology (channels and subscribers).
#pragma once

#include "itempanel.h"

class QTabWidget;

namespace workbench {

class BrokerTopologyView;
class EventLog;
class ServiceController;
class ServiceLog;

class ServiceConsole : public ItemPanel<ServiceController>
{
    Q_OBJECT

public:
    explicit ServiceConsole(EventLog &log, QWidget *parent = nullptr);

    BrokerTopologyView *topology() const noexcept { return m_topology; }
    /// Brings the Topology tab to the front (a broker only).
    void showTopology();

private:
    void loadController(ServiceController *controller) override;
    void refresh() override;

    QTabWidget *m_tabs;
    ServiceLog *m_log;
    BrokerTopologyView *m_topology;
};

} // namespace workbench
