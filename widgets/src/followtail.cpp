// SPDX-License-Identifier: MIT
#include <diesel/widgets/followtail.h>

#include <QAbstractItemView>
#include <QScrollBar>
#include <QTimer>

namespace diesel::widgets {

FollowTail::FollowTail(QAbstractItemView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    QScrollBar *bar = view->verticalScrollBar();
    // A person scrolling moves the slider (actionTriggered) or the wheel/keys change the value
    // without the range changing; new rows change the range.
    connect(bar, &QScrollBar::actionTriggered, this,
            [this] { QTimer::singleShot(0, this, &FollowTail::onRangeOrValue); });
    // Rows dropped at the top also move the value; only reaching the bottom counts here.
    connect(bar, &QScrollBar::valueChanged, this, [this, bar] {
        if (!m_scrolling && !m_following && bar->value() >= bar->maximum())
            onRangeOrValue();
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this] {
        if (m_following)
            scheduleScroll();
    });
    if (view->model()) {
        connect(view->model(), &QAbstractItemModel::rowsInserted, this, [this] {
            if (m_following)
                scheduleScroll();
        });
        connect(view->model(), &QAbstractItemModel::modelReset, this, [this] {
            if (m_following)
                scheduleScroll();
        });
    }
}

void FollowTail::onRangeOrValue()
{
    if (m_scrolling || m_held)
        return;
    const QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    if (atBottom != m_following) {
        m_following = atBottom;
        Q_EMIT followingChanged(m_following);
    }
}

void FollowTail::setHeld(bool held)
{
    if (held == m_held)
        return;
    m_held = held;
    if (held) {
        m_resume = m_following;
        if (m_following) {
            m_following = false;
            Q_EMIT followingChanged(false);
        }
    } else if (m_resume) {
        setFollowing(true);
    }
}

void FollowTail::setFollowing(bool follow)
{
    // Asked for by the person: that ends a hold.
    if (follow)
        m_held = false;
    if (follow == m_following)
        return;
    m_following = follow;
    if (follow)
        scheduleScroll();
    Q_EMIT followingChanged(m_following);
}

void FollowTail::scheduleScroll()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        if (!m_following)
            return;
        m_scrolling = true;
        m_view->scrollToBottom();
        m_scrolling = false;
    });
}

} // namespace diesel::widgets
