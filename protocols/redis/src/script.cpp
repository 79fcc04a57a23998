// SPDX-License-Identifier: MIT
#include <diesel/redis/client.h>
#include <diesel/redis/error.h>
#include <diesel/redis/script.h>

namespace diesel::redis {

Reply Script::operator()(RedisClient &client, const Args &keys, const Args &args)
{
    if (m_sha1.empty())
        m_sha1 = client.script_load(m_source);
    bool unknown = false;
    try {
        return client.evalsha(m_sha1, keys, args);
    } catch (const RedisError &e) {
        if (e.prefix() != "NOSCRIPT")
            throw;
        unknown = true;
    }
    // The server forgot it (restart, SCRIPT FLUSH): load it again, outside the catch block
    // because loading suspends.
    if (unknown)
        m_sha1 = client.script_load(m_source);
    return client.evalsha(m_sha1, keys, args);
}

} // namespace diesel::redis
