// SPDX-License-Identifier: MIT
// A Cursor's state: the query, and once reading started the driver client it holds and the
// driver's cursor on it.
#pragma once

#include "shared.h"

#include <diesel/mongodb/collection.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace diesel::mongodb::detail {

struct CursorState
{
    std::shared_ptr<Shared> shared;
    std::string db;
    std::string collection;
    Document filter;
    FindOptions options;
    /// Set for aggregate(): the pipeline instead of a find.
    std::optional<std::vector<Document>> pipeline;
    /// Keys added by Cursor::sort().
    Document sort;

    // Declared in this order so that the driver's cursor goes before the client it runs on.
    std::optional<DriverPool::Lease> lease;
    CursorHandle cursor;
    std::optional<Document> stash; // the first document of the next batch, read by more()
    bool started = false;
    bool done = false;

    /// The next document from the driver (suspends when a batch must be fetched).
    std::optional<Document> next_raw();
    /// Reads from the driver: Cursor::more() ends a batch where a read happened.
    std::uint64_t reads() const noexcept { return lease ? (*lease)->reads() : 0; }

private:
    void start();
    // Ends the cursor: the driver's cursor, then the driver client (back to the pool).
    void release() noexcept;
    // Runs a driver call on the held driver; on failure releases and throws.
    template<class Call>
    void run(Call &&call);
};

/// The count command: matches of `filter` in db.collection, with skip and limit.
std::int64_t count_matches(Shared &shared, const std::string &db, const std::string &collection,
                           const Document &filter, std::int64_t skip, std::int64_t limit);

} // namespace diesel::mongodb::detail
