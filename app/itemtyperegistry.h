// SPDX-License-Identifier: MIT
// The item kinds the workbench knows. The built-in ones (every folder under app/items/) register
// on first use: app/CMakeLists.txt finds the folders and generates the calls, so a new kind adds
// its folder and nothing else. Tests may add kinds of their own.
#pragma once

#include "itemtype.h"

#include <deque>
#include <vector>

namespace workbench {

class ItemTypeRegistry
{
public:
    /// The registry, with the built-in kinds.
    static ItemTypeRegistry &instance();

    /// Adds a kind (its id must be new); returns it.
    const ItemType &add(ItemType type);
    /// The kind with this id, or nullptr.
    const ItemType *find(const QString &id) const;
    /// The kinds in the order they were added (stable addresses).
    const std::deque<ItemType> &types() const noexcept { return m_types; }
    /// The ids, sorted, for error messages ("client", "pool", ...).
    QStringList ids() const;
    /// The kinds in the workspace tree's order (ItemType::treeOrder; ties keep the adding order).
    std::vector<const ItemType *> inTreeOrder() const;

private:
    ItemTypeRegistry() = default;
    std::deque<ItemType> m_types;
};

/// Called once by instance(); generated from the folders under app/items/.
void registerBuiltinItemTypes(ItemTypeRegistry &registry);

} // namespace workbench
