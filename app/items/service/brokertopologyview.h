// SPDX-License-Identifier: MIT
// The Topology view of a Broker Service: its channels and their subscriber Loops with messages/s
// and delivery latency, sampled from the running broker at the views' rate while it is shown.
#pragma once

#include "itempanel.h"

#include <QElapsedTimer>
#include <QTimer>

class QLabel;
class QTreeView;

namespace workbench {

class BrokerTopologyModel;
class ServiceController;

class BrokerTopologyView : public ItemPanel<ServiceController>
{
    Q_OBJECT

public:
    explicit BrokerTopologyView(QWidget *parent = nullptr);

    BrokerTopologyModel &model() const noexcept { return *m_model; }
    /// Takes a sample of the broker now (the timer does it five times a second while shown).
    void sample();

    /// How often it samples while shown.
    static constexpr int kIntervalMs = 200;

private:
    void loadController(ServiceController *controller) override;
    void refresh() override;

    BrokerTopologyModel *m_model;
    QLabel *m_hint;
    QTreeView *m_tree;
    QTimer m_timer;
    QElapsedTimer m_sinceSample;
};

} // namespace workbench
