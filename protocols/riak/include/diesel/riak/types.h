// SPDX-License-Identifier: MIT
// The values RiakClient's calls take and return: objects with their siblings, the options of
// get, put and delete, bucket properties, secondary-index queries.
// Every member has an initializer, so that designated initializers ({.return_body = true}) leave
// the rest at their defaults without -Wmissing-field-initializers warnings.
#pragma once

#include <diesel/riak/export.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace diesel::riak {

/// A wall-clock time with microseconds, as Riak stamps each write (last_mod, last_mod_usecs).
using Timestamp = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

/// A key and a value: user metadata ("X-Riak-Meta-*") or a secondary-index entry
/// ("age_int" → "42").
struct DIESEL_RIAK_EXPORT Pair
{
    std::string key{};
    std::string value{};
    friend bool operator==(const Pair &, const Pair &) = default;
};

/// One version of an object (a sibling when there are several), or what a put stores.
struct DIESEL_RIAK_EXPORT Content
{
    std::string value{};
    std::string content_type{}; ///< empty: none given
    std::string charset{};
    std::string content_encoding{};
    std::string vtag{};                       ///< set by Riak
    std::optional<Timestamp> last_modified{}; ///< set by Riak
    std::vector<Pair> usermeta{};
    std::vector<Pair> indexes{}; ///< names end in _bin (bytes) or _int (integers)
    bool deleted = false;        ///< a tombstone sibling (set by Riak)
};

/// What get() returns: the siblings (none: not found) under one vector clock.
struct DIESEL_RIAK_EXPORT Object
{
    std::string vclock{}; ///< opaque; pass it back to put/delete so they are not blind writes
    std::vector<Content> siblings{};
    bool unchanged = false; ///< get with if_modified: the object still has that vclock
    /// True when there is at least one sibling.
    bool found() const noexcept { return !siblings.empty(); }
};

/// Riak's symbolic quorum values, for r, w, pr, pw, dw and rw (or give a count).
namespace quorum {
inline constexpr std::uint32_t one = 0xfffffffe;
inline constexpr std::uint32_t majority = 0xfffffffd; ///< Riak's 'quorum'
inline constexpr std::uint32_t all = 0xfffffffc;
inline constexpr std::uint32_t bucket_default = 0xfffffffb;
} // namespace quorum

/// Options of RiakClient::get (unset ones: the bucket's).
struct DIESEL_RIAK_EXPORT GetOptions
{
    std::optional<std::uint32_t> r{};
    std::optional<std::uint32_t> pr{};
    std::optional<bool> basic_quorum{};
    std::optional<bool> notfound_ok{};
    std::string if_modified{};   ///< a vclock: Object::unchanged when it is still current
    bool head = false;           ///< every field but the values
    bool deleted_vclock = false; ///< for a deleted key, return the tombstone's vclock
};

/// Options of RiakClient::put.
struct DIESEL_RIAK_EXPORT PutOptions
{
    std::string vclock{}; ///< from a get: replaces what it saw; empty: a blind write
    std::optional<std::uint32_t> w{};
    std::optional<std::uint32_t> dw{};
    std::optional<std::uint32_t> pw{};
    bool return_body = false;     ///< PutResult::object holds the stored siblings
    bool return_head = false;     ///< as return_body without values
    bool if_not_modified = false; ///< fail ("modified") unless `vclock` is current
    bool if_none_match = false;   ///< fail ("match_found") if the key exists
};

/// What put returns.
struct DIESEL_RIAK_EXPORT PutResult
{
    std::string key{}; ///< the key Riak chose when none was given, else empty
    Object object{};   ///< with return_body / return_head; else empty
};

/// Options of RiakClient::delete_.
struct DIESEL_RIAK_EXPORT DeleteOptions
{
    std::string vclock{}; ///< from a get; empty: Riak deletes what it has
    std::optional<std::uint32_t> rw{};
    std::optional<std::uint32_t> r{};
    std::optional<std::uint32_t> w{};
    std::optional<std::uint32_t> pr{};
    std::optional<std::uint32_t> pw{};
    std::optional<std::uint32_t> dw{};
};

/// A bucket's properties; set_bucket_props() sends only the fields that are set.
struct DIESEL_RIAK_EXPORT BucketProps
{
    std::optional<std::uint32_t> n_val{};
    std::optional<bool> allow_mult{};      ///< keep concurrent writes as siblings
    std::optional<bool> last_write_wins{}; ///< drop siblings: the last write replaces all
    std::optional<std::uint32_t> r{};
    std::optional<std::uint32_t> w{};
    std::optional<std::uint32_t> pr{};
    std::optional<std::uint32_t> pw{};
    std::optional<std::uint32_t> dw{};
    std::optional<std::uint32_t> rw{};
    std::optional<bool> basic_quorum{};
    std::optional<bool> notfound_ok{};
};

/// What server_info() returns.
struct DIESEL_RIAK_EXPORT ServerInfo
{
    std::string node{};
    std::string server_version{};
};

/// A secondary-index query: exact() or range(), optionally paginated.
struct DIESEL_RIAK_EXPORT IndexQuery
{
    std::string bucket{};
    std::string index{};              ///< "name_bin", "name_int", "$key" or "$bucket"
    std::string value{};              ///< exact match
    std::optional<std::string> min{}; ///< range, inclusive
    std::optional<std::string> max{}; ///< range, inclusive
    bool return_terms = false;        ///< range only: pass each key's index term to the callback
    std::optional<std::uint32_t> max_results{}; ///< page size
    std::string continuation{};                 ///< from the previous page's IndexPage
    std::string term_regex{};                   ///< range only: terms must match it

    /// Keys whose `index` equals `value`.
    static IndexQuery exact(std::string bucket, std::string index, std::string value);
    /// Keys whose `index` lies in [min, max].
    static IndexQuery range(std::string bucket, std::string index, std::string min,
                            std::string max);
};

/// What an index query returns once its results were streamed to the callback.
struct DIESEL_RIAK_EXPORT IndexPage
{
    std::string continuation{}; ///< non-empty when max_results cut the results: the next page
    std::size_t results = 0;    ///< how many this page had
};

} // namespace diesel::riak
