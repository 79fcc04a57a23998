// SPDX-License-Identifier: MIT
// The curl multi handle of one Hub: curl's sockets are watched by the Hub's backend and its
// timeout is a Hub timer, so transfers progress whenever the Hub pumps, and each finished
// transfer wakes the Loop that waits on it.
#pragma once

#include "hub_p.h"
#include "watcher.h"

#include <diesel/core/detail/intrusive_list.h>
#include <diesel/core/detail/timer.h>
#include <diesel/core/wait.h>

#include <curl/curl.h>

#include <memory>
#include <string_view>
#include <unordered_map>

namespace diesel::http::detail {

struct PendingTag;

// An easy handle owned: curl_easy_cleanup() when it goes.
struct EasyDeleter
{
    void operator()(CURL *easy) const noexcept { curl_easy_cleanup(easy); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

// Runs curl_global_init() once per process (curl_global_cleanup() at exit); before any handle.
void ensure_curl_global();

class CurlMulti final : public diesel::detail::HubResource
{
public:
    // This thread's multi handle for `hub`, made on first use.
    static CurlMulti &of(Hub &hub);
    // Destroys this thread's multi handle, if any; throws while transfers run on it.
    static void reset_this_thread();

    explicit CurlMulti(diesel::detail::HubPrivate &hub);
    CurlMulti(const CurlMulti &) = delete;
    CurlMulti &operator=(const CurlMulti &) = delete;
    ~CurlMulti();

    // Suspends the calling Loop until `easy` is done; `what` names the wait for the inspector.
    CURLcode perform(CURL *easy, std::string_view what);

    void detach_from_hub() noexcept override;

private:
    // A socket curl asked us to watch. Readiness is remembered in the Watcher's flags until it
    // is handed to curl, so an edge that came while curl wanted the other direction is not lost.
    struct Socket final : diesel::detail::Watcher, diesel::detail::ListHook<PendingTag>
    {
        Socket(CurlMulti &owner, curl_socket_t s)
            : Watcher(s)
            , multi(owner)
        {}
        void on_ready(bool now_readable, bool now_writable) noexcept override;
        int ready() const noexcept;
        CurlMulti &multi;
        int wanted = 0; // CURL_POLL_IN / CURL_POLL_OUT bits
    };
    struct Transfer
    {
        WaitNode node;
        CURLcode result = CURLE_OK;
        bool done = false;
    };
    struct Timer : diesel::detail::TimerEntry
    {
        CurlMulti *multi = nullptr;
    };

    static int on_socket(CURL *easy, curl_socket_t s, int what, void *self, void *socket);
    static int on_timeout(CURLM *multi, long timeout_ms, void *self);
    static void on_timer(diesel::detail::TimerEntry &entry) noexcept;
    static void on_kick(diesel::detail::TimerEntry &entry) noexcept;

    void watch(curl_socket_t s, int what) noexcept;
    void mark_pending(Socket &socket, Clock::time_point when) noexcept;
    void run_pending() noexcept;
    void act(curl_socket_t s, int events) noexcept;
    void recheck(curl_socket_t s) noexcept;
    // Sets the socket's flags from what the kernel says is ready now (edge-triggered backends).
    void poll_kernel(Socket &socket) noexcept;
    void finish_done() noexcept;
    void remove(CURL *easy) noexcept;
    void close() noexcept;

    diesel::detail::HubPrivate *m_hub;
    CURLM *m_multi;
    std::unordered_map<curl_socket_t, std::unique_ptr<Socket>> m_sockets;
    std::unordered_map<CURL *, Transfer *> m_transfers;
    diesel::detail::IntrusiveList<Socket, PendingTag> m_pending;
    Timer m_timeout; // curl's own timeout
    Timer m_kick;    // runs the pending sockets soon, outside the backend's dispatch
};

} // namespace diesel::http::detail
