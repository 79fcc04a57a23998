// SPDX-License-Identifier: MIT
#include "bson_value.h"

#include <diesel/mongodb/document.h>

#include <bson/bson.h>

#include <cstring>

namespace diesel::mongodb {

namespace {

// What bson() lends a Document that holds no bson_t (read-only: libbson never writes through a
// const bson_t).
const bson_t kEmpty = BSON_INITIALIZER;

std::string take_json(char *json, const char *what)
{
    if (!json)
        throw Error(std::string("mongodb: ") + what + ": the document has no JSON form");
    std::string out(json);
    bson_free(json);
    return out;
}

} // namespace

void Document::Free::operator()(bson_t *b) const noexcept
{
    bson_destroy(b);
}

Document::Document() noexcept = default;

Document::Document(std::unique_ptr<_bson_t, Free> bson) noexcept
    : m_bson(std::move(bson))
{}

Document::Document(std::initializer_list<Field> fields)
    : Document()
{
    for (const Field &field : fields)
        append(field.first, field.second);
}

Document::Document(const Document &other)
    : m_bson(other.m_bson ? bson_copy(other.m_bson.get()) : nullptr)
{}

Document::Document(Document &&other) noexcept
    : m_bson(std::move(other.m_bson))
{}

Document &Document::operator=(const Document &other)
{
    if (this != &other)
        m_bson.reset(other.m_bson ? bson_copy(other.m_bson.get()) : nullptr);
    return *this;
}

Document &Document::operator=(Document &&other) noexcept
{
    std::swap(m_bson, other.m_bson);
    return *this;
}

Document::~Document() = default;

Document Document::from_json(std::string_view json)
{
    bson_error_t error{};
    bson_t *b = bson_new_from_json(reinterpret_cast<const std::uint8_t *>(json.data()),
                                   ssize_t(json.size()), &error);
    if (!b)
        throw Error(std::string("mongodb: not Extended JSON: ") + error.message);
    return Document(std::unique_ptr<_bson_t, Free>(b));
}

Document Document::from_bson(std::span<const std::uint8_t> bytes)
{
    std::unique_ptr<_bson_t, Free> b(bson_new_from_data(bytes.data(), bytes.size()));
    if (!b)
        throw Error("mongodb: not a BSON document (length or terminator wrong)");
    bson_error_t error{};
    // The driver accepts documents only after the same check (every element, recursively).
    if (!bson_validate_with_error(b.get(), BSON_VALIDATE_UTF8_ALLOW_NULL, &error))
        throw Error(std::string("mongodb: invalid BSON: ") + error.message);
    return Document(std::move(b));
}

Document Document::copy_of(const _bson_t *bson)
{
    return Document(std::unique_ptr<_bson_t, Free>(bson_copy(bson)));
}

std::string Document::to_json() const
{
    return take_json(bson_as_canonical_extended_json(bson(), nullptr), "to_json");
}

std::string Document::to_relaxed_json() const
{
    return take_json(bson_as_relaxed_extended_json(bson(), nullptr), "to_relaxed_json");
}

const bson_t *Document::bson() const noexcept
{
    return m_bson ? m_bson.get() : &kEmpty;
}

Document &Document::append(std::string_view key, const Value &value)
{
    if (!m_bson)
        m_bson.reset(bson_new());
    detail::append_value(m_bson.get(), key, value);
    return *this;
}

std::optional<Value> Document::get(std::string_view path) const
{
    bson_iter_t it;
    bson_iter_t found;
    const std::string key(path);
    if (!bson_iter_init(&it, bson()) || !bson_iter_find_descendant(&it, key.c_str(), &found))
        return std::nullopt;
    return detail::value_of(found);
}

Value Document::operator[](std::string_view path) const
{
    std::optional<Value> v = get(path);
    if (!v)
        throw Error("mongodb: the document has no field \"" + std::string(path) + "\"");
    return std::move(*v);
}

bool Document::contains(std::string_view path) const
{
    bson_iter_t it;
    bson_iter_t found;
    const std::string key(path);
    return bson_iter_init(&it, bson()) && bson_iter_find_descendant(&it, key.c_str(), &found);
}

std::vector<std::string> Document::keys() const
{
    std::vector<std::string> out;
    bson_iter_t it;
    if (bson_iter_init(&it, bson()))
        while (bson_iter_next(&it))
            out.emplace_back(bson_iter_key(&it), bson_iter_key_len(&it));
    return out;
}

std::size_t Document::size() const
{
    return std::size_t(bson_count_keys(bson()));
}

std::span<const std::uint8_t> Document::bytes() const
{
    // The length is the document's first field (read from the bytes, not bson_t::len: a bson_t
    // from bson_new() lacks the 128-byte alignment its type declares, which UBSan would flag).
    const std::uint8_t *data = bson_get_data(bson());
    const std::uint32_t length = std::uint32_t(data[0]) | std::uint32_t(data[1]) << 8 |
                                 std::uint32_t(data[2]) << 16 | std::uint32_t(data[3]) << 24;
    return {data, length};
}

bool operator==(const Document &a, const Document &b)
{
    return bson_equal(a.bson(), b.bson());
}

ObjectId ObjectId::generate()
{
    bson_oid_t oid;
    bson_oid_init(&oid, nullptr);
    ObjectId out;
    std::memcpy(out.bytes.data(), oid.bytes, out.bytes.size());
    return out;
}

ObjectId ObjectId::from_hex(std::string_view hex)
{
    if (!bson_oid_is_valid(hex.data(), hex.size()) || hex.size() != 24)
        throw Error("mongodb: not an ObjectId: \"" + std::string(hex) + "\"");
    const std::string text(hex);
    bson_oid_t oid;
    bson_oid_init_from_string(&oid, text.c_str());
    ObjectId out;
    std::memcpy(out.bytes.data(), oid.bytes, out.bytes.size());
    return out;
}

std::string ObjectId::hex() const
{
    bson_oid_t oid;
    std::memcpy(oid.bytes, bytes.data(), bytes.size());
    char text[25];
    bson_oid_to_string(&oid, text);
    return text;
}

} // namespace diesel::mongodb
