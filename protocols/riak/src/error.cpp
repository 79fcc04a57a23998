// SPDX-License-Identifier: MIT
#include <diesel/riak/error.h>

namespace diesel::riak {

RiakError::RiakError(std::uint32_t code, const std::string &message)
    : Error(message)
    , m_code(code)
{}

} // namespace diesel::riak
