// SPDX-License-Identifier: MIT
// The driver's transport: a mongoc_stream_t whose reads, writes and polls are a diesel Client's
// connection, so a wait suspends the calling Loop instead of the thread. Nothing here may let a
// C++ exception into the driver's C frames: each entry point catches, records the exception on
// its Driver (rethrown once the driver call returns) and reports an error the driver knows.
#include "driver.h"

#include <diesel/core/client.h>
#include <diesel/core/connection.h>
#include <diesel/core/error.h>
#include <diesel/core/wait.h>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::mongodb::detail {

namespace {

// Not one of the driver's MONGOC_STREAM_* numbers: mongoc_stream_poll() only groups streams of
// one type.
constexpr int kDieselStream = 0x4449;

// A message up to this size is gathered into one buffer and sent as one part: the driver hands
// a message over in about ten pieces, and copying a few hundred bytes costs less than the
// connection's work per piece.
constexpr std::size_t kGatherLimit = 64 * 1024;

// The driver sees the mongoc_stream_t base; its function table is filled in by initiate_stream().
struct Stream : mongoc_stream_t
{
    Driver *driver = nullptr;
    Client client;
    std::string peer;
    std::vector<char> gathered; // writev()'s buffer for small messages (it only grows)
    bool would_block = false;
    bool timed_out = false;
};

Stream &self(mongoc_stream_t *s)
{
    return *static_cast<Stream *>(s);
}

std::optional<Clock::time_point> deadline_of(std::int32_t timeout_msec)
{
    if (timeout_msec < 0)
        return std::nullopt;
    return Clock::now() + std::chrono::milliseconds(timeout_msec);
}

// Records what the transport threw and returns the errno that stands for it.
int record_current(Stream &s) noexcept
{
    s.driver->record(std::current_exception());
    return ECONNRESET;
}

void destroy(mongoc_stream_t *s)
{
    std::unique_ptr<Stream> owned(&self(s));
    owned->client.close();
}

int close(mongoc_stream_t *s)
{
    self(s).client.close();
    return 0;
}

int flush(mongoc_stream_t *)
{
    return 0; // send() queues and writes at once; a close flushes what is left
}

ssize_t writev(mongoc_stream_t *s, mongoc_iovec_t *iov, size_t iovcnt, int32_t)
{
    Stream &st = self(s);
    st.would_block = st.timed_out = false;
    if (st.driver->refuses_io()) {
        errno = ECONNRESET;
        return -1;
    }
    try {
        std::size_t total = 0;
        for (std::size_t i = 0; i < iovcnt; ++i)
            total += iov[i].iov_len;
        // send() suspends only while more than 1 MiB waits to be written.
        if (total <= kGatherLimit) {
            if (st.gathered.size() < total)
                st.gathered.resize(total);
            char *out = st.gathered.data();
            for (std::size_t i = 0; i < iovcnt; ++i)
                out = std::copy_n(static_cast<const char *>(iov[i].iov_base), iov[i].iov_len, out);
            st.client.connection().send(std::string_view(st.gathered.data(), total));
        } else {
            std::vector<std::string_view> parts;
            parts.reserve(iovcnt);
            for (std::size_t i = 0; i < iovcnt; ++i)
                parts.emplace_back(static_cast<const char *>(iov[i].iov_base), iov[i].iov_len);
            st.client.connection().send(parts);
        }
        return ssize_t(total);
    } catch (...) {
        errno = record_current(st);
        return -1;
    }
}

// Reads until `min_bytes` arrived (then whatever else is buffered, up to the iovecs' room) or the
// timeout passed. Timeout 0 is a non-blocking read (the driver's handshakes), < 0 waits forever.
ssize_t readv(mongoc_stream_t *s, mongoc_iovec_t *iov, size_t iovcnt, size_t min_bytes,
              int32_t timeout_msec)
{
    Stream &st = self(s);
    st.would_block = st.timed_out = false;
    if (st.driver->refuses_io()) {
        errno = ECONNRESET;
        return -1;
    }
    st.driver->count_read();
    const std::optional<Clock::time_point> deadline = deadline_of(timeout_msec);
    std::size_t total = 0;
    try {
        Connection &conn = st.client.connection();
        std::size_t i = 0;
        std::size_t offset = 0;
        while (i < iovcnt) {
            if (offset == iov[i].iov_len) {
                ++i;
                offset = 0;
                continue;
            }
            if (total >= min_bytes && total > 0 && conn.buffered() == 0)
                break;
            if (conn.buffered() == 0 && !conn.wait_readable(deadline)) {
                if (total >= min_bytes) {
                    st.would_block = total == 0;
                    break;
                }
                st.timed_out = true;
                st.driver->record(std::make_exception_ptr(RequestTimeout(
                    st.driver->settings().label + ": no reply from " + st.peer + " within " +
                    std::to_string(timeout_msec) + " ms (request timeout)")));
                errno = ETIMEDOUT;
                return -1;
            }
            auto *base = static_cast<std::byte *>(iov[i].iov_base) + offset;
            const std::size_t n = conn.read_into(std::span(base, iov[i].iov_len - offset));
            offset += n;
            total += n;
        }
        return ssize_t(total);
    } catch (const ConnectionClosed &) {
        // As a socket's end of stream: what arrived counts; short of min_bytes it is an error.
        st.driver->record(std::current_exception());
        if (total >= min_bytes)
            return ssize_t(total);
        errno = ECONNRESET;
        return -1;
    } catch (...) {
        errno = record_current(st);
        return -1;
    }
}

int setsockopt(mongoc_stream_t *, int, int, void *, mongoc_socklen_t)
{
    return 0; // the runtime sets its own socket options (TCP_NODELAY, non-blocking)
}

bool check_closed(mongoc_stream_t *s)
{
    return !self(s).client.is_connected();
}

bool timed_out(mongoc_stream_t *s)
{
    return self(s).timed_out;
}

bool should_retry(mongoc_stream_t *s)
{
    return self(s).would_block;
}

// The revents of one stream now, without waiting (readability is tried, not assumed).
int ready_now(mongoc_stream_poll_t &p)
{
    Stream &st = self(p.stream);
    if (!st.client.is_connected())
        return POLLHUP;
    int revents = p.events & POLLOUT; // writes are queued: always possible
    if ((p.events & POLLIN) && (st.client.connection().buffered() > 0 ||
                                st.client.connection().wait_readable(Clock::now())))
        revents |= POLLIN;
    return revents;
}

// The driver polls the streams of a topology scan at once; a wait on all of them suspends only
// the calling Loop.
ssize_t poll(mongoc_stream_poll_t *streams, size_t nstreams, int32_t timeout_msec)
{
    if (nstreams == 0)
        return 0;
    Stream &first = self(streams[0].stream);
    if (first.driver->refuses_io()) {
        errno = EINTR;
        return -1;
    }
    try {
        ssize_t ready = 0;
        for (std::size_t i = 0; i < nstreams; ++i) {
            streams[i].revents = ready_now(streams[i]);
            ready += streams[i].revents != 0;
        }
        if (ready > 0 || timeout_msec == 0)
            return ready;
        Wait wait("mongodb poll");
        auto nodes = std::make_unique<WaitNode[]>(nstreams);
        for (std::size_t i = 0; i < nstreams; ++i)
            self(streams[i].stream).client.connection().watch_readable(wait, nodes[i], int(i));
        if (const auto deadline = deadline_of(timeout_msec))
            wait.set_deadline(*deadline);
        const int branch = wait.suspend(WaitInfo::of(WaitKind::Read, "mongodb poll", &first));
        if (branch == Wait::timed_out) {
            // Only the driver's handshakes poll, with connectTimeoutMS: name the timeout.
            first.driver->record(std::make_exception_ptr(ConnectTimeout(
                first.driver->settings().label + ": no reply to the handshake within " +
                std::to_string(
                    std::lround(first.driver->settings().connect_timeout.count() * 1000)) +
                " ms (connect timeout)")));
            return 0;
        }
        streams[branch].revents = POLLIN;
        return 1;
    } catch (...) {
        errno = record_current(first);
        return -1;
    }
}

} // namespace

