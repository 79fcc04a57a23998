// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "mongocontroller.h"
#include "mongoeditor.h"
#include "workspacecontroller.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace workbench {

MongoEditor::MongoEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::Changed, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_name = new QLineEdit(this);
    m_uri = new QLineEdit(this);
    m_uri->setToolTip(QStringLiteral("mongodb://host:port/ — several hosts, replicaSet=, "
                                     "tls=true as in any MongoDB driver (not mongodb+srv://)"));
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0.001, 3600);
    m_timeout->setDecimals(3);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeout->setToolTip(QStringLiteral("How long connecting and each call may take"));
    m_autostart = new QCheckBox(QStringLiteral("Start with the workspace"), this);

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&URI"), m_uri);
    form->addRow(QStringLiteral("&Timeout"), m_timeout);
    form->addRow(QString(), m_autostart);

    auto *applyButton = makeApplyButton(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_error);
    layout->addLayout(form);
    const StartStopButtons buttons = addStartStopRow(layout, this, applyButton);
    buttons.start->setToolTip(QStringLiteral("Connect, ping the server and read its databases"));
    layout->addWidget(m_summary);
    layout->addStretch(1);

    connect(applyButton, &QPushButton::clicked, this, &MongoEditor::apply);
    setController(nullptr);
}

MongoSpec MongoEditor::editedSpec() const
{
    MongoSpec spec = m_controller ? m_controller->spec() : MongoSpec{};
    spec.name = m_name->text().trimmed();
    spec.uri = m_uri->text().trimmed();
    spec.requestTimeout = m_timeout->value();
    spec.autostart = m_autostart->isChecked();
    return spec;
}

bool MongoEditor::apply()
{
    if (!m_controller)
        return false;
    const MongoSpec spec = editedSpec();
    if (spec.name.isEmpty() || !spec.uri.startsWith(QLatin1String("mongodb://")))
        return false;
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    return true;
}

QString MongoEditor::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void MongoEditor::loadController(MongoController *controller)
{
    const MongoSpec spec = controller ? controller->spec() : MongoSpec{};
    m_name->setText(spec.name);
    m_uri->setText(spec.uri);
    m_timeout->setValue(spec.requestTimeout);
    m_autostart->setChecked(spec.autostart);
}

void MongoEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a MongoDB item in the workspace"));
        m_error->hide();
        m_summary->clear();
        return;
    }
    showState(m_state, m_error, *m_controller, QStringLiteral("mongodb ") + m_controller->name());
    m_summary->setText(m_controller->summary());
}

} // namespace workbench
