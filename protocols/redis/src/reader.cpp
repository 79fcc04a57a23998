// SPDX-License-Identifier: MIT
// A RESP2 reader that consumes one item (a header, a number, a string) at a time and resumes at
// the first incomplete one, so no byte is parsed twice except an item still arriving. Arrays grow
// as their elements come: a declared count reserves nothing, it is only checked against the limit.
#include "reader.h"

#include <diesel/redis/error.h>

#include <algorithm>
#include <charconv>
#include <new>

namespace diesel::redis::detail {

namespace {
// Replies of real commands nest a few levels (XREAD: 4); this bounds the reader's stack and the
// recursion of Reply's destructor and printing.
constexpr std::size_t kMaxDepth = 64;
// "*<count>", "$<length>" and ":<integer>" lines: a sign and 19 digits fit with room to spare.
constexpr std::size_t kMaxNumberLine = 32;
// Compact the buffer once this much of it was consumed.
constexpr std::size_t kCompactAt = 64 * 1024;
} // namespace

ReplyReader::ReplyReader(ReplyLimits limits)
    : m_limits(limits)
{}

void ReplyReader::reset() noexcept
{
    m_buffer = std::string();
    m_pos = 0;
    m_scanned = 0;
    m_stack = std::vector<Frame>();
    m_cost = 0;
    m_error.clear();
}

bool ReplyReader::has_partial() const noexcept
{
    return m_pos < m_buffer.size() || !m_stack.empty();
}

void ReplyReader::fail(const std::string &why)
{
    m_error = why;
    throw RedisProtocolError(why);
}

void ReplyReader::feed(std::string_view bytes)
{
    if (!m_error.empty())
        throw RedisProtocolError(m_error);
    try {
        if (m_pos == m_buffer.size()) {
            m_buffer.clear();
            m_pos = 0;
        } else if (m_pos >= kCompactAt) {
            m_buffer.erase(0, m_pos);
            m_scanned = m_scanned > m_pos ? m_scanned - m_pos : 0;
            m_pos = 0;
        }
        // Unparsed bytes count against the reply's size: an endless bulk or line is refused
        // before it fills memory.
        if (m_buffer.size() - m_pos + bytes.size() > m_limits.max_reply_size - m_cost)
            fail("the reply exceeds " + std::to_string(m_limits.max_reply_size) +
                 " bytes (RedisOptions::max_reply_size)");
        m_buffer.append(bytes);
    } catch (const std::bad_alloc &) {
        fail("out of memory buffering a reply of " + std::to_string(m_buffer.size() - m_pos) +
             " bytes");
    }
}

void ReplyReader::charge(std::size_t bytes)
{
    if (bytes > m_limits.max_reply_size - m_cost)
        fail("the reply exceeds " + std::to_string(m_limits.max_reply_size) +
             " bytes (RedisOptions::max_reply_size)");
    m_cost += bytes;
}

std::optional<std::string_view> ReplyReader::line()
{
    // A long line arriving in pieces is scanned once, not once per piece.
    const std::size_t end = m_buffer.find("\r\n", std::max(m_pos + 1, m_scanned));
    if (end == std::string::npos) {
        m_scanned = m_buffer.size() - 1; // a '\r' at the end may start the line end
        return std::nullopt;
    }
    std::string_view text(m_buffer.data() + m_pos + 1, end - m_pos - 1);
    m_pos = end + 2;
    m_scanned = 0;
    return text;
}

long long ReplyReader::number(std::string_view text, char type)
{
    long long value = 0;
    const char *end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, value);
    if (r.ec != std::errc() || r.ptr != end || text.empty())
        fail(std::string("Protocol error, bad number \"") + std::string(text.substr(0, 24)) +
             "\" after '" + type + "'");
    return value;
}

