// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "riakcontroller.h"
#include "riakeditor.h"
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

RiakEditor::RiakEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_host = new QLineEdit(this);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setToolTip(QStringLiteral("Riak's Protocol Buffers port (8087 by default)"));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0.001, 3600);
    m_timeout->setDecimals(3);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeout->setToolTip(QStringLiteral("How long connecting and each call may take"));
    m_autostart = new QCheckBox(QStringLiteral("Start with the workspace"), this);

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Host"), m_host);
    form->addRow(QStringLiteral("&Port"), m_port);
    form->addRow(QStringLiteral("&Timeout"), m_timeout);
    form->addRow(QString(), m_autostart);

    auto *applyButton = makeApplyButton(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    const StartStopButtons buttons = addStartStopRow(layout, this, applyButton);
    buttons.start->setToolTip(QStringLiteral("Connect and ping the node"));
    layout->addWidget(m_summary);
    layout->addStretch(1);

    connect(applyButton, &QPushButton::clicked, this, &RiakEditor::apply);
    setController(nullptr);
}

RiakSpec RiakEditor::editedSpec() const
{
    RiakSpec spec = m_controller ? m_controller->spec() : RiakSpec{};
    spec.name = m_name->text().trimmed();
    spec.host = m_host->text().trimmed();
    spec.port = std::uint16_t(m_port->value());
    spec.requestTimeout = m_timeout->value();
    spec.autostart = m_autostart->isChecked();
    return spec;
}

bool RiakEditor::apply()
{
    if (!m_controller)
        return false;
    const RiakSpec spec = editedSpec();
    if (spec.name.isEmpty() || spec.host.isEmpty())
        return false;
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

QString RiakEditor::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void RiakEditor::loadController(RiakController *controller)
{
    const RiakSpec spec = controller ? controller->spec() : RiakSpec{};
    m_name->setText(spec.name);
    m_host->setText(spec.host);
    m_port->setValue(spec.port);
    m_timeout->setValue(spec.requestTimeout);
    m_autostart->setChecked(spec.autostart);
}

void RiakEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Riak item in the workspace"));
        m_error->hide();
        m_summary->clear();
        return;
    }
    showState(m_state, m_error, *m_controller, QStringLiteral("riak ") + m_controller->name());
    m_summary->setText(m_controller->summary());
}

} // namespace workbench
