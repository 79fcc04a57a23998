// SPDX-License-Identifier: MIT
// Adding an Observer to a Hub and removing it again, for the recorders and models that observe
// only while someone watches. A Hub lives on one thread and may go before its observers: the
// attachment touches it only while it is its thread's current Hub.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>
#include <diesel/widgets/export.h>

namespace diesel::widgets {

/// Keeps `observer` added to `hub` between attach() and detach(), and removes it on destruction.
class DIESEL_WIDGETS_EXPORT ObserverAttachment
{
public:
    ObserverAttachment(Hub &hub, Observer &observer) noexcept
        : m_hub(hub)
        , m_observer(observer)
    {}
    ~ObserverAttachment() { detach(); }
    ObserverAttachment(const ObserverAttachment &) = delete;
    ObserverAttachment &operator=(const ObserverAttachment &) = delete;

    /// True on the Hub's own thread while the Hub lives; elsewhere attach() and detach() do
    /// nothing.
    bool hubIsCurrent() const noexcept { return Hub::current_if_any() == &m_hub; }
    bool attached() const noexcept { return m_attached; }

    /// Adds the observer, or adds it again if it is attached: the Hub reads its interests() only
    /// when it is added. False if the Hub is not current.
    bool attach()
    {
        if (!hubIsCurrent())
            return false;
        if (m_attached)
            m_hub.remove_observer(m_observer);
        m_hub.add_observer(m_observer);
        m_attached = true;
        return true;
    }
    /// Removes the observer if it is attached. False if the Hub is not current.
    bool detach()
    {
        if (!hubIsCurrent())
            return false;
        if (m_attached)
            m_hub.remove_observer(m_observer);
        m_attached = false;
        return true;
    }

private:
    Hub &m_hub;
    Observer &m_observer;
    bool m_attached = false;
};

} // namespace diesel::widgets
