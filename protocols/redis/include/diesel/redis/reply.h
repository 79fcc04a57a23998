// SPDX-License-Identifier: MIT
// A RESP2 reply as a value: status, error, integer, bulk string, nil, or an array of replies
// (nested as deep as the server sends).
#pragma once

#include <diesel/redis/export.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace diesel::redis {

namespace detail {
struct ReplyBuilder; // the parser's access: builds replies where they will be read
}

/// One reply of the server. Typed command methods convert it for you; call() returns it as is.
class DIESEL_REDIS_EXPORT Reply
{
public:
    /// The RESP2 types.
    enum class Type : std::uint8_t {
        Nil,     ///< "$-1" or "*-1": no value
        Status,  ///< "+OK": a simple string
        Error,   ///< "-ERR ...": an error reply (call() throws RedisError instead at top level)
        Integer, ///< ":42"
        Bulk,    ///< "$3\r\nabc": a binary-safe string
        Array,   ///< "*2 ...": replies, possibly nested
    };

    /// A nil reply.
    Reply() noexcept
        : m_integer(0)
    {}
    /// Copies and moves keep the type and value (a moved-from reply keeps its type, its string
    /// or elements emptied).
    Reply(const Reply &other);
    Reply(Reply &&other) noexcept
        : m_type(other.m_type)
    {
        take(std::move(other));
    }
    Reply &operator=(const Reply &other);
    Reply &operator=(Reply &&other) noexcept
    {
        if (this == &other)
            return *this;
        if (is_array()) {
            Reply taken(std::move(other)); // `other` may be one of the elements about to go
            replace_with(std::move(taken));
        } else {
            replace_with(std::move(other));
        }
        return *this;
    }
    ~Reply() { clear(); }
    /// A reply of each type (for tests, fake servers and scripts' results).
    static Reply nil() { return {}; }
    static Reply status(std::string text) { return Reply(Type::Status, std::move(text)); }
    static Reply error(std::string text) { return Reply(Type::Error, std::move(text)); }
    static Reply bulk(std::string bytes) { return Reply(Type::Bulk, std::move(bytes)); }
    static Reply integer(long long value);
    static Reply array(std::vector<Reply> elements);

    /// The reply's type, and one test per type.
    Type type() const noexcept { return m_type; }
    bool is_nil() const noexcept { return m_type == Type::Nil; }
    bool is_status() const noexcept { return m_type == Type::Status; }
    bool is_error() const noexcept { return m_type == Type::Error; }
    bool is_integer() const noexcept { return m_type == Type::Integer; }
    bool is_bulk() const noexcept { return m_type == Type::Bulk; }
    bool is_array() const noexcept { return m_type == Type::Array; }
    /// A status or bulk string.
    bool is_string() const noexcept { return is_status() || is_bulk(); }
    /// The "+QUEUED" status a command gets inside MULTI (and that a Pipeline hands out).
    bool is_queued() const noexcept
    {
        return is_status() && std::string_view(m_str) == std::string_view("QUEUED");
    }

    /// The text of a status, error or bulk reply; throws RedisProtocolError for other types.
    const std::string &str() const;
    /// The value of an integer reply; throws RedisProtocolError for other types.
    long long integer() const;
    /// The elements of an array reply; throws RedisProtocolError for other types.
    const std::vector<Reply> &elements() const;
    std::vector<Reply> &elements();
    /// Number of elements of an array (0 for other types).
    std::size_t size() const noexcept { return is_array() ? m_elements.size() : 0; }
    /// Element `i` of an array; throws RedisProtocolError when out of range or not an array.
    const Reply &operator[](std::size_t i) const;
    /// Iterates over an array's elements (none for other types).
    std::vector<Reply>::const_iterator begin() const noexcept { return elements_or_none().begin(); }
    std::vector<Reply>::const_iterator end() const noexcept { return elements_or_none().end(); }

    /// Status or bulk text (an integer is printed); throws RedisProtocolError for nil and arrays.
    std::string as_string() const &;
    std::string as_string() &&;
    /// As as_string(), but nil gives nullopt.
    std::optional<std::string> as_optional_string() const &;
    std::optional<std::string> as_optional_string() &&;
    /// An integer reply, or a string holding an integer.
    long long as_int() const;
    /// A string holding a float ("3.5", "inf") or an integer reply.
    double as_double() const;
    /// Integer != 0, "OK", or a non-empty string; nil is false.
    bool as_bool() const;
    /// An array of strings (nil elements become "").
    std::vector<std::string> as_strings() const &;
    std::vector<std::string> as_strings() &&;
    /// A flat array of key, value, key, value, ... as a map.
    std::unordered_map<std::string, std::string> as_map() &&;

    /// Renders the reply as redis-cli does ("(integer) 3", "(nil)", "1) \"a\"", ...).
    std::string to_string() const;

    /// Same type and same value, elements compared recursively.
    bool operator==(const Reply &other) const;

private:
    friend struct detail::ReplyBuilder;
    Reply(Type type, std::string text) noexcept
        : m_type(type)
        , m_str(std::move(text))
    {}
    bool has_text() const noexcept
    {
        return m_type == Type::Status || m_type == Type::Error || m_type == Type::Bulk;
    }
    // Takes `other`'s value into the (empty) storage for m_type, which is other's type.
    void take(Reply &&other) noexcept
    {
        if (has_text())
            new (&m_str) std::string(std::move(other.m_str));
        else if (m_type == Type::Array)
            new (&m_elements) std::vector<Reply>(std::move(other.m_elements));
        else
            m_integer = other.m_integer;
    }
    // Gives up this value for `other`'s (which is none of this reply's elements).
    void replace_with(Reply &&other) noexcept
    {
        clear();
        m_type = other.m_type;
        take(std::move(other));
    }
    // Destroys the string or the elements (a nil or an integer holds nothing to destroy). The
    // string's destructor is inline (a short one frees nothing); the elements' is not.
    void clear() noexcept
    {
        if (has_text())
            m_str.~basic_string();
        else if (m_type == Type::Array)
            destroy_elements();
    }
    void destroy_elements() noexcept;
    const std::vector<Reply> &elements_or_none() const noexcept;
    [[noreturn]] void mismatch(const char *wanted) const;

    Type m_type = Type::Nil;
    // One of them lives, as m_type says: a reply is as small as its largest kind, and a nil,
    // an integer or a short string ("OK", a small value) needs no allocation.
    union
    {
        long long m_integer;           // Integer (0 for Nil)
        std::string m_str;             // Status, Error, Bulk
        std::vector<Reply> m_elements; // Array
    };
};

/// "nil", "status", "error", "integer", "bulk" or "array".
DIESEL_REDIS_EXPORT std::string_view to_string(Reply::Type type) noexcept;

} // namespace diesel::redis
