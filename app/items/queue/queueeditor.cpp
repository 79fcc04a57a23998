// SPDX-License-Identifier: MIT
#include "editorparts.h"
#include "itemtype.h"
#include "queuecontroller.h"
#include "queueeditor.h"
#include "workspacecontroller.h"

#include <diesel/widgets/format.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStringList>
#include <QVBoxLayout>

namespace workbench {

namespace {

QLabel *makeTextLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // replies are what a peer sent
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The count of producers or consumers; `name` is its object name (tests find it by that).
QSpinBox *makeCountBox(QWidget *parent, const char *name, const QString &toolTip)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 10000);
    box->setObjectName(QLatin1String(name));
    box->setToolTip(toolTip);
    return box;
}

// A rate or a time, to the millisecond.
QDoubleSpinBox *makeAmountBox(QWidget *parent, const char *name, double min, double max,
                              const QString &suffix, const QString &toolTip)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(3);
    box->setSuffix(suffix);
    box->setObjectName(QLatin1String(name));
    box->setToolTip(toolTip);
    return box;
}

} // namespace

QueueEditor::QueueEditor(WorkspaceController &workspace, QWidget *parent)
    : ItemPanel(RefreshOn::OwnTimer, parent)
    , m_workspace(workspace)
{
    m_state = new StateLine(this);
    m_error = makeErrorLabel(this);
    m_numbers = makeTextLabel(this);
    m_numbers->setObjectName(QStringLiteral("queueNumbers"));
    m_taken = makeTextLabel(this);
    m_name = new QLineEdit(this);
    m_name->setToolTip(QStringLiteral("Its Loops are labelled \"name producer 1\", \"name "
                                      "consumer 1\""));
    m_capacity = new QSpinBox(this);
    m_capacity->setRange(0, 100000000);
    m_capacity->setSpecialValueText(QStringLiteral("unbounded"));
    m_capacity->setToolTip(QStringLiteral("A full Queue makes put() wait: its producers (and "
                                          "Services pushing into it) block until there is room"));
    m_producers =
        makeCountBox(this, "producers",
                     QStringLiteral("Loops that put a message into the Queue again and again"));
    m_rate = makeAmountBox(
        this, "rate", 0.001, 1000000, QStringLiteral(" /s"),
        QStringLiteral("Items per second, each producer (less while the Queue is full)"));
    m_message = new QLineEdit(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setToolTip(QStringLiteral("{p}: the producer's number, {n}: the item's number"));
    m_consumers =
        makeCountBox(this, "consumers", QStringLiteral("Loops that take items from the Queue"));
    m_workTime = makeAmountBox(this, "workTime", 0, 3600, QStringLiteral(" s"),
                               QStringLiteral("How long each consumer works (sleeps) per item"));
    m_action = new QComboBox(this);
    m_action->addItem(QStringLiteral("Drop each item"), int(ConsumerAction::Drop));
    m_action->addItem(QStringLiteral("Send each through a Pool"), int(ConsumerAction::SendPool));
    m_action->setObjectName(QStringLiteral("action"));
    m_action->setToolTip(QStringLiteral("Through a Pool: each item goes out as a line and the "
                                        "consumer waits for the reply; a failed send is retried"));
    m_pool = new QComboBox(this);
    m_pool->setObjectName(QStringLiteral("pool"));
    m_pool->setToolTip(QStringLiteral("The workspace Pool the consumers send items through"));

    auto *form = makeForm();
    form->addRow(QStringLiteral("&Name"), m_name);
    form->addRow(QStringLiteral("&Capacity"), m_capacity);
    form->addRow(QStringLiteral("&Producers"), m_producers);
    form->addRow(QStringLiteral("&Rate"), m_rate);
    form->addRow(QStringLiteral("&Message"), m_message);
    form->addRow(QStringLiteral("C&onsumers"), m_consumers);
    form->addRow(QStringLiteral("&Work time"), m_workTime);
    form->addRow(QStringLiteral("&Each item"), m_action);
    form->addRow(QStringLiteral("P&ool"), m_pool);

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
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_numbers); // the panel's full width: the numbers wrap less
    layout->addLayout(buttons);
    layout->addWidget(m_taken);
    layout->addStretch(1);

    connect(apply, &QPushButton::clicked, this, &QueueEditor::apply);
    connect(m_action, &QComboBox::currentIndexChanged, this, &QueueEditor::updateEnabled);
    connect(m_producers, &QSpinBox::valueChanged, this, &QueueEditor::updateEnabled);
    connect(m_consumers, &QSpinBox::valueChanged, this, &QueueEditor::updateEnabled);
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
    // Pools come and go: the picker follows, keeping the choice.
    connect(&workspace, &WorkspaceController::itemAdded, this,
            [this] { fillPools(m_pool->currentData().toString()); });
    connect(&workspace, &WorkspaceController::itemRemoved, this,
            [this](ItemController *item) { fillPools(m_pool->currentData().toString(), item); });
    // Producers and consumers move the numbers inside their Loops, without a signal: they are
    // polled while the panel is shown.
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &QueueEditor::refresh);
    m_timer.start();
    setController(nullptr);
}

