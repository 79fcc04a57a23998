// SPDX-License-Identifier: MIT
#include "cursor_state.h"

#include <diesel/mongodb/cursor.h>

namespace diesel::mongodb {

namespace detail {

template<class Call>
void CursorState::run(Call &&call)
{
    Driver &driver = **lease;
    if (std::exception_ptr failure = driver.run(std::forward<Call>(call))) {
        release();
        std::rethrow_exception(failure);
    }
}

void CursorState::start()
{
    started = true;
    lease.emplace(shared->pool.connection());
    Document opts;
    if (options.projection)
        opts.append("projection", *options.projection);
    if (options.skip > 0)
        opts.append("skip", options.skip);
    if (options.limit > 0)
        opts.append("limit", options.limit);
    if (options.batch_size > 0)
        opts.append("batchSize", options.batch_size);
    Document order = options.sort.value_or(Document{});
    for (const std::string &key : sort.keys())
        order.append(key, sort[key]);
    if (!order.empty())
        opts.append("sort", order);
    run([&](bson_error_t *error) {
        mongoc_collection_t *coll = (*lease)->collection(db, collection);
        if (pipeline) {
            Array stages(pipeline->begin(), pipeline->end());
            const Document command{{"pipeline", stages}};
            cursor.reset(mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, command.bson(),
                                                     nullptr, nullptr));
        } else {
            cursor.reset(
                mongoc_collection_find_with_opts(coll, filter.bson(), opts.bson(), nullptr));
        }
        // Bad options show up here, before any I/O.
        return !mongoc_cursor_error(cursor.get(), error);
    });
}

std::optional<Document> CursorState::next_raw()
{
    if (done)
        return std::nullopt;
    if (!started)
        start();
    const bson_t *doc = nullptr;
    bool got = false;
    run([&](bson_error_t *error) {
        got = mongoc_cursor_next(cursor.get(), &doc);
        return got || !mongoc_cursor_error(cursor.get(), error);
    });
    if (!got) {
        release();
        return std::nullopt;
    }
    return Document::copy_of(doc);
}

void CursorState::release() noexcept
{
    done = true;
    cursor.reset();
    lease.reset();
}

std::int64_t count_matches(Shared &shared, const std::string &db, const std::string &collection,
                           const Document &filter, std::int64_t skip, std::int64_t limit)
{
    Document command{{"count", collection}, {"query", filter}};
    if (skip > 0)
        command.append("skip", skip);
    if (limit > 0)
        command.append("limit", limit);
    const std::optional<Value> n = run_command(shared, db, command).get("n");
    return n ? n->as_int() : 0;
}

} // namespace detail

Cursor::Cursor(std::unique_ptr<detail::CursorState> state) noexcept
    : m_state(std::move(state))
{}

Cursor::Cursor(Cursor &&) noexcept = default;
Cursor &Cursor::operator=(Cursor &&) noexcept = default;
Cursor::~Cursor() = default;

Cursor &Cursor::sort(std::string_view key, int direction)
{
    if (m_state->started)
        throw Error("mongodb: sort() on a cursor that was already read");
    m_state->sort.append(key, direction);
    return *this;
}

bool Cursor::finished() const noexcept
{
    return m_state->done && !m_state->stash;
}

std::vector<Document> Cursor::more()
{
    detail::CursorState &s = *m_state;
    std::vector<Document> out;
    if (s.stash) {
        out.push_back(std::move(*s.stash));
        s.stash.reset();
    }
    while (!s.done) {
        const std::uint64_t before = s.reads();
        std::optional<Document> doc = s.next_raw();
        if (!doc)
            break;
        // A document that needed a read starts the next batch: keep it for the next more().
        if (s.reads() != before && !out.empty()) {
            s.stash = std::move(doc);
            break;
        }
        out.push_back(std::move(*doc));
    }
    return out;
}

std::optional<Document> Cursor::next()
{
    if (m_state->stash) {
        std::optional<Document> out = std::move(m_state->stash);
        m_state->stash.reset();
        return out;
    }
    return m_state->next_raw();
}

std::vector<Document> Cursor::all()
{
    std::vector<Document> out;
    while (std::optional<Document> doc = next())
        out.push_back(std::move(*doc));
    return out;
}

std::optional<Document> Cursor::one()
{
    std::vector<Document> docs = all();
    if (docs.size() > 1)
        throw Error("mongodb: one(): the query matched " + std::to_string(docs.size()) +
                    " documents");
    if (docs.empty())
        return std::nullopt;
    return std::move(docs.front());
}

std::int64_t Cursor::count()
{
    const detail::CursorState &s = *m_state;
    if (s.started)
        throw Error("mongodb: count() on a cursor that was already read");
    if (s.pipeline)
        throw Error("mongodb: count() on an aggregation cursor");
    return detail::count_matches(*s.shared, s.db, s.collection, s.filter, s.options.skip,
                                 s.options.limit);
}

Cursor::iterator::iterator(Cursor *cursor)
    : m_cursor(cursor)
    , m_doc(cursor->next())
{}

Cursor::iterator &Cursor::iterator::operator++()
{
    m_doc = m_cursor->next();
    return *this;
}

} // namespace diesel::mongodb
