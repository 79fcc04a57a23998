// SPDX-License-Identifier: MIT
#include "commandwords.h"

#include <cctype>

namespace workbench {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char escaped(char c)
{
    switch (c) {
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'b':
        return '\b';
    case 'a':
        return '\a';
    default:
        return c;
    }
}

bool isBlank(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

} // namespace

std::optional<std::vector<std::string>> splitCommandLine(std::string_view line)
{
    std::vector<std::string> words;
    std::size_t i = 0;
    const std::size_t n = line.size();
    for (;;) {
        while (i < n && isBlank(line[i]))
            ++i;
        if (i == n)
            return words;
        std::string word;
        char quote = 0; // the quote the word is inside of, if any
        for (;;) {
            if (quote != 0) {
                if (i == n)
                    return std::nullopt;
                if (quote == '"' && line[i] == '\\' && i + 3 < n && line[i + 1] == 'x' &&
                    hexValue(line[i + 2]) >= 0 && hexValue(line[i + 3]) >= 0) {
                    word += char(hexValue(line[i + 2]) * 16 + hexValue(line[i + 3]));
                    i += 4;
                } else if (line[i] == '\\' && i + 1 < n && (quote == '"' || line[i + 1] == '\'')) {
                    // Double quotes know C's escapes; single quotes only \'.
                    word += escaped(line[i + 1]);
                    i += 2;
                } else if (line[i] == quote) {
                    // As in redis-cli, a closing quote must end the word.
                    if (i + 1 < n && !isBlank(line[i + 1]))
                        return std::nullopt;
                    ++i;
                    break;
                } else {
                    word += line[i++];
                }
            } else {
                if (i == n || isBlank(line[i]))
                    break;
                if (line[i] == '"' || line[i] == '\'')
                    quote = line[i];
                else
                    word += line[i];
                ++i;
            }
        }
        words.push_back(std::move(word));
    }
}

const QStringList &redisCommandNames()
{
    // The commands of Redis 7.0 a person types in a console (subcommands are their own words).
    static const QStringList names = [] {
        QStringList list =
            QStringLiteral("ACL APPEND AUTH BGREWRITEAOF BGSAVE BITCOUNT BITFIELD BITFIELD_RO "
                           "BITOP BITPOS BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX "
                           "BZPOPMIN CLIENT CLUSTER COMMAND CONFIG COPY DBSIZE DECR DECRBY DEL "
                           "DISCARD DUMP ECHO EVAL EVALSHA EVALSHA_RO EVAL_RO EXEC EXISTS EXPIRE "
                           "EXPIREAT EXPIRETIME FCALL FCALL_RO FLUSHALL FLUSHDB FUNCTION GEOADD "
                           "GEODIST GEOHASH GEOPOS GEOSEARCH GEOSEARCHSTORE GET GETBIT GETDEL "
                           "GETEX GETRANGE GETSET HDEL HELLO HEXISTS HGET HGETALL HINCRBY "
                           "HINCRBYFLOAT HKEYS HLEN HMGET HMSET HRANDFIELD HSCAN HSET HSETNX "
                           "HSTRLEN HVALS INCR INCRBY INCRBYFLOAT INFO KEYS LASTSAVE LATENCY LCS "
                           "LINDEX LINSERT LLEN LMOVE LMPOP LOLWUT LPOP LPOS LPUSH LPUSHX LRANGE "
                           "LREM LSET LTRIM MEMORY MGET MIGRATE MODULE MOVE MSET MSETNX MULTI "
                           "OBJECT PERSIST PEXPIRE PEXPIREAT PEXPIRETIME PFADD PFCOUNT PFMERGE "
                           "PING PSETEX PUBLISH PUBSUB PTTL RANDOMKEY READONLY READWRITE RENAME "
                           "RENAMENX REPLICAOF RESTORE ROLE RPOP RPOPLPUSH RPUSH RPUSHX SADD "
                           "SAVE SCAN SCARD SCRIPT SDIFF SDIFFSTORE SELECT SET SETBIT SETEX "
                           "SETNX SETRANGE SINTER SINTERCARD SINTERSTORE SISMEMBER SLOWLOG "
                           "SMEMBERS SMISMEMBER SMOVE SORT SORT_RO SPOP SPUBLISH SRANDMEMBER "
                           "SREM SSCAN STRLEN SUBSTR SUNION SUNIONSTORE SWAPDB TIME TOUCH TTL "
                           "TYPE UNLINK UNWATCH WAIT WATCH XACK XADD XAUTOCLAIM XCLAIM XDEL "
                           "XGROUP XINFO XLEN XPENDING XRANGE XREAD XREADGROUP XREVRANGE XSETID "
                           "XTRIM ZADD ZCARD ZCOUNT ZDIFF ZDIFFSTORE ZINCRBY ZINTER ZINTERCARD "
                           "ZINTERSTORE ZLEXCOUNT ZMPOP ZMSCORE ZPOPMAX ZPOPMIN ZRANDMEMBER "
                           "ZRANGE ZRANGEBYLEX ZRANGEBYSCORE ZRANGESTORE ZRANK ZREM "
                           "ZREMRANGEBYLEX ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREVRANGE "
                           "ZREVRANGEBYLEX ZREVRANGEBYSCORE ZREVRANK ZSCAN ZSCORE ZUNION "
                           "ZUNIONSTORE")
                .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        list.sort();
        return list;
    }();
    return names;
}

} // namespace workbench