ReplyReader::Step ReplyReader::parse_item(Reply &out)
{
    if (m_pos >= m_buffer.size())
        return Step::NeedMore;
    const char type = m_buffer[m_pos];
    const std::size_t start = m_pos;
    const std::size_t available = m_buffer.size() - m_pos;
    switch (type) {
    case '+':
    case '-': {
        const std::optional<std::string_view> text = line();
        if (!text) {
            if (available > m_limits.max_bulk_length)
                fail("a status line longer than " + std::to_string(m_limits.max_bulk_length) +
                     " bytes (RedisOptions::max_bulk_length)");
            return Step::NeedMore;
        }
        charge(sizeof(Reply) + text->size());
        out = type == '+' ? Reply::status(std::string(*text)) : Reply::error(std::string(*text));
        return Step::Value;
    }
    case ':':
    case '$':
    case '*':
        break;
    default:
        fail(std::string("Protocol error, got \"") + type + "\" as reply type byte");
    }
    const std::optional<std::string_view> text = line();
    if (!text) {
        if (available > kMaxNumberLine)
            fail(std::string("Protocol error, no line end after '") + type + "' within " +
                 std::to_string(kMaxNumberLine) + " bytes");
        return Step::NeedMore;
    }
    const long long value = number(*text, type);
    if (type == ':') {
        charge(sizeof(Reply));
        out = Reply::integer(value);
        return Step::Value;
    }
    if (value == -1) {
        charge(sizeof(Reply));
        out = Reply::nil();
        return Step::Value;
    }
    if (value < -1)
        fail(std::string("Protocol error, negative length ") + std::to_string(value) + " after '" +
             type + "'");
    const auto length = static_cast<unsigned long long>(value);
    if (type == '*') {
        if (length > m_limits.max_array_count)
            fail("an array of " + std::to_string(length) + " elements exceeds the limit of " +
                 std::to_string(m_limits.max_array_count) + " (RedisOptions::max_array_count)");
        charge(sizeof(Reply));
        out = Reply::array({});
        if (length == 0)
            return Step::Value;
        if (m_stack.size() >= kMaxDepth)
            fail("Protocol error, arrays nested deeper than " + std::to_string(kMaxDepth));
        m_stack.push_back(Frame{std::move(out), static_cast<std::size_t>(length)});
        return Step::Opened;
    }
    if (length > m_limits.max_bulk_length)
        fail("a bulk string of " + std::to_string(length) + " bytes exceeds the limit of " +
             std::to_string(m_limits.max_bulk_length) + " (RedisOptions::max_bulk_length)");
    const auto size = static_cast<std::size_t>(length);
    if (m_buffer.size() - m_pos < size + 2) {
        // Charged now (and refunded by next() until it is complete): a declared size past the
        // reply limit fails at once rather than once it has arrived.
        charge(size);
        m_pos = start; // the header is parsed again with the rest
        return Step::NeedMore;
    }
    if (m_buffer.compare(m_pos + size, 2, "\r\n") != 0)
        fail("Protocol error, a bulk string of " + std::to_string(size) +
             " bytes not followed by \\r\\n");
    charge(sizeof(Reply) + size);
    out = Reply::bulk(m_buffer.substr(m_pos, size));
    m_pos += size + 2;
    return Step::Value;
}

std::optional<Reply> ReplyReader::next()
{
    if (!m_error.empty())
        throw RedisProtocolError(m_error);
    try {
        for (;;) {
            Reply item;
            const std::size_t start = m_pos;
            const std::size_t cost = m_cost;
            const Step step = parse_item(item);
            if (step == Step::NeedMore) {
                m_pos = start;
                m_cost = cost;
                return std::nullopt;
            }
            if (step == Step::Opened)
                continue;
            // A complete item: it fills its array's next slot, which may complete that array,
            // and so on up.
            while (!m_stack.empty()) {
                Frame &frame = m_stack.back();
                frame.array.elements().push_back(std::move(item));
                if (--frame.remaining > 0)
                    break;
                item = std::move(frame.array);
                m_stack.pop_back();
            }
            if (m_stack.empty()) {
                m_cost = 0;
                return item;
            }
        }
    } catch (const std::bad_alloc &) {
        fail("out of memory reading a reply of " + std::to_string(m_cost) + " bytes");
    }
}

} // namespace diesel::redis::detail
