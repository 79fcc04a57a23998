// SPDX-License-Identifier: MIT
// CurlMulti: curl's multi-socket interface on the Hub. curl calls on_socket() to say which
// sockets to watch and on_timeout() to ask for a timer; the Hub's backend reports readiness into
// the sockets' Watchers, and a Hub timer (the "kick") hands it to curl_multi_socket_action() in
// the same pump, on the Hub's stack, outside any Loop and outside the backend's dispatch.
#include "curl_multi.h"
#include "logging.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/http/curl.h>

#include <poll.h>

#include <mutex>

namespace diesel::http::detail {

namespace {

thread_local std::unique_ptr<CurlMulti> t_multi;

// curl_global_init() once per process, before the first handle; curl_global_cleanup() at exit.
struct CurlGlobal
{
    CurlGlobal()
    {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw Error("curl_global_init failed");
    }
    CurlGlobal(const CurlGlobal &) = delete;
    CurlGlobal &operator=(const CurlGlobal &) = delete;
    ~CurlGlobal() { curl_global_cleanup(); }
};

int to_cselect(int poll_bits) noexcept
{
    return ((poll_bits & CURL_POLL_IN) ? CURL_CSELECT_IN : 0) |
           ((poll_bits & CURL_POLL_OUT) ? CURL_CSELECT_OUT : 0);
}

} // namespace

void ensure_curl_global()
{
    static const CurlGlobal global;
}

CurlMulti &CurlMulti::of(Hub &hub)
{
    diesel::detail::HubPrivate &d = hub.internals();
    if (!t_multi) {
        if (d.shutting_down)
            throw Error("cannot start a curl transfer: the Hub is shutting down");
        t_multi = std::make_unique<CurlMulti>(d);
    }
    return *t_multi;
}

void CurlMulti::reset_this_thread()
{
    if (t_multi && !t_multi->m_transfers.empty())
        throw Error("curl_reset: " + std::to_string(t_multi->m_transfers.size()) +
                    " curl transfers are still running on this thread");
    t_multi.reset();
}

CurlMulti::CurlMulti(diesel::detail::HubPrivate &hub)
    : m_hub(&hub)
    , m_multi((ensure_curl_global(), curl_multi_init()))
{
    if (!m_multi)
        throw Error("curl_multi_init failed");
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::on_socket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::on_timeout);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timeout.multi = this;
    m_timeout.fire = &CurlMulti::on_timer;
    m_kick.multi = this;
    m_kick.fire = &CurlMulti::on_kick;
    hub.add_resource(*this);
}

CurlMulti::~CurlMulti()
{
    close();
}

void CurlMulti::close() noexcept
{
    if (!m_hub)
        return;
    // Loops still waiting (only when the Hub goes with Loops it could not end) are woken with
    // an error rather than left waiting for a transfer that no longer exists.
    for (auto &[easy, transfer] : m_transfers) {
        curl_multi_remove_handle(m_multi, easy);
        transfer->result = CURLE_ABORTED_BY_CALLBACK;
        transfer->done = true;
        transfer->node.notify();
    }
    m_transfers.clear();
    // Closes the cached connections; curl tells on_socket() about each, which unwatches it.
    curl_multi_cleanup(m_multi);
    m_multi = nullptr;
    for (auto &[fd, socket] : m_sockets)
        m_hub->backend->remove(*socket);
    m_sockets.clear();
    m_hub->disarm(m_timeout);
    m_hub->disarm(m_kick);
    static_cast<diesel::detail::ListHook<diesel::detail::ResourceTag> &>(*this).unlink();
    m_hub = nullptr;
}

void CurlMulti::detach_from_hub() noexcept
{
    close();
    if (t_multi.get() == this)
        t_multi.reset(); // destroys this object: nothing may follow
}

CURLcode CurlMulti::perform(CURL *easy, std::string_view what)
{
    Loop::require("http::perform");
    if (!m_multi)
        throw Error("cannot start a curl transfer: the Hub is shutting down");
    if (m_transfers.contains(easy))
        throw CurlError("http::perform: this easy handle is already being transferred",
                        CURLE_FAILED_INIT);
    Transfer transfer;
    m_transfers.emplace(easy, &transfer);
    const CURLMcode added = curl_multi_add_handle(m_multi, easy);
    if (added != CURLM_OK) {
        m_transfers.erase(easy);
        throw CurlError(std::string("http::perform: ") + curl_multi_strerror(added),
                        CURLE_FAILED_INIT);
    }
    // A Loop cancelled (or failing) while curl works takes its handle out of the multi before
    // its frame, which curl's callbacks may point into, goes away.
    struct Guard
    {
        CurlMulti &multi;
        CURL *easy;
        const Transfer &transfer;
        ~Guard()
        {
            if (!transfer.done)
                multi.remove(easy);
        }
    } guard{*this, easy, transfer};
    const WaitInfo info = WaitInfo::of(WaitKind::Other, what, &transfer);
    while (!transfer.done) {
        Wait wait("http::perform");
        wait.add(transfer.node);
        wait.suspend(info);
    }
    return transfer.result;
}

void CurlMulti::remove(CURL *easy) noexcept
{
    m_transfers.erase(easy);
    if (m_multi)
        curl_multi_remove_handle(m_multi, easy);
}

int CurlMulti::on_socket(CURL *, curl_socket_t s, int what, void *self, void *)
{
    static_cast<CurlMulti *>(self)->watch(s, what);
    return 0;
}

