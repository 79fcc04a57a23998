// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "poolcontroller.h"
#include "pooleditor.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace workbench {

namespace {
QDoubleSpinBox *secondsBox(QWidget *parent, double min, double max)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(3);
    box->setSuffix(QStringLiteral(" s"));
    return box;
}
} // namespace

PoolEditor::PoolEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_counters = new QLabel(this);
    m_counters->setWordWrap(true);
    m_counters->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name = new QLineEdit(this);
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_tls = new QCheckBox(QStringLiteral("TLS"), this);
    m_verify = new QCheckBox(QStringLiteral("Verify the peer's certificate"), this);
    m_verify->setToolTip(QStringLiteral("Off for a self-signed test server"));
    m_poolSize = new QSpinBox(this);
    m_poolSize->setRange(0, 100000);
    m_poolSize->setToolTip(QStringLiteral("pool_size: idle connections kept; extras close when "
                                          "they come back"));
    m_poolMax = new QSpinBox(this);
    m_poolMax->setRange(0, 100000);
    m_poolMax->setSpecialValueText(QStringLiteral("no limit"));
    m_poolMax->setToolTip(
        QStringLiteral("pool_max: connections lent at once; more borrowers wait"));
    m_maxWait = secondsBox(this, 0, 3600);
    m_maxWait->setToolTip(QStringLiteral("max_wait: how long a borrower waits at pool_max before "
                                         "ConnectionPoolFull (0: not at all)"));
    m_actors = new QSpinBox(this);
    m_actors->setRange(0, 10000);
    m_actors->setToolTip(QStringLiteral("Loops that borrow a connection, send a line and wait for "
                                        "the reply, again and again"));
    m_message = new QLineEdit(this);
    m_message->setToolTip(QStringLiteral("{a}: the actor's number, {n}: the message's number"));
    m_interval = secondsBox(this, 0, 86400);
    m_interval->setToolTip(QStringLiteral("How long each actor sleeps between two messages"));
    m_autostart = new QCheckBox(QStringLiteral("Start with the workspace"), this);

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Host"), m_host);
    form->addRow(QStringLiteral("&Port"), m_port);
    form->addRow(QString(), m_tls);
    form->addRow(QString(), m_verify);
    form->addRow(QStringLiteral("Pool &size"), m_poolSize);
    form->addRow(QStringLiteral("Pool &max"), m_poolMax);
    form->addRow(QStringLiteral("Max &wait"), m_maxWait);
    form->addRow(QStringLiteral("&Actors"), m_actors);
    form->addRow(QStringLiteral("M&essage"), m_message);
    form->addRow(QStringLiteral("&Interval"), m_interval);
    form->addRow(QString(), m_autostart);
    form->addRow(QStringLiteral("Counters"), m_counters);

    auto *applyButton = makeApplyButton(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    const StartStopButtons buttons = addStartStopRow(layout, this, applyButton);
    buttons.stop->setObjectName(QStringLiteral("poolStop"));
    layout->addStretch(1);

    connect(applyButton, &QPushButton::clicked, this, &PoolEditor::apply);
    setController(nullptr);
}

PoolSpec PoolEditor::editedSpec() const
{
    PoolSpec spec = m_controller ? m_controller->spec() : PoolSpec{};
    spec.name = m_name->text().trimmed();
    spec.host = m_host->text().trimmed();
    spec.port = std::uint16_t(m_port->value());
    spec.tls = m_tls->isChecked();
    spec.verifyPeer = m_verify->isChecked();
    spec.poolSize = m_poolSize->value();
    spec.poolMax = m_poolMax->value();
    spec.maxWait = m_maxWait->value();
    spec.actors = m_actors->value();
    spec.message = m_message->text();
    spec.interval = m_interval->value();
    spec.autostart = m_autostart->isChecked();
    return spec;
}

bool PoolEditor::apply()
{
    if (!m_controller)
        return false;
    const PoolSpec spec = editedSpec();
    if (spec.name.isEmpty() || spec.host.isEmpty() ||
        (spec.poolMax != 0 && spec.poolSize > spec.poolMax))
        return false;
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

void PoolEditor::loadController(PoolController *controller)
{
    const PoolSpec spec = controller ? controller->spec() : PoolSpec{};
    m_name->setText(spec.name);
    m_host->setText(spec.host);
    m_port->setValue(spec.port);
    m_tls->setChecked(spec.tls);
    m_verify->setChecked(spec.verifyPeer);
    m_poolSize->setValue(spec.poolSize);
    m_poolMax->setValue(spec.poolMax);
    m_maxWait->setValue(spec.maxWait);
    m_actors->setValue(spec.actors);
    m_message->setText(spec.message);
    m_interval->setValue(spec.interval);
    m_autostart->setChecked(spec.autostart);
}

QString PoolEditor::countersText() const
{
    return m_counters->text();
}

void PoolEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Pool in the workspace"));
        m_error->hide();
        m_counters->clear();
        return;
    }
    showState(m_state, m_error, *m_controller, QStringLiteral("pool ") + m_controller->name());
    // An actor's error (a full pool, a refused connection) is shown here while the Pool runs on.
    if (m_controller->state() != ItemState::Error && !m_controller->lastProblem().isEmpty()) {
        m_error->setText(m_controller->lastProblem());
        m_error->show();
    }
    const PoolCounters &c = m_controller->counters();
    m_counters->setText(QStringLiteral("idle %1 \u00b7 in use %2 \u00b7 waiting %3 \u00b7 created "
                                       "%4 \u00b7 discarded %5 \u00b7 closed %6")
                            .arg(c.idle)
                            .arg(c.inUse)
                            .arg(c.waiting)
                            .arg(c.created)
                            .arg(c.discarded)
                            .arg(c.closed));
}

} // namespace workbench
