// SPDX-License-Identifier: MIT
// What the handles of one MongoClient share: its settings and the pool of driver clients.
#pragma once

#include "driver.h"

#include <diesel/core/pool.h>

#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace diesel::mongodb::detail {

/// bson_t replies of the driver, destroyed however the call ends.
struct Reply
{
    Reply() = default;
    Reply(const Reply &) = delete;
    Reply &operator=(const Reply &) = delete;
    ~Reply() { bson_destroy(&bson); }
    bson_t bson = BSON_INITIALIZER;
};

using DatabaseHandle =
    std::unique_ptr<mongoc_database_t, Freer<mongoc_database_t, mongoc_database_destroy>>;
using CursorHandle =
    std::unique_ptr<mongoc_cursor_t, Freer<mongoc_cursor_t, mongoc_cursor_destroy>>;

using DriverPool = ConnectionPool<Driver>;

struct Shared
{
    Shared(std::string_view uri, MongoOptions options);

    /// Suspends the calling Loop while it borrows a driver client and runs
    /// `call(Driver &, bson_error_t *) -> bool` on it; throws the call's failure once the
    /// driver client is back in the pool (or dropped, when the failure left it doubtful).
    template<class Call>
    void run(Call &&call)
    {
        std::exception_ptr failure;
        {
            DriverPool::Lease lease = pool.connection();
            Driver &driver = *lease;
            failure = driver.run([&](bson_error_t *error) { return call(driver, error); });
        }
        if (failure)
            std::rethrow_exception(failure);
    }

    Settings settings;
    DriverPool pool;
};

/// Suspends the calling Loop for `command` on `db`; returns the server's reply.
Document run_command(Shared &shared, const std::string &db, const Document &command);

} // namespace diesel::mongodb::detail
