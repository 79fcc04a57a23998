// SPDX-License-Identifier: MIT
#include "bson_value.h"

#include <cmath>
#include <cstring>

namespace diesel::mongodb {

namespace {

const char *type_name(Value::Type t)
{
    switch (t) {
    case Value::Type::Null:
        return "null";
    case Value::Type::Bool:
        return "bool";
    case Value::Type::Int32:
        return "int32";
    case Value::Type::Int64:
        return "int64";
    case Value::Type::Double:
        return "double";
    case Value::Type::String:
        return "string";
    case Value::Type::Nested:
        return "document";
    case Value::Type::List:
        return "array";
    case Value::Type::Oid:
        return "ObjectId";
    case Value::Type::Other:
        return "another BSON type";
    }
    return "?";
}

[[noreturn]] void wrong_type(Value::Type has, const char *wanted)
{
    throw Error(std::string("mongodb: the value is ") + type_name(has) + ", not " + wanted);
}

// A wrapper document {"v": <value>} carries an Other value through Extended JSON.
Document wrapped(const std::string &json)
{
    return Document::from_json("{\"v\": " + json + "}");
}

} // namespace

Value Value::other(std::string json)
{
    wrapped(json); // throws when it is not one Extended JSON value
    Value v;
    v.m_v = Json{std::move(json)};
    return v;
}

Value::Type Value::type() const noexcept
{
    return Type(m_v.index());
}

bool Value::as_bool() const
{
    if (const bool *b = std::get_if<bool>(&m_v))
        return *b;
    wrong_type(type(), "bool");
}

std::int64_t Value::as_int() const
{
    if (const auto *i = std::get_if<std::int32_t>(&m_v))
        return *i;
    if (const auto *i = std::get_if<std::int64_t>(&m_v))
        return *i;
    if (const auto *d = std::get_if<double>(&m_v);
        d && std::trunc(*d) == *d && std::fabs(*d) < 9.2e18)
        return std::int64_t(*d);
    wrong_type(type(), "an integer");
}

double Value::as_double() const
{
    if (const auto *d = std::get_if<double>(&m_v))
        return *d;
    if (const auto *i = std::get_if<std::int32_t>(&m_v))
        return *i;
    if (const auto *i = std::get_if<std::int64_t>(&m_v))
        return double(*i);
    wrong_type(type(), "a number");
}

const std::string &Value::as_string() const
{
    if (const auto *s = std::get_if<std::string>(&m_v))
        return *s;
    wrong_type(type(), "a string");
}

const Document &Value::as_document() const
{
    if (const auto *d = std::get_if<Document>(&m_v))
        return *d;
    wrong_type(type(), "a document");
}

const Array &Value::as_array() const
{
    if (const auto *a = std::get_if<Array>(&m_v))
        return *a;
    wrong_type(type(), "an array");
}

const ObjectId &Value::as_object_id() const
{
    if (const auto *o = std::get_if<ObjectId>(&m_v))
        return *o;
    wrong_type(type(), "an ObjectId");
}

const std::string &Value::as_json() const
{
    if (const auto *j = std::get_if<Json>(&m_v))
        return j->text;
    wrong_type(type(), "another BSON type");
}

namespace detail {

void append_value(bson_t *doc, std::string_view key, const Value &value)
{
    const char *k = key.data();
    const int n = int(key.size());
    bool ok = true;
    switch (value.type()) {
    case Value::Type::Null:
        ok = bson_append_null(doc, k, n);
        break;
    case Value::Type::Bool:
        ok = bson_append_bool(doc, k, n, value.as_bool());
        break;
    case Value::Type::Int32:
        ok = bson_append_int32(doc, k, n, std::int32_t(value.as_int()));
        break;
    case Value::Type::Int64:
        ok = bson_append_int64(doc, k, n, value.as_int());
        break;
    case Value::Type::Double:
        ok = bson_append_double(doc, k, n, value.as_double());
        break;
    case Value::Type::String: {
        const std::string &s = value.as_string();
        ok = bson_append_utf8(doc, k, n, s.data(), int(s.size()));
        break;
    }
    case Value::Type::Nested:
        ok = bson_append_document(doc, k, n, value.as_document().bson());
        break;
    case Value::Type::List: {
        Document array;
        std::size_t i = 0;
        for (const Value &item : value.as_array())
            array.append(std::to_string(i++), item);
        ok = bson_append_array(doc, k, n, array.bson());
        break;
    }
    case Value::Type::Oid: {
        bson_oid_t oid;
        std::memcpy(oid.bytes, value.as_object_id().bytes.data(), sizeof oid.bytes);
        ok = bson_append_oid(doc, k, n, &oid);
        break;
    }
    case Value::Type::Other: {
        const Document w = wrapped(value.as_json());
        bson_iter_t it;
        ok = bson_iter_init_find(&it, w.bson(), "v") && bson_append_iter(doc, k, n, &it);
        break;
    }
    }
    if (!ok)
        throw Error("mongodb: cannot append \"" + std::string(key) + "\" (document too large)");
}

Value value_of(const bson_iter_t &it)
{
    switch (bson_iter_type(&it)) {
    case BSON_TYPE_NULL:
        return nullptr;
    case BSON_TYPE_BOOL:
        return bson_iter_bool(&it);
    case BSON_TYPE_INT32:
        return int(bson_iter_int32(&it));
    case BSON_TYPE_INT64:
        return std::int64_t(bson_iter_int64(&it));
    case BSON_TYPE_DOUBLE:
        return bson_iter_double(&it);
    case BSON_TYPE_UTF8: {
        std::uint32_t len = 0;
        const char *s = bson_iter_utf8(&it, &len);
        return std::string(s, len);
    }
    case BSON_TYPE_DOCUMENT:
    case BSON_TYPE_ARRAY: {
        std::uint32_t len = 0;
        const std::uint8_t *data = nullptr;
        if (bson_iter_type(&it) == BSON_TYPE_DOCUMENT)
            bson_iter_document(&it, &len, &data);
        else
            bson_iter_array(&it, &len, &data);
        bson_t inner;
        if (!bson_init_static(&inner, data, len))
            throw Error("mongodb: a nested document is malformed");
        if (bson_iter_type(&it) == BSON_TYPE_DOCUMENT)
            return Document::copy_of(&inner);
        Array out;
        bson_iter_t child;
        if (bson_iter_init(&child, &inner))
            while (bson_iter_next(&child))
                out.push_back(value_of(child));
        return out;
    }
    case BSON_TYPE_OID: {
        ObjectId id;
        std::memcpy(id.bytes.data(), bson_iter_oid(&it)->bytes, id.bytes.size());
        return id;
    }
    default: {
        bson_t tmp = BSON_INITIALIZER;
        bson_append_iter(&tmp, "v", 1, &it);
        char *json = bson_as_canonical_extended_json(&tmp, nullptr);
        bson_destroy(&tmp);
        std::string text = json ? json : "null";
        bson_free(json);
        // libbson writes { "v" : X }: keep X.
        const auto colon = text.find(':');
        const auto close = text.rfind('}');
        if (colon == std::string::npos || close == std::string::npos || close <= colon)
            return Value::other("null");
        std::string inner = text.substr(colon + 1, close - colon - 1);
        while (!inner.empty() && inner.front() == ' ')
            inner.erase(0, 1);
        while (!inner.empty() && inner.back() == ' ')
            inner.pop_back();
        return Value::other(std::move(inner));
    }
    }
}

} // namespace detail
} // namespace diesel::mongodb
