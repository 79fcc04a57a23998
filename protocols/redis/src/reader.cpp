// SPDX-License-Identifier: MIT
// hiredis builds each reply through five hooks. Ours construct Reply values in place: the root
// goes into ReplyReader::m_root, every element into its parent's pre-sized element vector, so a
// reply costs no intermediate redisReply tree and no extra copy.
#include "reader.h"

#include <diesel/redis/error.h>

#include <hiredis/read.h>

#include <new>
#include <string>

namespace diesel::redis::detail {

namespace {

Reply *slot_for(const redisReadTask *task)
{
    if (task->parent) {
        auto *parent = static_cast<Reply *>(task->parent->obj);
        return &parent->elements()[static_cast<std::size_t>(task->idx)];
    }
    auto *reader = static_cast<ReplyReader *>(task->privdata);
    return &reader->m_root;
}

void *create_string(const redisReadTask *task, char *str, size_t len)
{
    Reply *slot = slot_for(task);
    std::string text(str, len);
    switch (task->type) {
    case REDIS_REPLY_ERROR:
        *slot = Reply::error(std::move(text));
        break;
    case REDIS_REPLY_STATUS:
        *slot = Reply::status(std::move(text));
        break;
    default:
        *slot = Reply::bulk(std::move(text));
        break;
    }
    return slot;
}

void *create_array(const redisReadTask *task, int elements)
{
    Reply *slot = slot_for(task);
    *slot = Reply::array(std::vector<Reply>(static_cast<std::size_t>(elements)));
    return slot;
}

void *create_integer(const redisReadTask *task, long long value)
{
    Reply *slot = slot_for(task);
    *slot = Reply::integer(value);
    return slot;
}

void *create_nil(const redisReadTask *task)
{
    Reply *slot = slot_for(task);
    *slot = Reply::nil();
    return slot;
}

// hiredis frees only a root it gave up on (after an error); the memory belongs to the reader.
void free_object(void *obj)
{
    *static_cast<Reply *>(obj) = Reply::nil();
}

redisReplyObjectFunctions g_functions = {create_string, create_array, create_integer, create_nil,
                                         free_object};

} // namespace

void ReplyReader::Free::operator()(redisReader *r) const noexcept
{
    redisReaderFree(r);
}

ReplyReader::ReplyReader()
{
    reset();
}

ReplyReader::~ReplyReader() = default;

void ReplyReader::reset()
{
    m_reader.reset();
    m_root = Reply::nil();
    redisReader *r = redisReaderCreateWithFunctions(&g_functions);
    if (!r)
        throw std::bad_alloc();
    r->privdata = this;
    // Keep the buffer however large it grew: a client reads many replies.
    r->maxbuf = 0;
    m_reader.reset(r);
}

void ReplyReader::feed(std::string_view bytes)
{
    if (redisReaderFeed(m_reader.get(), bytes.data(), bytes.size()) != REDIS_OK)
        throw RedisProtocolError(std::string("cannot buffer the reply: ") + m_reader->errstr);
}

std::optional<Reply> ReplyReader::next()
{
    void *reply = nullptr;
    if (redisReaderGetReply(m_reader.get(), &reply) != REDIS_OK)
        throw RedisProtocolError(std::string("malformed reply from the server: ") +
                                 m_reader->errstr);
    if (!reply)
        return std::nullopt;
    Reply out = std::move(m_root);
    m_root = Reply::nil();
    return out;
}

bool ReplyReader::has_partial() const noexcept
{
    return m_reader->len > m_reader->pos;
}

} // namespace diesel::redis::detail
