// SPDX-License-Identifier: MIT
#include "consolepanel.h"
#include "itemcontroller.h"
#include "itemtyperegistry.h"
#include "itemwidget.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace workbench {

ConsolePanel::ConsolePanel(EventLog &log, QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_hint(new QLabel(this))
{
    m_hint->setText(QStringLiteral("Select a Client to talk to a Service from here, a Service "
                                   "to see its log, or a Pool to see its actors and sockets."));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_stack->addWidget(m_hint);
    for (const ItemType &type : ItemTypeRegistry::instance().types()) {
        if (!type.createConsole)
            continue;
        ItemWidget *console = type.createConsole(log, this);
        m_consoles[type.id] = console;
        m_stack->addWidget(console);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void ConsolePanel::setConfirm(const Confirm &confirm)
{
    for (const auto &[type, console] : m_consoles)
        console->setConfirm(confirm);
}

ItemWidget *ConsolePanel::console(const QString &type) const
{
    const auto it = m_consoles.find(type);
    return it == m_consoles.end() ? nullptr : it->second;
}

void ConsolePanel::showItem(ItemController *item)
{
    QWidget *page = m_hint;
    for (const auto &[type, console] : m_consoles) {
        const bool mine = item && item->type().id == type;
        console->showItem(mine ? item : nullptr);
        if (mine)
            page = console;
    }
    m_stack->setCurrentWidget(page);
}

} // namespace workbench
