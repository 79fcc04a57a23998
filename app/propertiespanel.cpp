// SPDX-License-Identifier: MIT
#include "itemcontroller.h"
#include "itemtyperegistry.h"
#include "itemwidget.h"
#include "propertiespanel.h"
#include "workspacecontroller.h"

#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench {

PropertiesPanel::PropertiesPanel(WorkspaceController &workspace, QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_hint(new QLabel(this))
{
    m_hint->setText(QStringLiteral("Select an item in the workspace to edit, start or stop it."
                                   "\n\nNew items: the buttons above the workspace tree."));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_hint->setMargin(8);
    int minimum = 0;
    auto widen = [this, &minimum](QWidget *page) {
        minimum = std::max(minimum, page->minimumSizeHint().width() +
                                        style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    };
    widen(addPage(m_hint));
    for (const ItemType &type : ItemTypeRegistry::instance().types()) {
        if (!type.createEditor)
            continue;
        ItemWidget *editor = type.createEditor(workspace, this);
        m_editors[type.id] = {editor, addPage(editor)};
        widen(editor);
    }
    m_stack->setMinimumWidth(minimum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(&workspace, &WorkspaceController::itemRemoved, this, [this](ItemController *item) {
        if (item == m_item)
            showItem(nullptr);
    });
}

QWidget *PropertiesPanel::addPage(QWidget *page)
{
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Scrolled up and down only: the panel is never narrower than its widest page needs, so a
    // button such as Stop cannot end up beyond the right edge.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stack->addWidget(scroll);
    return scroll;
}

void PropertiesPanel::setConfirm(const Confirm &confirm)
{
    for (const auto &[type, editor] : m_editors)
        editor.first->setConfirm(confirm);
}

ItemWidget *PropertiesPanel::editor(const QString &type) const
{
    const auto it = m_editors.find(type);
    return it == m_editors.end() ? nullptr : it->second.first;
}

void PropertiesPanel::showItem(ItemController *item)
{
    m_item = item;
    QWidget *page = m_stack->widget(0);
    for (const auto &[type, editor] : m_editors) {
        const bool mine = item && item->type().id == type;
        editor.first->showItem(mine ? item : nullptr);
        if (mine)
            page = editor.second;
    }
    m_stack->setCurrentWidget(page);
}

} // namespace workbench
