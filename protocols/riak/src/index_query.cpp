// SPDX-License-Identifier: MIT
#include <diesel/riak/types.h>

namespace diesel::riak {

IndexQuery IndexQuery::exact(std::string bucket, std::string index, std::string value)
{
    IndexQuery q;
    q.bucket = std::move(bucket);
    q.index = std::move(index);
    q.value = std::move(value);
    return q;
}

IndexQuery IndexQuery::range(std::string bucket, std::string index, std::string min,
                             std::string max)
{
    IndexQuery q;
    q.bucket = std::move(bucket);
    q.index = std::move(index);
    q.min = std::move(min);
    q.max = std::move(max);
    return q;
}

} // namespace diesel::riak
