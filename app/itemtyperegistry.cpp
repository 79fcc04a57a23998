// SPDX-License-Identifier: MIT
#include "itemtyperegistry.h"
#include "jsonfields.h"

#include <algorithm>

namespace workbench {

QString ItemReadContext::typeOf(const QString &id) const
{
    const auto it = m_types.find(id);
    return it == m_types.end() ? QString() : it->second;
}

QString ItemReadContext::link(const QJsonObject &o, const QString &where, const char *key,
                              const QString &type, bool required) const
{
    const QString id = getLabel(o, where, key, {}, required);
    if (id.isEmpty() && !required)
        return id;
    const QString found = typeOf(id);
    if (found.isEmpty())
        fail(field(where, key), QStringLiteral("no item has the id \"%1\"").arg(id));
    if (found != type)
        fail(field(where, key), QStringLiteral("\"%1\" is a %2, not a %3").arg(id, found, type));
    return id;
}

ItemTypeRegistry &ItemTypeRegistry::instance()
{
    static ItemTypeRegistry registry;
    static const bool builtins = (registerBuiltinItemTypes(registry), true);
    Q_UNUSED(builtins);
    return registry;
}

const ItemType &ItemTypeRegistry::add(ItemType type)
{
    Q_ASSERT(!find(type.id));
    return m_types.emplace_back(std::move(type));
}

const ItemType *ItemTypeRegistry::find(const QString &id) const
{
    const auto it = std::find_if(m_types.begin(), m_types.end(),
                                 [&id](const ItemType &t) { return t.id == id; });
    return it == m_types.end() ? nullptr : &*it;
}

QStringList ItemTypeRegistry::ids() const
{
    QStringList list;
    for (const ItemType &t : m_types)
        list << t.id;
    list.sort();
    return list;
}

std::vector<const ItemType *> ItemTypeRegistry::inTreeOrder() const
{
    std::vector<const ItemType *> types;
    for (const ItemType &type : m_types)
        types.push_back(&type);
    std::stable_sort(types.begin(), types.end(), [](const ItemType *a, const ItemType *b) {
        return a->treeOrder < b->treeOrder;
    });
    return types;
}

} // namespace workbench
