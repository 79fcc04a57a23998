// SPDX-License-Identifier: MIT
// Portable backend: one QSocketNotifier per socket and direction. A notifier is enabled only
// while its direction is not known to be ready, which also gives the one-shot behaviour that
// Windows' notifiers have anyway.
#include "backend.h"
#include "hub_p.h"
#include "watcher.h"

#include <QSocketNotifier>

#include <memory>
#include <unordered_map>

namespace diesel::detail {

namespace {

class NotifierBackend final : public FdBackend
{
public:
    explicit NotifierBackend(HubPrivate &hub)
        : m_hub(hub)
    {}

    void add(Watcher &watcher) override
    {
        Pair &pair = m_pairs[&watcher];
        pair.read = std::make_unique<QSocketNotifier>(watcher.fd, QSocketNotifier::Read);
        pair.write = std::make_unique<QSocketNotifier>(watcher.fd, QSocketNotifier::Write);
        pair.write->setEnabled(false);
        QObject::connect(pair.read.get(), &QSocketNotifier::activated, &m_hub.context,
                         [this, &watcher] { activated(watcher, true); });
        QObject::connect(pair.write.get(), &QSocketNotifier::activated, &m_hub.context,
                         [this, &watcher] { activated(watcher, false); });
    }

    void remove(Watcher &watcher) noexcept override
    {
        auto it = m_pairs.find(&watcher);
        if (it == m_pairs.end())
            return;
        // The socket may be closed from inside one of these notifiers' own signals: they go
        // later, disabled, rather than under Qt's feet.
        for (auto *notifier : {it->second.read.release(), it->second.write.release()}) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
        m_pairs.erase(it);
    }

    void update(Watcher &watcher) override
    {
        auto it = m_pairs.find(&watcher);
        if (it == m_pairs.end())
            return;
        it->second.read->setEnabled(!watcher.readable);
        it->second.write->setEnabled(watcher.want_write && !watcher.writable);
    }

    void poll() override {}
    bool edge_triggered() const noexcept override { return false; }

private:
    struct Pair
    {
        std::unique_ptr<QSocketNotifier> read;
        std::unique_ptr<QSocketNotifier> write;
    };

    void activated(Watcher &watcher, bool read)
    {
        auto it = m_pairs.find(&watcher);
        if (it == m_pairs.end())
            return;
        (read ? it->second.read : it->second.write)->setEnabled(false);
        watcher.on_ready(read, !read);
        m_hub.pump();
    }

    HubPrivate &m_hub;
    std::unordered_map<Watcher *, Pair> m_pairs;
};

} // namespace

std::unique_ptr<FdBackend> make_notifier_backend(HubPrivate &hub)
{
    return std::make_unique<NotifierBackend>(hub);
}

} // namespace diesel::detail
