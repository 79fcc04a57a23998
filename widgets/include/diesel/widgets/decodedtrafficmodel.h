// SPDX-License-Identifier: MIT
// The captured traffic as protocol messages: each connection's chunks go through the decoder
// chosen for it (Auto: by port and first bytes; Raw: none; or one by id), and requests are paired
// with their responses (in order, or by id for MongoDB) with the latency between them. Bounded:
// past its limit the oldest messages are dropped.
#pragma once

#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficrecorder.h>

#include <QAbstractTableModel>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

namespace diesel::widgets {

class TrafficModel;

/// One row: a decoded message, or a note about decoding ("RESP by port 6379", "not HTTP: ...").
struct DIESEL_WIDGETS_EXPORT DecodedRow
{
    Clock::time_point at{}; ///< when the chunk that completed it was captured
    ConnectionId connection = 0;
    QString owner;                       ///< the Service or Client the connection belongs to
    Direction direction = Direction::In; ///< as the capture saw it
    DecodedMessage message;
    /// Its bytes in its direction's stream, as TrafficChunk::offset counts them.
    std::uint64_t streamBegin = 0;
    std::uint64_t streamEnd = 0;
    /// For a request and its response once paired: the time from one to the other.
    std::optional<std::chrono::nanoseconds> latency;
    bool note = false; ///< a line about decoding, not a message
};

class DIESEL_WIDGETS_EXPORT DecodedTrafficModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ColTime, ColConnection, ColDirection, ColSummary, ColLatency, ColumnCount };
    enum Role {
        ConnectionIdRole = Qt::UserRole + 60, ///< quint64
        DetailRole,                           ///< the message's detail text
        NoteRole,                             ///< bool: a note row
        OwnerRole,                            ///< the Service or Client of its connection
    };

    /// Uses the decoders of `registry`.
    explicit DecodedTrafficModel(DecoderRegistry registry = DecoderRegistry::builtins(),
                                 QObject *parent = nullptr);
    ~DecodedTrafficModel() override;

    /// The choice that means "pick by port and first bytes".
    static QString autoChoice() { return QStringLiteral("auto"); }
    /// The choice that means "do not decode".
    static QString rawChoice() { return QStringLiteral("raw"); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const DecoderRegistry &registry() const noexcept { return m_registry; }
    /// Adds a decoder (it applies to connections decided from now on, or after redecode()).
    void addDecoder(DecoderFactory factory);

    /// Decodes a batch the recorder took (the same one the transcript ingests).
    void ingest(const TrafficBatch &batch);
    /// Forgets every row and connection state (choices are kept).
    void clear();
    /// At most `rows` rows are kept (default 20,000).
    void setMaxRows(std::size_t rows);

    /// The choice for connections without their own: autoChoice(), rawChoice() or a decoder id.
    QString defaultChoice() const { return m_defaultChoice; }
    void setDefaultChoice(const QString &choice) { m_defaultChoice = choice; }
    /// Decodes connection `id` as `choice` (an empty choice: the default).
    void setChoice(ConnectionId id, const QString &choice);
    /// The choice that applies to connection `id`.
    QString choiceOf(ConnectionId id) const;
    /// Decodes again everything `transcript` holds, with the current choices.
    void redecode(const TrafficModel &transcript);

    /// The decoder decoding connection `id` now ("" for none), and why it stopped, if it did.
    QString decoderOf(ConnectionId id) const;
    QString failureOf(ConnectionId id) const;

    const DecodedRow &row(int row) const { return m_rows[std::size_t(row)]; }

private:
    struct Connection;
    void decodeChunk(const TrafficChunk &chunk, const ConnectionRecord *record);
    void feedChunk(Connection &c, const TrafficChunk &chunk);
    static Side sideOf(const Connection &c, const TrafficChunk &chunk);
    Connection &connectionOf(ConnectionId id, const ConnectionRecord *record);
    void add(Connection &c, const TrafficChunk &chunk, DecodedMessage m);
    void addNote(Connection &c, const TrafficChunk &chunk, const QString &text);
    void stop(Connection &c, const TrafficChunk &chunk, const QString &why);
    void stopAtGap(Connection &c, const TrafficChunk &chunk, std::vector<DecodedMessage> &out);
    void afterFeed(Connection &c, const TrafficChunk &chunk, std::vector<DecodedMessage> &out);
    DecodedRow *rowAt(std::uint64_t number);
    void flush();

    DecoderRegistry m_registry;
    QString m_defaultChoice = autoChoice();
    std::unordered_map<ConnectionId, QString> m_choices;
    std::unordered_map<ConnectionId, std::unique_ptr<Connection>> m_connections;
    std::deque<DecodedRow> m_rows;
    std::vector<DecodedRow> m_incoming; // rows of the batch being decoded, inserted at once
    std::vector<int> m_changed;         // shown rows whose latency a new response filled in
    std::uint64_t m_first = 0;          // the number of m_rows.front()
    std::size_t m_maxRows = 20000;
};

} // namespace diesel::widgets
