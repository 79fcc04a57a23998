// SPDX-License-Identifier: MIT
#include "connection_p.h"
#include "hub_p.h"
#include "logging.h"
#include "platform/sockets.h"
#include "watcher.h"

#include <diesel/core/detail/deadline.h>
#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/service.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace diesel {

namespace detail {

namespace {
// After EMFILE and friends, accepting pauses this long instead of spinning on a full table.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);
// A TLS client gets this long to finish its handshake.
constexpr auto kHandshakeTime = std::chrono::seconds(10);

std::string default_label(const std::string &label, const char *kind, std::uint16_t port)
{
    return label.empty() ? std::string(kind) + " :" + std::to_string(port) : label;
}
} // namespace

class ServiceState final : public Watcher,
                           public HubResource,
                           public std::enable_shared_from_this<ServiceState>
{
public:
    ServiceState(Service::Handler handler_, std::uint16_t port_, std::string iface_,
                 ServiceOptions options_)
        : handler(std::move(handler_))
        , port(port_)
        , iface(std::move(iface_))
        , options(std::move(options_))
        , label(default_label(options.label, "service", port))
    {
        backoff.state = this;
        backoff.fire = &ServiceState::resume_accepting;
    }
    ~ServiceState() override { stop(); }

    void start(HubPrivate &h)
    {
        if (hub)
            return;
        if (options.tls && !options.tls->is_server())
            throw TlsError("a Service needs a server TlsContext");
        const Address address = interface_address(iface, port);
        listener = open_listener(address, options.backlog);
        fd = listener.get();
        port = bound_port(fd);
        label = default_label(options.label, "service", port);
        readable = false;
        try {
            h.backend->add(*this);
            if (!h.backend->edge_triggered())
                h.backend->update(*this);
        } catch (...) {
            listener.reset();
            fd = kNoSocket;
            throw;
        }
        hub = &h;
        h.add_resource(*this);
        accepted = 0;
        qCDebug(lcCore, "%s listening on %s:%u", label.c_str(), address.host().c_str(), port);
    }

    void stop() noexcept
    {
        if (!hub)
            return;
        hub->disarm(backoff);
        hub->backend->remove(*this);
        listener.reset();
        fd = kNoSocket;
        static_cast<ListHook<ResourceTag> &>(*this).unlink();
        hub = nullptr;
        std::vector<Loop *> to_cancel;
        loops.for_each([&](Serving &entry) { to_cancel.push_back(&entry.loop); });
        for (Loop *loop : to_cancel)
            loop->cancel("the service stopped");
    }

    void detach_from_hub() noexcept override
    {
        listener.reset();
        fd = kNoSocket;
        hub = nullptr;
    }

    void on_ready(bool now_readable, bool) noexcept override
    {
        if (now_readable && !paused) {
            readable = true;
            accept_all();
        }
    }

    void accept_all() noexcept
    {
        while (hub && fd != kNoSocket) {
            Accepted incoming = accept_connection(fd);
            if (incoming.error != 0) {
                if (would_block(incoming.error)) {
                    readable = false;
                    if (!hub->backend->edge_triggered())
                        hub->backend->update(*this);
                    return;
                }
                // Out of descriptors or memory: pause, let connections close, try again. Said
                // once per episode, not at every retry.
                if (!said_starved)
                    qCWarning(lcCore, "%s: accept: %s; pausing accepts, retrying every %lld ms",
                              label.c_str(), std::strerror(incoming.error),
                              static_cast<long long>(kAcceptBackoff.count()));
                said_starved = true;
                paused = true;
                backoff.deadline = Clock::now() + kAcceptBackoff;
                hub->arm(backoff);
                return;
            }
            if (said_starved) {
                said_starved = false;
                qCInfo(lcCore, "%s: accepting again", label.c_str());
            }
            serve(std::move(incoming.fd), incoming.peer);
        }
    }

    static void resume_accepting(TimerEntry &entry) noexcept
    {
        ServiceState *self = static_cast<Backoff &>(entry).state;
        self->paused = false;
        self->accept_all();
    }

    void serve(Fd client, const Address &peer) noexcept
    {
        set_no_delay(client.get());
        try {
            LoopOptions loop_options;
            loop_options.label = label + " " + peer.to_string();
            loop_options.stack_size = options.stack_size;
            // The connection lives above its Loop, in its stack's top page (room_of()), so it is
            // made second: should making it fail, the Loop finds none and ends at once.
            Loop &loop = hub->spawn_loop([self = shared_from_this()] { self->run_handler(); },
                                         loop_options, nullptr, kConnectionRoom);
            ConnectionCore &core =
                ConnectionCore::make_in_room(loop, *hub, std::move(client), Transport::Tcp,
                                             ConnectionCore::Mode::Stream, peer, label);
            if (options.max_line)
                core.max_line = options.max_line;
            if (options.idle_timeout)
                core.set_limits().idle = detail::duration_of(*options.idle_timeout);
            if (options.min_receive_rate > 0)
                core.set_limits().min_rate = options.min_receive_rate;
            ++accepted;
        } catch (const std::exception &e) {
            qCWarning(lcCore, "%s: cannot serve %s: %s", label.c_str(), peer.to_string().c_str(),
                      e.what());
        }
    }

    // The peer comes from the connection rather than the Loop's function, whose captures cost
    // memory for as long as the connection is open.
    void run_handler()
    {
        Loop &loop = *Loop::current();
        // Stopped before this connection's Loop first ran, or its connection could not be made.
        if (!hub || !loop.connection())
            return;
        const Address peer = loop.connection()->core().info.peer;
        Serving entry{loop, *this, *loop.connection()};
        // Set here rather than at accept: a plan changed in between reaches it too.
        if (options.faults.active())
            entry.conn.set_faults(options.faults);
        if (options.tls)
            loop.connection()->core().start_tls(*options.tls, {}, Clock::now() + kHandshakeTime);
        handler(peer);
    }

    struct Backoff : TimerEntry
    {
        ServiceState *state = nullptr;
    };

    Service::Handler handler;
    std::uint16_t port;
    std::string iface;
    ServiceOptions options;
    std::string label;
    HubPrivate *hub = nullptr;
    Fd listener; // Watcher::fd is its number while listening
    bool paused = false;
    bool said_starved = false;
    Backoff backoff;
    // A connection whose handler runs: the entry lives on its Loop's stack (a page every Loop
    // touches anyway), so tracking it costs no memory of its own.
    struct Serving : ListHook<Serving>
    {
        Serving(Loop &l, ServiceState &s, Connection &c)
            : loop(l)
            , state(s)
            , conn(c)
        {
            state.loops.push_back(*this);
            ++state.serving;
        }
        ~Serving() { --state.serving; }
        Loop &loop;
        ServiceState &state;
        Connection &conn; // its accepted one (a Client's call() may make another current)
    };
    IntrusiveList<Serving, Serving> loops;
    std::size_t serving = 0;
    std::uint64_t accepted = 0;
};

class UdpServiceState final : public std::enable_shared_from_this<UdpServiceState>
{
public:
    UdpServiceState(UDPService::Handler handler_, std::uint16_t port_, std::string iface_,
                    ServiceOptions options_)
        : handler(std::move(handler_))
        , port(port_)
        , iface(std::move(iface_))
        , options(std::move(options_))
        , label(default_label(options.label, "udp", port))
    {}
    ~UdpServiceState() { stop(); }