mongoc_stream_t *initiate_stream(const mongoc_uri_t *, const mongoc_host_list_t *host, void *data,
                                 bson_error_t *error)
{
    Driver &driver = *static_cast<Driver *>(data);
    if (driver.refuses_io()) {
        bson_set_error(error, MONGOC_ERROR_STREAM, MONGOC_ERROR_STREAM_CONNECT,
                       "the call was cancelled");
        return nullptr;
    }
    if (host->family == AF_UNIX) {
        bson_set_error(error, MONGOC_ERROR_STREAM, MONGOC_ERROR_STREAM_CONNECT,
                       "Unix domain sockets are not supported");
        return nullptr;
    }
    try {
        const Settings &settings = driver.settings();
        ClientOptions options;
        options.timeout = settings.connect_timeout;
        options.tls = settings.tls;
        options.server_name = host->host;
        options.label = settings.label;
        auto stream = std::make_unique<Stream>();
        stream->client.connect(host->host, host->port, std::move(options));
        stream->driver = &driver;
        stream->peer = host->host_and_port;
        mongoc_stream_t &v = *stream;
        v.type = kDieselStream;
        v.destroy = destroy;
        v.failed = destroy;
        v.close = close;
        v.flush = flush;
        v.writev = writev;
        v.readv = readv;
        v.setsockopt = setsockopt;
        v.check_closed = check_closed;
        v.poll = poll;
        v.timed_out = timed_out;
        v.should_retry = should_retry;
        return stream.release();
    } catch (...) {
        driver.record(std::current_exception());
        std::string why = "the call was cancelled"; // LoopCancelled is no std::exception
        try {
            throw;
        } catch (const std::exception &e) {
            why = e.what();
        } catch (...) {
        }
        bson_set_error(error, MONGOC_ERROR_STREAM, MONGOC_ERROR_STREAM_CONNECT, "%s", why.c_str());
        return nullptr;
    }
}

} // namespace diesel::mongodb::detail
