// SPDX-License-Identifier: MIT
// The transcript of the traffic: every captured chunk in order, with its time, connection,
// direction, Loop and bytes (as text or hex). Bounded: past its limits the oldest chunks are
// dropped, counted, and a marker row says so. Chunks the capture missed are summed up in one row
// at the newest gap.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficrecorder.h>

#include <QAbstractTableModel>
#include <QSet>
#include <QString>

#include <deque>
#include <unordered_map>

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT TrafficModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ColTime, ColConnection, ColDirection, ColLoop, ColSize, ColData, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 20, ///< RowKind as int
        SeqRole,                      ///< the chunk's seq (quint64)
        LoopIdRole,                   ///< the Loop that read or wrote it (quint64)
        ConnectionIdRole,             ///< its connection (quint64)
        OwnerRole,                    ///< the Service or Client the connection belongs to
        DirectionRole,                ///< Direction as int
    };
    enum class RowKind { Chunk, Dropped, NotCaptured, Note };

    explicit TrafficModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Appends a batch (one insert), then drops the oldest rows past the limits (one removal).
    void ingest(const TrafficBatch &batch);
    /// Appends a note row ("capture paused", ...).
    void addNote(const QString &text);
    /// Forgets every row and count.
    void clear();
    /// At most `chunks` chunks and `bytes` bytes are kept (defaults: 20,000 and 16 MiB).
    void setLimits(std::size_t chunks, std::size_t bytes);

    /// Shows the data column as hex (true) or escaped text (false).
    void setHex(bool hex);
    bool hex() const noexcept { return m_hex; }
    /// Flips text/hex for one chunk row.
    void toggleHex(int row);

    /// Chunks dropped from the front to stay within the limits.
    std::uint64_t droppedOldest() const noexcept { return m_droppedOldest; }
    /// Chunks the capture could not keep (overwritten before they were taken).
    std::uint64_t notCaptured() const noexcept { return m_notCaptured; }
    std::size_t chunkCount() const noexcept { return m_chunks; }
    std::size_t byteCount() const noexcept { return m_bytes; }

    /// A row as one line of text: "time  #conn owner peer  → out  loop N  size  data".
    QString rowText(int row) const;
    /// The owner ("holla :4321", "client ...") of a connection seen in the capture.
    QString ownerOf(ConnectionId id) const;
    /// What the capture knows of a connection a row mentions (addresses, Loop, opened, closed);
    /// null when none does.
    const ConnectionRecord *record(ConnectionId id) const;
    /// The chunk of a row; null for a marker or note row.
    const TrafficChunk *chunkAt(int row) const;

private:
    struct Entry
    {
        RowKind kind = RowKind::Chunk;
        TrafficChunk chunk;
        std::uint64_t count = 0; // for markers
        QString text;            // for notes
    };
    QString connectionText(const Entry &e) const;
    QString dataText(const Entry &e, bool full) const;
    void trim();

    std::deque<Entry> m_rows;
    std::unordered_map<ConnectionId, QString> m_owners;
    std::unordered_map<ConnectionId, ConnectionRecord> m_records;
    QSet<std::uint64_t> m_flipped;
    std::size_t m_maxChunks = 20000;
    std::size_t m_maxBytes = 16u << 20;
    std::size_t m_chunks = 0;
    std::size_t m_bytes = 0;
    std::uint64_t m_droppedOldest = 0;
    std::uint64_t m_notCaptured = 0;
    std::uint64_t m_gaps = 0; // batches that came with chunks not captured
    Clock::time_point m_firstGapAt{};
    bool m_hex = false;
};

} // namespace diesel::widgets