    void start(Hub &h)
    {
        if (hub)
            return;
        const Address address = interface_address(iface, port);
        Fd socket = open_udp_bound(address);
        port = bound_port(socket.get());
        label = default_label(options.label, "udp", port);
        auto core =
            std::make_unique<ConnectionCore>(h.internals(), std::move(socket), Transport::Udp,
                                             ConnectionCore::Mode::Datagram, Address(), label);
        auto conn = std::make_unique<Connection>(std::move(core));
        LoopOptions loop_options;
        loop_options.label = label;
        loop_options.stack_size = options.stack_size;
        Loop &loop = h.internals().spawn_loop([self = shared_from_this()] { self->handler(); },
                                              loop_options, nullptr);
        loop.adopt_connection(std::move(conn));
        hub = &h;
        loop_id = loop.id();
    }

    void stop() noexcept
    {
        if (!hub)
            return;
        Hub *h = std::exchange(hub, nullptr);
        if (Hub::current_if_any() != h)
            return;
        if (Loop *loop = h->find(loop_id)) {
            // The port is free when stop() returns (as a TCP Service's), not only once the
            // handler's Loop has unwound: a restart right away must be able to bind it again.
            if (Connection *socket = loop->connection())
                socket->close();
            loop->cancel("the service stopped");
        }
    }

    UDPService::Handler handler;
    std::uint16_t port;
    std::string iface;
    ServiceOptions options;
    std::string label;
    Hub *hub = nullptr;
    LoopId loop_id = 0;
};

} // namespace detail

Service::Service(Handler handler, std::uint16_t port, std::string iface, ServiceOptions options)
    : d(std::make_shared<detail::ServiceState>(std::move(handler), port, std::move(iface),
                                               std::move(options)))
{}
Service::Service(Service &&) noexcept = default;
Service &Service::operator=(Service &&) noexcept = default;
Service::~Service()
{
    if (d)
        d->stop();
}

void Service::start(Hub *hub)
{
    d->start((hub ? *hub : Hub::current()).internals());
}

void Service::stop()
{
    d->stop();
}

bool Service::running() const noexcept
{
    return d && d->hub != nullptr;
}
std::uint16_t Service::port() const noexcept
{
    return d->port;
}
const std::string &Service::iface() const noexcept
{
    return d->iface;
}
const std::string &Service::label() const noexcept
{
    return d->label;
}
std::size_t Service::connections() const noexcept
{
    return d->serving;
}
std::uint64_t Service::accepted() const noexcept
{
    return d->accepted;
}
void Service::set_faults(const FaultPlan &plan)
{
    d->options.faults = plan;
    d->loops.for_each([&](detail::ServiceState::Serving &entry) { entry.conn.set_faults(plan); });
}
const FaultPlan &Service::faults() const noexcept
{
    return d->options.faults;
}

UDPService::UDPService(Handler handler, std::uint16_t port, std::string iface,
                       ServiceOptions options)
    : d(std::make_shared<detail::UdpServiceState>(std::move(handler), port, std::move(iface),
                                                  std::move(options)))
{}
UDPService::UDPService(UDPService &&) noexcept = default;
UDPService &UDPService::operator=(UDPService &&) noexcept = default;
UDPService::~UDPService()
{
    if (d)
        d->stop();
}

void UDPService::start(Hub *hub)
{
    d->start(hub ? *hub : Hub::current());
}

void UDPService::stop()
{
    d->stop();
}

bool UDPService::running() const noexcept
{
    return d && d->hub != nullptr;
}
std::uint16_t UDPService::port() const noexcept
{
    return d->port;
}
const std::string &UDPService::iface() const noexcept
{
    return d->iface;
}
const std::string &UDPService::label() const noexcept
{
    return d->label;
}

} // namespace diesel
