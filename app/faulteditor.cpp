// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "faulteditor.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>

namespace workbench {

namespace {
// A spin box from 0 ("off") up to `max`, in `suffix` units.
QSpinBox *offOrAmount(QWidget *parent, const char *name, int max, const QString &suffix,
                      const QString &toolTip)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(0, max);
    box->setSuffix(suffix);
    box->setSpecialValueText(QStringLiteral("off"));
    box->setToolTip(toolTip);
    return box;
}
} // namespace

FaultEditor::FaultEditor(QWidget *parent)
    : QGroupBox(QStringLiteral("Faults (TCP)"), parent)
{
    setObjectName(QStringLiteral("faults"));
    setToolTip(QStringLiteral("Misbehave on purpose, to test the peer (like tc netem). Changes "
                              "apply at once to open connections."));
    m_latency = offOrAmount(this, "faultLatency", 3600 * 1000, QStringLiteral(" ms"),
                            QStringLiteral("Every chunk read or written waits this long"));
    m_bandwidth = offOrAmount(this, "faultBandwidth", 1 << 30, QStringLiteral(" bytes/s"),
                              QStringLiteral("At most this many bytes per second each way"));
    m_maxRead = offOrAmount(this, "faultMaxRead", 1 << 30, QStringLiteral(" bytes"),
                            QStringLiteral("Short reads: take at most this much per read"));
    m_maxWrite = offOrAmount(this, "faultMaxWrite", 1 << 30, QStringLiteral(" bytes"),
                             QStringLiteral("Short writes: send in pieces of at most this much, "
                                            "at least 1 ms apart"));
    m_dropAfter = offOrAmount(this, "faultDropAfter", 1 << 30, QStringLiteral(" bytes"),
                              QStringLiteral("Drop the connection once it wrote this many bytes"));
    m_dropProbability = new QDoubleSpinBox(this);
    m_dropProbability->setObjectName(QStringLiteral("faultDropProbability"));
    m_dropProbability->setRange(0, 1);
    m_dropProbability->setDecimals(3);
    m_dropProbability->setSingleStep(0.01);
    m_dropProbability->setSpecialValueText(QStringLiteral("never"));
    m_dropProbability->setToolTip(QStringLiteral("Chance of a drop at each chunk read or written"));
    m_reset = new QCheckBox(QStringLiteral("Reset (RST) instead of close"), this);
    m_reset->setObjectName(QStringLiteral("faultReset"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("Latency"), m_latency);
    form->addRow(QStringLiteral("Bandwidth"), m_bandwidth);
    form->addRow(QStringLiteral("Short reads"), m_maxRead);
    form->addRow(QStringLiteral("Short writes"), m_maxWrite);
    form->addRow(QStringLiteral("Drop after"), m_dropAfter);
    form->addRow(QStringLiteral("Drop chance"), m_dropProbability);
    form->addRow(QString(), m_reset);
    setLayout(form);
}

FaultSpec FaultEditor::spec() const
{
    FaultSpec f;
    f.latencyMs = m_latency->value();
    f.bandwidth = m_bandwidth->value();
    f.maxRead = m_maxRead->value();
    f.maxWrite = m_maxWrite->value();
    f.dropAfter = m_dropAfter->value();
    f.dropProbability = m_dropProbability->value();
    f.reset = m_reset->isChecked();
    return f;
}

void FaultEditor::setSpec(const FaultSpec &spec)
{
    m_latency->setValue(spec.latencyMs);
    m_bandwidth->setValue(spec.bandwidth);
    m_maxRead->setValue(spec.maxRead);
    m_maxWrite->setValue(spec.maxWrite);
    m_dropAfter->setValue(spec.dropAfter);
    m_dropProbability->setValue(spec.dropProbability);
    m_reset->setChecked(spec.reset);
}

} // namespace workbench
