// SPDX-License-Identifier: MIT
// Document: a light C++ view over a BSON document (libbson's bson_t), built with initializer
// lists and read with typed accessors; JSON in and out is libbson's Extended JSON.
//
//     diesel::mongodb::Document d{{"language", "C"}, {"year", 1972}, {"tags", Array{"old"}}};
//     std::string name = d["language"].as_string();
//     std::optional<Value> y = d.get("year");               // nullopt when absent
//     Document back = Document::from_json(d.to_json());
#pragma once

#include <diesel/core/error.h>
#include <diesel/mongodb/export.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

struct _bson_t;

namespace diesel::mongodb {

class Value;

/// A BSON ObjectId (12 bytes), MongoDB's default _id.
struct DIESEL_MONGODB_EXPORT ObjectId
{
    /// The 12 bytes (time, process, counter).
    std::array<std::uint8_t, 12> bytes{};
    /// A fresh id (libbson's generator: time, process, counter).
    static ObjectId generate();
    /// Parses 24 hex digits; throws diesel::Error otherwise.
    static ObjectId from_hex(std::string_view hex);
    /// The 24 hex digits.
    std::string hex() const;
    friend bool operator==(const ObjectId &, const ObjectId &) = default;
};

/// A BSON document: owns its bson_t (RAII, copies deep-copy). Keys keep their insertion order.
class DIESEL_MONGODB_EXPORT Document
{
public:
    /// One key and value of an initializer list.
    using Field = std::pair<std::string_view, Value>;

    /// An empty document ({}); allocates nothing until the first append().
    Document() noexcept;
    /// {{"key", value}, ...} in order.
    Document(std::initializer_list<Field> fields);
    /// Copies deep-copy the BSON; a moved-from Document is empty.
    Document(const Document &other);
    Document(Document &&other) noexcept;
    Document &operator=(const Document &other);
    Document &operator=(Document &&other) noexcept;
    ~Document();

    /// Parses Extended JSON (canonical or relaxed, or plain JSON); throws diesel::Error with
    /// libbson's reason when it does not parse or is not an object.
    static Document from_json(std::string_view json);
    /// Copies and validates BSON bytes; throws diesel::Error when they are not one valid document.
    static Document from_bson(std::span<const std::uint8_t> bytes);
    /// Takes a copy of a bson_t (for code that talks to libbson or libmongoc directly).
    static Document copy_of(const _bson_t *bson);

    /// Canonical Extended JSON ({"n": {"$numberInt": "1"}}): types survive a round trip.
    std::string to_json() const;
    /// Relaxed Extended JSON ({"n": 1}), for people.
    std::string to_relaxed_json() const;

    /// Appends `key` (keys are not checked for duplicates, as in BSON itself).
    Document &append(std::string_view key, const Value &value);
    /// The value at `path` ("a.b" reaches into sub-documents and arrays), or nullopt if absent.
    std::optional<Value> get(std::string_view path) const;
    /// get(path), throwing diesel::Error when absent (the PyMongo-like doc["key"]).
    Value operator[](std::string_view path) const;
    /// Whether `path` is present.
    bool contains(std::string_view path) const;
    /// The top-level keys in order.
    std::vector<std::string> keys() const;
    /// Number of top-level keys.
    std::size_t size() const;
    /// No keys.
    bool empty() const { return size() == 0; }
    /// The BSON bytes.
    std::span<const std::uint8_t> bytes() const;
    /// The bson_t, for libbson and libmongoc calls.
    const _bson_t *bson() const noexcept;

    /// Same bytes (so same keys, order and types).
    friend bool operator==(const Document &a, const Document &b);

private:
    struct Free
    {
        void operator()(_bson_t *b) const noexcept;
    };
    explicit Document(std::unique_ptr<_bson_t, Free> bson) noexcept;
    // Null while empty (new or moved-from): bson() then lends a shared empty bson_t, so that
    // the empty documents every call builds (options, sort orders) cost no allocation.
    std::unique_ptr<_bson_t, Free> m_bson;
};

/// Same bytes (so same keys, order and types).
DIESEL_MONGODB_EXPORT bool operator==(const Document &a, const Document &b);

/// A BSON array, built like a list: Array{1, "two", Document{{"three", 3}}}.
using Array = std::vector<Value>;

/// One BSON value as C++ sees it. Other BSON types (dates, binary, regex, ...) read as
/// Value::Type::Other with their Extended JSON kept in as_json().
class DIESEL_MONGODB_EXPORT Value
{
public:
    /// Which alternative the value holds (Nested: a Document, List: an Array, Oid: an ObjectId).
    enum class Type { Null, Bool, Int32, Int64, Double, String, Nested, List, Oid, Other };

    /// Null (also the default), then one constructor per type: an int is Int32, a
    /// std::int64_t Int64, text a String.
    Value(std::nullptr_t = nullptr) {}
    Value(bool v)
        : m_v(v)
    {}
    Value(int v)
        : m_v(std::int32_t(v))
    {}
    Value(std::int64_t v)
        : m_v(v)
    {}
    Value(double v)
        : m_v(v)
    {}
    Value(const char *v)
        : m_v(std::string(v))
    {}
    Value(std::string_view v)
        : m_v(std::string(v))
    {}
    Value(std::string v)
        : m_v(std::move(v))
    {}
    Value(Document v)
        : m_v(std::move(v))
    {}
    Value(Array v)
        : m_v(std::move(v))
    {}
    Value(ObjectId v)
        : m_v(v)
    {}
    /// A value of another BSON type, as its canonical Extended JSON value ({"$date": ...}).
    static Value other(std::string json);

    /// The alternative held.
    Type type() const noexcept;
    /// Null.
    bool is_null() const noexcept { return type() == Type::Null; }
    /// The value if it has that type; each throws diesel::Error naming the type it has instead.
    bool as_bool() const;
    /// Int32 or Int64 (a Double with no fraction too: JavaScript peers write whole numbers so).
    std::int64_t as_int() const;
    /// Any number.
    double as_double() const;
    /// String, Nested, List, Oid.
    const std::string &as_string() const;
    const Document &as_document() const;
    const Array &as_array() const;
    const ObjectId &as_object_id() const;
    /// The Extended JSON of an Other value.
    const std::string &as_json() const;

    /// Same type and value.
    friend bool operator==(const Value &, const Value &) = default;

private:
    struct Json
    {
        std::string text;
        friend bool operator==(const Json &, const Json &) = default;
    };
    std::variant<std::monostate, bool, std::int32_t, std::int64_t, double, std::string, Document,
                 Array, ObjectId, Json>
        m_v;
};

} // namespace diesel::mongodb
