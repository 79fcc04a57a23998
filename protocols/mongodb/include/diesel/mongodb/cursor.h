// SPDX-License-Identifier: MIT
// Cursor: the results of find() or aggregate(), read batch by batch as in the guide
//
//     auto cursor = db["test"].find({{"type", "functional"}});
//     while (!cursor.finished())
//         for (const Document &d : cursor.more())
//             std::cout << d["language"].as_string() << "\n";
//
// or whole (all(), one()), or one document at a time (range-for, next()).
#pragma once

#include <diesel/mongodb/document.h>
#include <diesel/mongodb/export.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace diesel::mongodb {

namespace detail {
struct CursorState;
}

/// A server-side cursor. It holds a driver client of its MongoClient's pool while open, so use
/// it from one Loop at a time and let it go when done (its destructor kills the server's cursor,
/// suspending the calling Loop briefly). Reading calls suspend the calling Loop and throw as
/// MongoClient's calls do.
class DIESEL_MONGODB_EXPORT Cursor
{
public:
    /// Movable (a moved-from Cursor may only be destroyed); the destructor ends the cursor.
    Cursor(Cursor &&) noexcept;
    Cursor &operator=(Cursor &&) noexcept;
    ~Cursor();

    /// Orders the results by `key` (1 ascending, -1 descending), after earlier sort keys.
    /// Throws diesel::Error once reading started.
    Cursor &sort(std::string_view key, int direction = 1);
    /// True once every document has been returned (the guide's cursor.finished).
    bool finished() const noexcept;
    /// The next batch: what one reply of the server brought (empty once finished()).
    std::vector<Document> more();
    /// The next document, or nullopt when finished.
    std::optional<Document> next();
    /// Every remaining document.
    std::vector<Document> all();
    /// The only document, nullopt if none; throws diesel::Error if there are several.
    std::optional<Document> one();
    /// How many documents the query matches, with its skip and limit (a count command: the
    /// cursor itself is not read). Throws diesel::Error once reading started.
    std::int64_t count();

    /// Input iterator over the remaining documents (range-for).
    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Document;
        using difference_type = std::ptrdiff_t;
        using pointer = const Document *;
        using reference = const Document &;
        /// The end iterator.
        iterator() = default;
        /// The current document.
        reference operator*() const { return *m_doc; }
        pointer operator->() const { return &*m_doc; }
        /// Reads the next document (suspends when a batch must be fetched).
        iterator &operator++();
        void operator++(int) { ++*this; }
        /// Equal when both are at the end.
        friend bool operator==(const iterator &a, const iterator &b) noexcept
        {
            return a.m_doc.has_value() == b.m_doc.has_value();
        }

    private:
        friend class Cursor;
        explicit iterator(Cursor *cursor);
        Cursor *m_cursor = nullptr;
        std::optional<Document> m_doc;
    };
    /// Reads the first document (suspends).
    iterator begin() { return iterator(this); }
    /// Past the last document.
    iterator end() noexcept { return {}; }

private:
    friend class Collection;
    explicit Cursor(std::unique_ptr<detail::CursorState> state) noexcept;
    std::unique_ptr<detail::CursorState> m_state;
};

} // namespace diesel::mongodb
