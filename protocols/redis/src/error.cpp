// SPDX-License-Identifier: MIT
#include <diesel/redis/error.h>

namespace diesel::redis {

RedisError::RedisError(const std::string &server_text)
    : Error(server_text)
{}

std::string_view RedisError::prefix() const noexcept
{
    const std::string_view text = what();
    return text.substr(0, text.find(' '));
}

} // namespace diesel::redis
