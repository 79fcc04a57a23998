// SPDX-License-Identifier: MIT
// hiredis parses; its five object hooks build Reply values in place: a root array goes into
// ReplyReader::m_root, any other root straight into the caller's Reply, every element is appended
// to its parent's element vector as hiredis completes it, so a declared count reserves nothing and
// a reply costs no intermediate redisReply tree. The limits are enforced in the hooks (a refused
// item returns NULL and hiredis stops with an error) and, for what hiredis buffers before calling a
// hook, in feed() and check_pending().
#include "reader.h"

#include <diesel/core/connection.h>
#include <diesel/redis/error.h>

#include <hiredis/read.h>

#include <algorithm>
#include <charconv>
#include <new>
#include <utility>
#include <vector>

namespace diesel::redis::detail {

// Builds replies in the storage where they will be read: the Reply the hooks picked, not a
// temporary moved there.
struct ReplyBuilder
{
    // Makes `slot` a nil, ready for one of the calls below.
    static Reply &cleared(Reply &slot) noexcept
    {
        if (!slot.is_nil()) // usually a fresh one: no call to clear()
            slot.clear();
        slot.m_type = Reply::Type::Nil;
        slot.m_integer = 0;
        return slot;
    }
    // Makes `slot` (a nil) hold `value` of `type`.
    static void text(Reply &slot, Reply::Type type, std::string_view value)
    {
        new (&slot.m_str) std::string(value);
        slot.m_type = type;
    }
    static void integer(Reply &slot, long long value) noexcept
    {
        slot.m_type = Reply::Type::Integer;
        slot.m_integer = value;
    }
    static void array(Reply &slot) noexcept
    {
        new (&slot.m_elements) std::vector<Reply>();
        slot.m_type = Reply::Type::Array;
    }
    // The elements of an array `slot` (no type check: the hooks made it one).
    static std::vector<Reply> &elements(Reply &slot) noexcept { return slot.m_elements; }
};

// hiredis's object hooks, building into the ReplyReader that task->privdata points to.
struct Hooks
{
    static ReplyReader &reader(const redisReadTask *task)
    {
        return *static_cast<ReplyReader *>(task->privdata);
    }

    static void *refuse(ReplyReader &r, ReplyReader::Refusal why, std::size_t amount) noexcept
    {
        r.m_refusal = why;
        r.m_refused = amount;
        return nullptr;
    }

    // The nil Reply where `task`'s item goes. A root array is built in the reader (its elements
    // may arrive over several reads, by several Loops); any other root goes straight to the
    // caller's slot when there is one. An element is appended to its parent: hiredis delivers an
    // array's elements in order, each once the one before it is complete, so a parent's vector
    // grows only between its children and the Reply an unfinished task points to
    // (task->parent->obj) never moves.
    static Reply &slot(const redisReadTask *task, ReplyReader &r, bool array)
    {
        if (!task->parent)
            return ReplyBuilder::cleared(array || !r.m_into ? r.m_root : *r.m_into);
        std::vector<Reply> &elements =
            ReplyBuilder::elements(*static_cast<Reply *>(task->parent->obj));
        return elements.emplace_back();
    }

    // Charges `cost` to the reply and has `fill` build it in its slot. A refusal or bad_alloc
    // is recorded and NULL returned, on which hiredis stops with an error: no exception may
    // cross its C code.
    template<class Fill>
    static void *build(const redisReadTask *task, std::size_t cost, bool array, Fill fill) noexcept
    {
        ReplyReader &r = reader(task);
        if (!r.charge(cost))
            return nullptr;
        try {
            Reply &target = slot(task, r, array);
            fill(target);
            return &target;
        } catch (const std::bad_alloc &) {
            return refuse(r, ReplyReader::Refusal::OutOfMemory, r.m_cost);
        }
    }

    static void *create_string(const redisReadTask *task, char *str, size_t len) noexcept
    {
        ReplyReader &r = reader(task);
        if (len > r.m_limits.max_bulk_length)
            return refuse(r,
                          task->type == REDIS_REPLY_STRING ? ReplyReader::Refusal::BulkLength
                                                           : ReplyReader::Refusal::LineLength,
                          len);
        const Reply::Type type = task->type == REDIS_REPLY_ERROR    ? Reply::Type::Error
                                 : task->type == REDIS_REPLY_STATUS ? Reply::Type::Status
                                                                    : Reply::Type::Bulk;
        return build(task, sizeof(Reply) + len, false, [&](Reply &target) {
            ReplyBuilder::text(target, type, std::string_view(str, len));
        });
    }

    static void *create_array(const redisReadTask *task, int elements) noexcept
    {
        ReplyReader &r = reader(task);
        // hiredis reads "*-1" as nil and refuses other negative counts, so `elements` >= 0.
        const auto count = static_cast<std::size_t>(elements);
        if (count > r.m_limits.max_array_count)
            return refuse(r, ReplyReader::Refusal::ArrayCount, count);
        return build(task, sizeof(Reply), true, ReplyBuilder::array);
    }

