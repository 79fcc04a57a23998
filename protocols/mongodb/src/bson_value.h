// SPDX-License-Identifier: MIT
// Value <-> BSON element conversions, shared by Document and the client's reply readers.
#pragma once

#include <diesel/mongodb/document.h>

#include <bson/bson.h>

#include <string_view>

namespace diesel::mongodb::detail {

/// Appends `value` under `key`.
void append_value(bson_t *doc, std::string_view key, const Value &value);
/// The element `it` points at.
Value value_of(const bson_iter_t &it);

} // namespace diesel::mongodb::detail
