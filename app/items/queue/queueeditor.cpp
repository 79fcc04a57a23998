// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "workspacecontroller.h"

#include <diesel/widgets/format.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace workbench {

QueueEditor::QueueEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::OwnTimer, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_size = new QLabel(this);
    m_taken = new QLabel(this);
    m_taken->setWordWrap(true);
    m_taken->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name = new QLineEdit(this);
    m_name->setToolTip(QStringLiteral("Services with the \"Push lines into a Queue\" behaviour "
                                      "name their Queue"));
    m_capacity = new QSpinBox(this);
    m_capacity->setRange(0, 100000000);
    m_capacity->setSpecialValueText(QStringLiteral("unbounded"));
    m_capacity->setToolTip(QStringLiteral("A full Queue makes put() wait: the pushing Loops show "
                                          "\"waiting queue\" in the inspector"));
    m_consumers = new QSpinBox(this);
    m_consumers->setRange(0, 10000);
    m_consumers->setToolTip(QStringLiteral("Loops that take items from the Queue (and drop them)"));
    m_delay = new QDoubleSpinBox(this);
    m_delay->setRange(0, 3600);
    m_delay->setDecimals(3);
    m_delay->setSuffix(QStringLiteral(" s"));
    m_delay->setToolTip(QStringLiteral("How long each consumer sleeps after taking an item"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Capacity"), m_capacity);
    form->addRow(QStringLiteral("C&onsumers"), m_consumers);
    form->addRow(QStringLiteral("Consumer &delay"), m_delay);
    form->addRow(QStringLiteral("Size"), m_size);

    auto *apply = makeApplyButton(this);
    auto *take = new QPushButton(QStringLiteral("&Take one"), this);
    take->setToolTip(QStringLiteral("Take the oldest item (get with waiting=False)"));
    auto *clear = new QPushButton(QStringLiteral("C&lear"), this);
    clear->setToolTip(QStringLiteral("Drop every queued item"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(apply);
    buttons->addStretch(1);
    buttons->addWidget(take);
    buttons->addWidget(clear);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_taken);
    layout->addStretch(1);

    connect(apply, &QPushButton::clicked, this, &QueueEditor::apply);
    connect(take, &QPushButton::clicked, this, [this] {
        if (!m_controller)
            return;
        if (auto item = m_controller->takeOne())
            m_taken->setText(QStringLiteral("Took: ") +
                             diesel::widgets::escapedText(QByteArrayView(*item), 400));
        else
            m_taken->setText(QStringLiteral("The Queue is empty (QueueEmpty)."));
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->clear();
    });
    // Consumers take items inside their Loops without a signal: the size is polled while shown.
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &QueueEditor::refresh);
    m_timer.start();
    setController(nullptr);
}

void QueueEditor::loadController(QueueController *controller)
{
    m_taken->clear();
    if (controller) {
        m_name->setText(controller->spec().name);
        m_capacity->setValue(controller->spec().capacity);
        m_consumers->setValue(controller->spec().consumers);
        m_delay->setValue(controller->spec().consumeDelay);
    }
}

bool QueueEditor::apply()
{
    if (!m_controller)
        return false;
    QueueSpec spec = m_controller->spec();
    spec.name = m_name->text().trimmed();
    spec.capacity = m_capacity->value();
    spec.consumers = m_consumers->value();
    spec.consumeDelay = m_delay->value();
    if (spec.name.isEmpty())
        return false;
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    refresh();
    return true;
}

void QueueEditor::refresh()
{
    if (!m_controller || !isVisible()) {
        if (!m_controller)
            m_state->displayText(QStringLiteral("Select a Queue in the workspace"));
        return;
    }
    m_state->display(m_controller->state(), QStringLiteral("queue ") + m_controller->name());
    m_size->setText(QStringLiteral("%1 items queued \u00b7 %2 taken by consumers")
                        .arg(m_controller->size())
                        .arg(m_controller->consumed()));
}

} // namespace workbench
