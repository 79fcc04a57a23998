// SPDX-License-Identifier: MIT
// The MongoDB wire protocol decoder (diesel::widgets_mongodb): the message header, OP_MSG's
// command name, collection and database, replies' ok, error and batch size, legacy OP_QUERY and
// OP_REPLY; requests and replies pair by requestID and responseTo.
#pragma once

#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets_mongodb/export.h>

namespace diesel::widgets {

/// The "mongodb" decoder's factory, to add to a DecoderRegistry.
DIESEL_WIDGETS_MONGODB_EXPORT DecoderFactory mongoDecoderFactory();

} // namespace diesel::widgets
