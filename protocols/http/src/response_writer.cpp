// SPDX-License-Identifier: MIT
#include "logging.h"
#include "response_writer.h"

#include <diesel/http/headers.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace diesel::http::detail {

namespace {

// A body up to this size is copied behind the head and sent as one buffer: the socket's path
// for one buffer builds no message header or iovec array, in the cold stack of each Loop.
constexpr std::size_t kJoinedBody = 4096;

void append_number(std::string &out, unsigned long long n, int base = 10)
{
    std::array<char, 24> digits; // to_chars writes what is read
    const auto r = std::to_chars(digits.data(), digits.data() + digits.size(), n, base);
    out.append(digits.data(), r.ptr);
}

// Fields whose value the server decides; a handler's copies are dropped. The length picks the
// one name to compare: this runs for every field of every response.
bool server_owned(std::string_view name) noexcept
{
    switch (name.size()) {
    case 4:
        return iequals(name, "Date");
    case 6:
        return iequals(name, "Server");
    case 10:
        return iequals(name, "Connection");
    case 14:
        return iequals(name, "Content-Length");
    case 17:
        return iequals(name, "Transfer-Encoding");
    default:
        return false;
    }
}

// A CR or LF in a field would let a handler's data split the response (header injection).
// One pass per string: find_first_of() with a set searches the set once per character.
bool safe_field(const Field &f) noexcept
{
    const auto has_any = [](std::string_view text, bool colon) {
        for (const char c : text) {
            if (c == '\r' || c == '\n' || (colon && c == ':'))
                return true;
        }
        return false;
    };
    return !f.name.empty() && !has_any(f.name, true) && !has_any(f.value, false);
}

bool status_has_body(int status) noexcept
{
    return status >= 200 && status != 204 && status != 304;
}

// Sends each piece as one chunk of a chunked body.
class ChunkedWriter final : public BodyWriter
{
public:
    explicit ChunkedWriter(Connection &conn)
        : m_conn(conn)
    {}
    void write(std::string_view data) override
    {
        if (data.empty())
            return;
        m_size.clear();
        append_number(m_size, data.size(), 16);
        m_size += "\r\n";
        const std::string_view parts[] = {m_size, data, "\r\n"};
        m_conn.send(parts);
    }
    void finish() { m_conn.send("0\r\n\r\n"); }

private:
    Connection &m_conn;
    std::string m_size;
};

// HTTP/1.0 has no chunks: the body is the bytes until the connection closes.
class RawWriter final : public BodyWriter
{
public:
    explicit RawWriter(Connection &conn)
        : m_conn(conn)
    {}
    void write(std::string_view data) override
    {
        if (!data.empty())
            m_conn.send(data);
    }

private:
    Connection &m_conn;
};

} // namespace

std::string format_http_date(std::time_t when)
{
    static constexpr const char *kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm{};
    gmtime_r(&when, &tm);
    // Formatted by hand: strftime's %a and %b follow the locale Qt sets at start-up.
    std::array<char, 40> text{};
    const int n = std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return std::string(text.data(), n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string_view http_date()
{
    // One thread_local record: each thread_local costs a lookup in a shared library.
    struct Cache
    {
        std::time_t second = -1;
        std::string text;
    };
    thread_local Cache cache;
    const std::time_t now = std::time(nullptr);
    if (now != cache.second) {
        cache.text = format_http_date(now);
        cache.second = now;
    }
    return cache.text;
}

bool write_response(Connection &conn, Response &response, const ResponseContext &context,
                    std::string &out)
{
    for (const Field &f : response.headers) {
        if (!safe_field(f)) {
            qCWarning(lcHttp,
                      "response field %s rejected (empty name, CR, LF or ':'): answering 500",
                      f.name.c_str());
            response = Response::error(500);
            break;
        }
    }
    bool keep_alive = context.keep_alive;
    const bool streamed = static_cast<bool>(response.stream);
    if (streamed && context.http10)
        keep_alive = false;

    out.assign("HTTP/1.1 ");
    append_number(out, static_cast<unsigned>(response.status));
    out += ' ';
    out += reason_phrase(response.status);
    if (!context.server_name.empty()) {
        out += "\r\nServer: ";
        out += context.server_name;
    }
    out += "\r\nDate: ";
    out += http_date();
    out += "\r\n";
    for (const Field &f : response.headers) {
        if (server_owned(f.name))
            continue;
        out += f.name;
        out += ": ";
        out += f.value;
        out += "\r\n";
    }
    const bool has_body = status_has_body(response.status);
    if (has_body) {
        if (!streamed) {
            out += "Content-Length: ";
            append_number(out, response.body.size());
            out += "\r\n";
        } else if (!context.http10) {
            out += "Transfer-Encoding: chunked\r\n";
        }
    }
    if (response.status == 101 && response.upgrade)
        out += "Connection: Upgrade\r\n";
    else if (!keep_alive)
        out += "Connection: close\r\n";
    else if (context.http10)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";

    if (!has_body || context.head_request) {
        conn.send(out);
        return keep_alive;
    }
    if (!streamed && response.body.size() <= kJoinedBody) {
        out += response.body;
        conn.send(out);
        return keep_alive;
    }
    if (!streamed) {
        const std::string_view parts[] = {out, response.body};
        conn.send(parts);
        return keep_alive;
    }
    conn.send(out);
    if (context.http10) {
        RawWriter writer(conn);
        response.stream(writer);
    } else {
        ChunkedWriter writer(conn);
        response.stream(writer);
        writer.finish();
    }
    return keep_alive;
}

} // namespace diesel::http::detail
