// SPDX-License-Identifier: MIT
// The "Faults" group of the Service and Client panels: the fields of a FaultSpec.
#pragma once

#include "faults.h"

#include <QGroupBox>

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace workbench {

class FaultEditor : public QGroupBox
{
    Q_OBJECT

public:
    explicit FaultEditor(QWidget *parent = nullptr);

    /// The faults as the fields show them.
    FaultSpec spec() const;
    void setSpec(const FaultSpec &spec);

private:
    QSpinBox *m_latency;
    QSpinBox *m_bandwidth;
    QSpinBox *m_maxRead;
    QSpinBox *m_maxWrite;
    QSpinBox *m_dropAfter;
    QDoubleSpinBox *m_dropProbability;
    QCheckBox *m_reset;
};

} // namespace workbench
