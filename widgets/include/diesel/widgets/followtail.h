// SPDX-License-Identifier: MIT
// Keeps a growing list scrolled to its newest row ("follow"), until the person scrolls up; it
// follows again once they scroll back to the bottom. Selecting a row holds it (see setHeld()).
#pragma once

#include <diesel/widgets/export.h>

#include <QObject>

class QAbstractItemView;

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT FollowTail : public QObject
{
    Q_OBJECT

public:
    /// Follows `view`'s model (set the model before). Following is on at first.
    explicit FollowTail(QAbstractItemView *view, QObject *parent = nullptr);

    bool following() const noexcept { return m_following; }

public Q_SLOTS:
    /// Following on again (even while held) or off.
    void setFollowing(bool follow);
    /// Held (while a row is selected, say): it neither scrolls nor follows again at the bottom;
    /// released, it follows again if it did when held.
    void setHeld(bool held);

Q_SIGNALS:
    void followingChanged(bool following);

private:
    void onRangeOrValue();
    void scheduleScroll();

    QAbstractItemView *m_view;
    bool m_following = true;
    bool m_scrolling = false; // our own scrolling is not the person's
    bool m_scheduled = false;
    bool m_held = false;
    bool m_resume = false; // following when held
};

} // namespace diesel::widgets
