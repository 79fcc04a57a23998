// SPDX-License-Identifier: MIT
#include "brokertopologyview.h"
#include "serviceconsole.h"
#include "servicecontroller.h"
#include "servicelog.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace workbench {

ServiceConsole::ServiceConsole(EventLog &log, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_tabs(new QTabWidget(this))
    , m_log(new ServiceLog(log, this))
    , m_topology(new BrokerTopologyView(this))
{
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_log, QStringLiteral("Log"));
    m_tabs->addTab(m_topology, QStringLiteral("Topology"));
    m_tabs->setTabToolTip(1, QStringLiteral("The broker's channels, their subscriber Loops, "
                                            "messages/s and delivery latency"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    setController(nullptr);
}

void ServiceConsole::loadController(ServiceController *controller)
{
    m_log->setController(controller);
    m_topology->setController(controller);
}

void ServiceConsole::refresh()
{
    const bool broker = m_controller && m_controller->spec().behaviour == Behaviour::Broker;
    m_tabs->setTabVisible(1, broker);
    if (!broker)
        m_tabs->setCurrentIndex(0);
}

void ServiceConsole::showTopology()
{
    if (m_controller && m_controller->spec().behaviour == Behaviour::Broker)
        m_tabs->setCurrentWidget(m_topology);
}

} // namespace workbench
