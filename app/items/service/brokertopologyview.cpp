// SPDX-License-Identifier: MIT
#include "brokertopologymodel.h"
#include "brokertopologyview.h"
#include "servicecontroller.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace workbench {

BrokerTopologyView::BrokerTopologyView(QWidget *parent)
    : ItemPanel(RefreshOn::OwnTimer, parent)
    , m_model(new BrokerTopologyModel(this))
    , m_hint(new QLabel(this))
    , m_tree(new QTreeView(this))
{
    m_hint->setWordWrap(true);
    m_tree->setObjectName(QStringLiteral("brokerTopology"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Rebuilt when a subscriber comes or goes: the channels stay open.
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hint);
    layout->addWidget(m_tree, 1);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            sample();
    });
    m_timer.start();
    setController(nullptr);
}

void BrokerTopologyView::loadController(ServiceController *)
{
    m_model->clear();
    m_sinceSample.invalidate();
}

void BrokerTopologyView::refresh()
{
    sample();
}

void BrokerTopologyView::sample()
{
    const auto broker = m_controller ? m_controller->broker() : nullptr;
    if (!broker) {
        m_hint->setText(m_controller && m_controller->spec().behaviour == Behaviour::Broker
                            ? QStringLiteral("Start the broker to see its channels and "
                                             "subscribers.")
                            : QStringLiteral("Only a Service with the broker behaviour has a "
                                             "topology."));
        if (m_model->rowCount() > 0)
            m_model->clear();
        m_sinceSample.invalidate();
        return;
    }
    const double seconds = m_sinceSample.isValid() ? m_sinceSample.restart() / 1000.0 : 0.0;
    if (!m_sinceSample.isValid())
        m_sinceSample.start();
    m_model->update(broker->topology(), seconds);
    m_hint->setText(QStringLiteral("%1: %2 channels with subscribers, %3 messages published")
                        .arg(m_controller->label())
                        .arg(broker->channels())
                        .arg(broker->published()));
}

} // namespace workbench