    static void *create_integer(const redisReadTask *task, long long value) noexcept
    {
        return build(task, sizeof(Reply), false,
                     [value](Reply &target) { ReplyBuilder::integer(target, value); });
    }

    static void *create_nil(const redisReadTask *task) noexcept
    {
        return build(task, sizeof(Reply), false, [](Reply &) {});
    }

    // hiredis frees only a root it gave up on (after an error); the memory belongs to the reader.
    static void free_object(void *obj) noexcept { *static_cast<Reply *>(obj) = Reply::nil(); }
};

namespace {
redisReplyObjectFunctions g_functions = {Hooks::create_string, Hooks::create_array,
                                         Hooks::create_integer, Hooks::create_nil,
                                         Hooks::free_object};
} // namespace

void ReplyReader::Free::operator()(redisReader *r) const noexcept
{
    redisReaderFree(r);
}

ReplyReader::ReplyReader(ReplyLimits limits)
    : m_limits(limits)
{}

std::size_t ReplyReader::simple_room(const ReplyLimits &limits) noexcept
{
    if (limits.max_reply_size < sizeof(Reply))
        return 0;
    return std::min(limits.max_bulk_length, limits.max_reply_size - sizeof(Reply)) + 1;
}

ReplyReader::~ReplyReader() = default;

redisReader &ReplyReader::hiredis()
{
    if (!m_reader) {
        redisReader *r = redisReaderCreateWithFunctions(&g_functions);
        if (!r)
            fail("out of memory for a reply reader");
        r->privdata = this;
        // Keep the buffer however large it grew: a client reads many replies.
        r->maxbuf = 0;
        m_reader.reset(r);
    }
    return *m_reader;
}

void ReplyReader::read(Connection &conn, Reply &into)
{
    // With nothing of hiredis's pending, the usual reply is parsed where it lies.
    if (idle()) {
        const std::string_view bytes = conn.peek();
        if (const std::size_t used = take_simple(bytes, into)) {
            conn.consume(used);
            return;
        }
    }
    while (!next(into)) {
        const std::string_view bytes = conn.peek();
        feed(bytes);
        conn.consume(bytes.size());
    }
}

bool ReplyReader::idle() const noexcept
{
    // ridx is -1 between replies; inside one (an item's type byte taken, an array's elements
    // still to come) it stays >= 0 even with no byte left in hiredis's buffer, and the bytes
    // that follow belong to that reply.
    return m_error.empty() && (!m_reader || (m_reader->ridx < 0 && m_reader->pos == m_reader->len));
}

std::size_t ReplyReader::take_simple(std::string_view bytes, Reply &into)
{
    if (bytes.size() < 3)
        return 0;
    // What the hooks would charge (a Reply and its text): past a limit, hiredis's path refuses.
    const auto fits = [room = m_simple_room](std::size_t length) { return length < room; };
    const char type = bytes.front();
    if (type == '+' || type == '-') {
        const std::size_t eol = bytes.find("\r\n", 1);
        if (eol == std::string_view::npos || !fits(eol - 1))
            return 0;
        ReplyBuilder::text(ReplyBuilder::cleared(into),
                           type == '+' ? Reply::Type::Status : Reply::Type::Error,
                           bytes.substr(1, eol - 1));
        return eol + 2;
    }
    if (type != ':' && type != '$')
        return 0; // an array: hiredis builds it
    // The number up to "\r\n", by hand: at most 18 digits, so it cannot overflow (hiredis takes
    // longer ones, and what is wrong with them).
    const char *const end = bytes.data() + bytes.size();
    const char *at = bytes.data() + 1;
    const bool negative = *at == '-';
    if (negative)
        ++at;
    const char *const digits = at;
    unsigned long long number = 0;
    for (; at != end && *at >= '0' && *at <= '9' && at - digits < 18; ++at)
        number = number * 10 + static_cast<unsigned>(*at - '0');
    if (at == digits || end - at < 2 || at[0] != '\r' || at[1] != '\n' || !fits(0))
        return 0;
    const auto header = static_cast<std::size_t>(at + 2 - bytes.data());
    if (type == ':') {
        const auto value = static_cast<long long>(number);
        ReplyBuilder::integer(ReplyBuilder::cleared(into), negative ? -value : value);
        return header;
    }
    if (negative) {
        if (number != 1)
            return 0; // only "$-1" is nil
        ReplyBuilder::cleared(into);
        return header;
    }
    const auto length = static_cast<std::size_t>(number);
    if (!fits(length) || bytes.size() - header < length + 2 || bytes[header + length] != '\r' ||
        bytes[header + length + 1] != '\n')
        return 0;
    ReplyBuilder::text(ReplyBuilder::cleared(into), Reply::Type::Bulk,
                       bytes.substr(header, length));
    return header + length + 2;
}

Reply ReplyReader::read(Connection &conn)
{
    Reply reply;
    read(conn, reply);
    return reply;
}

void ReplyReader::reset() noexcept
{
    m_reader.reset();
    m_root = Reply::nil();
    m_cost = 0;
    m_refusal = Refusal::None;
    m_error.clear();
}

bool ReplyReader::has_partial() const noexcept
{
    // Unparsed bytes, or an array whose root hiredis built and whose elements are still to come.
    return m_reader && (m_reader->len > m_reader->pos || m_reader->reply);
}

bool ReplyReader::charge(std::size_t bytes) noexcept
{
    if (bytes > m_limits.max_reply_size - m_cost) {
        m_refusal = Refusal::ReplySize;
        m_refused = m_cost + bytes;
        return false;
    }
    m_cost += bytes;
    return true;
}

void ReplyReader::fail(std::string why)
{
    m_error = why;
    throw RedisProtocolError(std::move(why));
}

namespace {
// "<what>; the limit is <limit> (RedisOptions::<option>)"
std::string past(const std::string &what, std::size_t limit, const char *option)
{
    return what + "; the limit is " + std::to_string(limit) + " (RedisOptions::" + option + ")";
}
} // namespace

void ReplyReader::fail(Refusal why, std::string_view amount)
{
    const std::string text(amount);
    switch (why) {
    case Refusal::ArrayCount:
        fail(past("the server declared an array of " + text + " elements", m_limits.max_array_count,
                  "max_array_count"));
    case Refusal::BulkLength:
        fail(past("the server declared a bulk string of " + text + " bytes",
                  m_limits.max_bulk_length, "max_bulk_length"));
    case Refusal::LineLength:
        fail(past("a line of " + text + " bytes or more", m_limits.max_bulk_length,
                  "max_bulk_length"));
    case Refusal::ReplySize:
        fail(past("the reply takes " + text + " bytes or more", m_limits.max_reply_size,
                  "max_reply_size"));
    case Refusal::OutOfMemory:
    case Refusal::None:
        break;
    }
    fail("out of memory reading a reply of " + text + " bytes");
}

void ReplyReader::feed(std::string_view bytes)
{
    if (!m_error.empty())
        throw RedisProtocolError(m_error);
    redisReader &r = hiredis();
    // Unparsed bytes count against the reply's size: an endless bulk or line is refused before
    // it fills memory.
    const std::size_t buffered = r.len - r.pos + bytes.size();
    if (buffered > m_limits.max_reply_size - m_cost)
        fail(Refusal::ReplySize, std::to_string(m_cost + buffered));
    // hiredis's only failure here is running out of memory (it checks r.err first, and a broken
    // reader never gets here).
    if (redisReaderFeed(&r, bytes.data(), bytes.size()) != REDIS_OK)
        fail(Refusal::OutOfMemory, std::to_string(buffered));
}

std::optional<Reply> ReplyReader::next()
{
    Reply reply;
    if (!next(reply))
        return std::nullopt;
    return reply;
}

bool ReplyReader::next(Reply &into)
{
    if (!m_error.empty())
        throw RedisProtocolError(m_error);
    redisReader &r = hiredis();
    void *reply = nullptr;
    m_into = &into;
    const int status = redisReaderGetReply(&r, &reply);
    m_into = nullptr;
    if (status != REDIS_OK) {
        if (m_refusal != Refusal::None)
            fail(m_refusal, std::to_string(m_refused));
        fail(std::string("malformed reply from the server: ") + r.errstr);
    }
    if (!reply) {
        check_pending();
        return false;
    }
    if (reply == &m_root) {
        into = std::move(m_root); // an array, built here over the reads it took
        m_root = Reply::nil();
    }
    m_cost = 0;
    return true;
}

// hiredis calls a hook only once an item is complete, and waits silently for the rest of a line
// or of a bulk string. The pending item's type byte is consumed (its task's type is set) and its
// line starts at buf + pos: a line longer than max_bulk_length, or a bulk string declaring more
// than a limit allows, is refused as soon as its header is in.
void ReplyReader::check_pending()
{
    const redisReader &r = *m_reader;
    if (r.ridx < 0 || r.rstack[r.ridx].type < 0)
        return;
    const std::string_view rest(r.buf + r.pos, r.len - r.pos);
    const std::size_t end = rest.find("\r\n");
    if (end == std::string_view::npos) {
        if (rest.size() > m_limits.max_bulk_length)
            fail(Refusal::LineLength, std::to_string(rest.size()));
        return;
    }
    // A complete line still pending is a bulk string's header, waiting for its body; hiredis
    // read it as a length >= 0 (an optional sign, then digits).
    std::string_view digits = rest.substr(0, end);
    if (digits.starts_with('+') || digits.starts_with('-'))
        digits.remove_prefix(1);
    unsigned long long length = 0;
    const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (parsed.ec == std::errc::result_out_of_range || length > m_limits.max_bulk_length)
        fail(Refusal::BulkLength, digits);
    // Charged now, not once it arrived: a declared size past the reply limit fails at once.
    if (length > m_limits.max_reply_size - m_cost)
        fail(Refusal::ReplySize, std::to_string(m_cost + length));
}

} // namespace diesel::redis::detail
