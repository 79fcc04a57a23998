// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "httprouteseditor.h"
#include "httpservicecontroller.h"
#include "httpserviceeditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace workbench {

HttpServiceEditor::HttpServiceEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_name = new QLineEdit(this);
    m_iface = new QLineEdit(this);
    m_iface->setToolTip(QStringLiteral("127.0.0.1: this machine only; 0.0.0.0: every interface"));
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(QStringLiteral("any free port"));
    m_autostart = new QCheckBox(QStringLiteral("Start with the workspace"), this);
    m_routes = new HttpRoutesEditor(this);

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Interface"), m_iface);
    form->addRow(QStringLiteral("&Port"), m_port);
    form->addRow(QString(), m_autostart);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(new QLabel(QStringLiteral("Routes"), this));
    layout->addWidget(m_routes, 1);
    auto *applyButton = makeApplyButton(this);
    connect(applyButton, &QPushButton::clicked, this, &HttpServiceEditor::apply);
    addStartStopRow(layout, this, applyButton);
    setController(nullptr);
}

HttpServiceSpec HttpServiceEditor::editedSpec() const
{
    HttpServiceSpec spec = m_controller ? m_controller->spec() : HttpServiceSpec{};
    spec.name = m_name->text().trimmed();
    spec.iface = m_iface->text().trimmed();
    spec.port = std::uint16_t(m_port->value());
    spec.autostart = m_autostart->isChecked();
    spec.routes = m_routes->routes();
    return spec;
}

bool HttpServiceEditor::apply()
{
    const bool applied = applyChecked(m_controller, m_error, m_workspace, [this] {
        return readHttpServiceSpec(httpServiceJson(editedSpec()), QStringLiteral("HTTP Service"));
    });
    if (applied)
        refresh();
    return applied;
}

QString HttpServiceEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void HttpServiceEditor::loadController(HttpServiceController *controller)
{
    const HttpServiceSpec spec = controller ? controller->spec() : HttpServiceSpec{};
    m_name->setText(spec.name);
    m_iface->setText(spec.iface);
    m_port->setValue(spec.port);
    m_autostart->setChecked(spec.autostart);
    m_routes->setRoutes(spec.routes);
}

void HttpServiceEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select an HTTP Service in the workspace"));
        m_error->hide();
        return;
    }
    showState(m_state, m_error, *m_controller,
              QStringLiteral("%1 :%2").arg(m_controller->name()).arg(m_controller->port()));
}

} // namespace workbench
