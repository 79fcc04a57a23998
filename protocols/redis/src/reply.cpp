// SPDX-License-Identifier: MIT
#include <diesel/redis/error.h>
#include <diesel/redis/reply.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace diesel::redis {

namespace {
void render(const Reply &r, std::string &out, int indent)
{
    switch (r.type()) {
    case Reply::Type::Nil:
        out += "(nil)";
        return;
    case Reply::Type::Status:
        out += r.str();
        return;
    case Reply::Type::Error:
        out += "(error) " + r.str();
        return;
    case Reply::Type::Integer:
        out += "(integer) " + std::to_string(r.integer());
        return;
    case Reply::Type::Bulk:
        out += '"';
        for (const char c : r.str()) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20 || u >= 0x7f) {
                static const char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
        out += '"';
        return;
    case Reply::Type::Array:
        if (r.size() == 0) {
            out += "(empty array)";
            return;
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (i > 0)
                out += '\n' + std::string(static_cast<std::size_t>(indent), ' ');
            const std::string number = std::to_string(i + 1) + ") ";
            out += number;
            render(r[i], out, indent + static_cast<int>(number.size()));
        }
        return;
    }
}

bool parse_double(std::string_view text, double &out)
{
    if (text == "inf" || text == "+inf") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (text == "-inf") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    const auto r = std::from_chars(begin, end, out);
    return r.ec == std::errc() && r.ptr == end;
}
} // namespace

std::string_view to_string(Reply::Type type) noexcept
{
    switch (type) {
    case Reply::Type::Nil:
        return "nil";
    case Reply::Type::Status:
        return "status";
    case Reply::Type::Error:
        return "error";
    case Reply::Type::Integer:
        return "integer";
    case Reply::Type::Bulk:
        return "bulk";
    case Reply::Type::Array:
        return "array";
    }
    return "?";
}

Reply::Reply(const Reply &other)
    : m_type(other.m_type)
{
    if (has_text())
        new (&m_str) std::string(other.m_str);
    else if (m_type == Type::Array)
        new (&m_elements) std::vector<Reply>(other.m_elements);
    else
        m_integer = other.m_integer;
}

Reply &Reply::operator=(const Reply &other)
{
    if (this != &other)
        *this = Reply(other); // copied first: `other` may be one of this reply's elements
    return *this;
}

void Reply::destroy_elements() noexcept
{
    m_elements.~vector();
}

const std::vector<Reply> &Reply::elements_or_none() const noexcept
{
    static const std::vector<Reply> none;
    return is_array() ? m_elements : none;
}

Reply Reply::integer(long long value)
{
    Reply r;
    r.m_type = Type::Integer;
    r.m_integer = value;
    return r;
}

Reply Reply::array(std::vector<Reply> elements)
{
    Reply r;
    r.m_type = Type::Array;
    new (&r.m_elements) std::vector<Reply>(std::move(elements));
    return r;
}

void Reply::mismatch(const char *wanted) const
{
    std::string text = "unexpected reply: wanted " + std::string(wanted) + ", got ";
    std::string shown = to_string();
    if (shown.size() > 80)
        shown = shown.substr(0, 77) + "...";
    throw RedisProtocolError(text + std::string(redis::to_string(m_type)) + " " + shown);
}

const std::string &Reply::str() const
{
    if (m_type != Type::Status && m_type != Type::Error && m_type != Type::Bulk)
        mismatch("a string");
    return m_str;
}

long long Reply::integer() const
{
    if (m_type != Type::Integer)
        mismatch("an integer");
    return m_integer;
}

const std::vector<Reply> &Reply::elements() const
{
    if (m_type != Type::Array)
        mismatch("an array");
    return m_elements;
}

std::vector<Reply> &Reply::elements()
{
    if (m_type != Type::Array)
        mismatch("an array");
    return m_elements;
}

const Reply &Reply::operator[](std::size_t i) const
{
    const auto &e = elements();
    if (i >= e.size())
        mismatch(("an array of more than " + std::to_string(i) + " elements").c_str());
    return e[i];
}

std::string Reply::as_string() const &
{
    if (m_type == Type::Integer)
        return std::to_string(m_integer);
    if (m_type != Type::Status && m_type != Type::Bulk)
        mismatch("a string");
    return m_str;
}

std::string Reply::as_string() &&
{
    if (m_type == Type::Integer)
        return std::to_string(m_integer);
    if (m_type != Type::Status && m_type != Type::Bulk)
        mismatch("a string");
    return std::move(m_str);
}

std::optional<std::string> Reply::as_optional_string() const &
{
    if (m_type == Type::Nil)
        return std::nullopt;
    return as_string();
}

std::optional<std::string> Reply::as_optional_string() &&
{
    // Built in the returned optional: the string moves once (as_string() would move it twice).
    std::optional<std::string> out;
    if (m_type == Type::Integer)
        out.emplace(std::to_string(m_integer));
    else if (m_type == Type::Status || m_type == Type::Bulk)
        out.emplace(std::move(m_str));
    else if (m_type != Type::Nil)
        mismatch("a string");
    return out;
}

long long Reply::as_int() const
{
    if (m_type == Type::Integer)
        return m_integer;
    if (m_type == Type::Status || m_type == Type::Bulk) {
        long long value = 0;
        const char *end = m_str.data() + m_str.size();
        const auto r = std::from_chars(m_str.data(), end, value);
        if (r.ec == std::errc() && r.ptr == end)
            return value;
    }
    mismatch("an integer");
}

double Reply::as_double() const
{
    if (m_type == Type::Integer)
        return static_cast<double>(m_integer);
    double value = 0;
    if ((m_type == Type::Status || m_type == Type::Bulk) && parse_double(m_str, value))
        return value;
    mismatch("a number");
}

bool Reply::as_bool() const
{
    switch (m_type) {
    case Type::Nil:
        return false;
    case Type::Integer:
        return m_integer != 0;
    case Type::Status:
    case Type::Bulk:
        return !m_str.empty();
    case Type::Array:
        return !m_elements.empty();
    case Type::Error:
        break;
    }
    mismatch("a boolean");
}

std::vector<std::string> Reply::as_strings() const &
{
    std::vector<std::string> out;
    out.reserve(elements().size());
    for (const Reply &e : m_elements)
        out.push_back(e.is_nil() ? std::string() : e.as_string());
    return out;
}

std::vector<std::string> Reply::as_strings() &&
{
    std::vector<std::string> out;
    out.reserve(elements().size());
    for (Reply &e : m_elements)
        out.push_back(e.is_nil() ? std::string() : std::move(e).as_string());
    return out;
}

std::unordered_map<std::string, std::string> Reply::as_map() &&
{
    auto &e = elements();
    if (e.size() % 2 != 0)
        mismatch("an array of pairs");
    std::unordered_map<std::string, std::string> out;
    out.reserve(e.size() / 2);
    for (std::size_t i = 0; i + 1 < e.size(); i += 2)
        out.insert_or_assign(std::move(e[i]).as_string(),
                             e[i + 1].is_nil() ? std::string() : std::move(e[i + 1]).as_string());
    return out;
}

std::string Reply::to_string() const
{
    std::string out;
    render(*this, out, 0);
    return out;
}

bool Reply::operator==(const Reply &other) const
{
    if (m_type != other.m_type)
        return false;
    if (has_text())
        return m_str == other.m_str;
    if (m_type == Type::Array)
        return m_elements == other.m_elements;
    return m_type == Type::Nil || m_integer == other.m_integer;
}

} // namespace diesel::redis
