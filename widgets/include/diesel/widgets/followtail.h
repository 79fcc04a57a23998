// SPDX-License-Identifier: MIT
// Keeps a growing list scrolled to its newest row ("follow"), until the person scrolls up; it
// follows again once they scroll back to the bottom.
#pragma once

#include <QObject>

class QAbstractItemView;

namespace diesel::widgets {

class FollowTail : public QObject
{
    Q_OBJECT

public:
    /// Follows `view`'s model (set the model before). Following is on at first.
    explicit FollowTail(QAbstractItemView *view, QObject *parent = nullptr);

    bool following() const noexcept { return m_following; }

public Q_SLOTS:
    void setFollowing(bool follow);

Q_SIGNALS:
    void followingChanged(bool following);

private:
    void onRangeOrValue();
    void scheduleScroll();

    QAbstractItemView *m_view;
    bool m_following = true;
    bool m_scrolling = false; // our own scrolling is not the person's
    bool m_scheduled = false;
};

} // namespace diesel::widgets
