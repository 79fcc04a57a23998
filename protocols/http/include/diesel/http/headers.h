// SPDX-License-Identifier: MIT
// Header fields of a request or a response: ordered, repeatable, looked up case-insensitively.
#pragma once

#include <diesel/http/export.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::http {

/// Whether two header names (or tokens) are equal ignoring ASCII case, as RFC 9110 compares them.
DIESEL_HTTP_EXPORT bool iequals(std::string_view a, std::string_view b) noexcept;

/// One header field as it was received or will be sent.
struct DIESEL_HTTP_EXPORT Field
{
    std::string name;
    std::string value;
};

/// Header fields in their order; names compare case-insensitively (RFC 9110 §5.1).
class DIESEL_HTTP_EXPORT Headers
{
public:
    /// The value of the first field called `name`, if there is one.
    std::optional<std::string_view> get(std::string_view name) const noexcept;
    /// get(name), or `fallback` when there is no such field.
    std::string_view value(std::string_view name, std::string_view fallback = {}) const noexcept;
    /// Whether a field called `name` is present.
    bool has(std::string_view name) const noexcept { return get(name).has_value(); }
    /// Whether a comma-separated list field (Connection, Expect, ...) contains `token`.
    bool has_token(std::string_view name, std::string_view token) const noexcept;
    /// Every value of the fields called `name`, in order.
    std::vector<std::string_view> all(std::string_view name) const;

    /// Appends a field (a second Set-Cookie, say).
    void add(std::string name, std::string value);
    /// Replaces every field called `name` by one with `value`.
    void set(std::string_view name, std::string value);
    /// Removes every field called `name`; returns how many there were.
    std::size_t remove(std::string_view name);
    void clear() noexcept { m_fields.clear(); }

    std::size_t size() const noexcept { return m_fields.size(); }
    bool empty() const noexcept { return m_fields.empty(); }
    auto begin() const noexcept { return m_fields.begin(); }
    auto end() const noexcept { return m_fields.end(); }
    /// The fields themselves (the parser appends to the last one as its bytes arrive).
    std::vector<Field> &fields() noexcept { return m_fields; }

private:
    std::vector<Field> m_fields;
};

} // namespace diesel::http
