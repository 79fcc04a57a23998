// SPDX-License-Identifier: MIT
// Values are bytes; the guide stores dicts. These turn JSON documents into stored bytes and back.
#pragma once

#include <diesel/riak/export.h>

#include <QJsonDocument>

#include <string>
#include <string_view>

namespace diesel::riak {

/// The document as compact JSON bytes, ready to store.
DIESEL_RIAK_EXPORT std::string to_json(const QJsonDocument &document);
/// Parses a stored value as JSON; throws std::invalid_argument (with Qt's reason) if it is not.
DIESEL_RIAK_EXPORT QJsonDocument from_json(std::string_view value);

} // namespace diesel::riak