void QueueEditor::fillPools(const QString &selected, const ItemController *leaving)
{
    const QSignalBlocker block(m_pool);
    m_pool->clear();
    for (ItemController *item : m_workspace.items())
        if (item != leaving && item->type().id == QLatin1String("pool"))
            m_pool->addItem(item->name(), item->id());
    int index = m_pool->findData(selected);
    // A link to a Pool that is gone stays visible (and the Queue shows the error) until the
    // person picks another.
    if (index < 0 && !selected.isEmpty()) {
        m_pool->addItem(QStringLiteral("(missing: %1)").arg(selected), selected);
        index = m_pool->count() - 1;
    }
    m_pool->setCurrentIndex(index);
}

void QueueEditor::updateEnabled()
{
    const bool producers = m_producers->value() > 0;
    m_rate->setEnabled(producers);
    m_message->setEnabled(producers);
    const bool consumers = m_consumers->value() > 0;
    m_workTime->setEnabled(consumers);
    m_action->setEnabled(consumers);
    m_pool->setEnabled(consumers &&
                       ConsumerAction(m_action->currentData().toInt()) == ConsumerAction::SendPool);
}

void QueueEditor::loadController(QueueController *controller)
{
    m_taken->clear();
    const QueueSpec spec = controller ? controller->spec() : QueueSpec{};
    m_name->setText(spec.name);
    m_capacity->setValue(spec.capacity);
    m_producers->setValue(spec.producers);
    m_rate->setValue(spec.producerRate);
    m_message->setText(spec.message);
    m_consumers->setValue(spec.consumers);
    m_workTime->setValue(spec.consumeDelay);
    m_action->setCurrentIndex(m_action->findData(int(spec.action)));
    fillPools(spec.pool);
    updateEnabled();
}

QueueSpec QueueEditor::editedSpec() const
{
    QueueSpec spec = m_controller ? m_controller->spec() : QueueSpec{};
    spec.name = m_name->text().trimmed();
    spec.capacity = m_capacity->value();
    spec.producers = m_producers->value();
    spec.producerRate = m_rate->value();
    spec.message = m_message->text();
    spec.consumers = m_consumers->value();
    spec.consumeDelay = m_workTime->value();
    spec.action = ConsumerAction(m_action->currentData().toInt());
    // Only consumers that send through a Pool link to one (see readQueueSpec()).
    spec.pool =
        spec.action == ConsumerAction::SendPool ? m_pool->currentData().toString() : QString();
    return spec;
}

bool QueueEditor::apply()
{
    if (!m_controller)
        return false;
    const QueueSpec spec = editedSpec();
    if (spec.name.isEmpty() || (spec.action == ConsumerAction::SendPool && spec.pool.isEmpty()))
        return false;
    if (spec == m_controller->spec())
        return true;
    m_controller->setSpec(spec);
    m_workspace.markModified();
    refresh();
    return true;
}

QString QueueEditor::numbersText() const
{
    return m_numbers->text();
}

void QueueEditor::refresh()
{
    if (!m_controller) {
        m_state->displayText(QStringLiteral("Select a Queue in the workspace"));
        m_error->hide();
        m_numbers->clear();
        return;
    }
    if (!isVisible())
        return;
    const QueueController &q = *m_controller;
    showState(m_state, m_error, q, QStringLiteral("queue ") + q.name());
    QString depth = QStringLiteral("depth %1").arg(q.size());
    if (q.spec().capacity > 0)
        depth += QStringLiteral(" of %1").arg(q.spec().capacity);
    if (q.full())
        depth += QStringLiteral(" \u00b7 full");
    const QueueTally &t = q.tally();
    QStringList lines{depth + QStringLiteral(" \u00b7 %1 blocked").arg(q.blockedProducers()),
                      QStringLiteral("produced %1 \u00b7 consumed %2 \u00b7 failed %3")
                          .arg(t.produced)
                          .arg(t.consumed)
                          .arg(t.failed)};
    if (!t.lastReply.isEmpty())
        lines << QStringLiteral("last reply: ") + t.lastReply;
    if (!t.lastError.isEmpty())
        lines << QStringLiteral("last failure: ") + t.lastError;
    m_numbers->setText(lines.join(QLatin1Char('\n')));
}

} // namespace workbench