void CurlMulti::watch(curl_socket_t s, int what) noexcept
{
    auto it = m_sockets.find(s);
    if (what == CURL_POLL_REMOVE) {
        if (it != m_sockets.end()) {
            if (m_hub)
                m_hub->backend->remove(*it->second);
            m_sockets.erase(it);
        }
        return;
    }
    if (!m_hub)
        return;
    try {
        const bool is_new = it == m_sockets.end();
        if (is_new)
            it = m_sockets.emplace(s, std::make_unique<Socket>(*this, s)).first;
        Socket &socket = *it->second;
        const bool had_write = socket.want_write;
        socket.wanted = what;
        socket.want_write = (what & CURL_POLL_OUT) != 0;
        if (is_new)
            m_hub->backend->add(socket);
        if (is_new || had_write != socket.want_write)
            m_hub->backend->update(socket);
        // Readiness seen while curl wanted the other direction is handed over now; on an
        // edge-triggered backend the edge may be long gone, so the kernel is asked.
        if (m_hub->backend->edge_triggered())
            poll_kernel(socket);
        if (socket.ready() & socket.wanted)
            mark_pending(socket, Clock::now());
    } catch (const std::exception &e) {
        qCWarning(lcHttp, "curl: cannot watch socket %d: %s", static_cast<int>(s), e.what());
    }
}

int CurlMulti::Socket::ready() const noexcept
{
    return (readable ? CURL_POLL_IN : 0) | (writable ? CURL_POLL_OUT : 0);
}

void CurlMulti::Socket::on_ready(bool now_readable, bool now_writable) noexcept
{
    readable = readable || now_readable;
    writable = writable || now_writable;
    if (ready() & wanted)
        multi.mark_pending(*this, multi.m_hub->now()); // due in this very pump
}

void CurlMulti::mark_pending(Socket &socket, Clock::time_point when) noexcept
{
    if (!static_cast<diesel::detail::ListHook<PendingTag> &>(socket).is_linked())
        m_pending.push_back(socket);
    if (!m_kick.armed() || m_kick.deadline > when) {
        m_kick.deadline = when;
        m_hub->arm(m_kick);
    }
}

void CurlMulti::on_kick(diesel::detail::TimerEntry &entry) noexcept
{
    static_cast<Timer &>(entry).multi->run_pending();
}

void CurlMulti::run_pending() noexcept
{
    diesel::detail::IntrusiveList<Socket, PendingTag> batch;
    batch.splice_back(m_pending);
    // A socket that curl closes while handling another one unlinks itself from the batch.
    while (Socket *socket = batch.pop_front()) {
        const int events = socket->ready() & socket->wanted;
        if (!events)
            continue;
        if (events & CURL_POLL_IN)
            socket->readable = false;
        if (events & CURL_POLL_OUT)
            socket->writable = false;
        const curl_socket_t fd = socket->fd;
        act(fd, to_cselect(events));
        if (!m_hub)
            return;
        recheck(fd);
    }
}

void CurlMulti::recheck(curl_socket_t s) noexcept
{
    auto it = m_sockets.find(s);
    if (it == m_sockets.end())
        return;
    Socket &socket = *it->second;
    if (!m_hub->backend->edge_triggered()) {
        // Re-enables the notifiers of the directions just handed to curl: they fire again
        // while the socket stays ready.
        m_hub->backend->update(socket);
        return;
    }
    // curl may stop reading before the socket is drained, and an edge-triggered backend would
    // never report the rest: ask the kernel, and hand what is still ready over in the next pump.
    poll_kernel(socket);
    if (socket.ready() & socket.wanted)
        mark_pending(socket, Clock::now());
}

void CurlMulti::poll_kernel(Socket &socket) noexcept
{
    pollfd p{socket.fd, 0, 0};
    if (socket.wanted & CURL_POLL_IN)
        p.events |= POLLIN;
    if (socket.wanted & CURL_POLL_OUT)
        p.events |= POLLOUT;
    if (!p.events || ::poll(&p, 1, 0) <= 0)
        return;
    const bool failed = (p.revents & (POLLERR | POLLHUP)) != 0;
    socket.readable = socket.readable || (p.revents & POLLIN) || failed;
    socket.writable = socket.writable || (p.revents & POLLOUT) || failed;
}

int CurlMulti::on_timeout(CURLM *, long timeout_ms, void *self)
{
    auto &multi = *static_cast<CurlMulti *>(self);
    if (!multi.m_hub)
        return 0;
    if (timeout_ms < 0) {
        multi.m_hub->disarm(multi.m_timeout);
        return 0;
    }
    // Even a zero timeout runs from the Hub's next pump: curl must not be re-entered from
    // inside its own callback.
    multi.m_timeout.deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    try {
        multi.m_hub->arm(multi.m_timeout);
    } catch (const std::exception &e) {
        qCWarning(lcHttp, "curl: cannot arm its timer: %s", e.what());
        return -1;
    }
    return 0;
}

void CurlMulti::on_timer(diesel::detail::TimerEntry &entry) noexcept
{
    static_cast<Timer &>(entry).multi->act(CURL_SOCKET_TIMEOUT, 0);
}

void CurlMulti::act(curl_socket_t s, int events) noexcept
{
    int running = 0;
    const CURLMcode code = curl_multi_socket_action(m_multi, s, events, &running);
    if (code != CURLM_OK && code != CURLM_BAD_SOCKET)
        qCWarning(lcHttp, "curl_multi_socket_action: %s", curl_multi_strerror(code));
    finish_done();
}

void CurlMulti::finish_done() noexcept
{
    int left = 0;
    while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode result = msg->data.result;
        auto it = m_transfers.find(easy);
        if (it == m_transfers.end())
            continue;
        Transfer &transfer = *it->second;
        // Taken out here, on the Hub's stack: the waiting Loop only collects the result.
        remove(easy);
        transfer.result = result;
        transfer.done = true;
        transfer.node.notify();
    }
}

} // namespace diesel::http::detail
