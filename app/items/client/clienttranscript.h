// SPDX-License-Identifier: MIT
// A client console's transcript: what was sent and received, replies, timeouts and errors, each
// with its time. Bounded: the oldest entries go first.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QDateTime>

#include <deque>

namespace workbench {

struct TranscriptEntry
{
    enum class Kind { Info, Sent, Received, Reply, Timeout, Error };
    QDateTime at;
    Kind kind = Kind::Info;
    QByteArray bytes; ///< for Sent, Received, Reply
    QString text;     ///< for Info, Timeout, Error; the delay for Reply
};

class ClientTranscript : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { KindRole = Qt::UserRole + 1, BytesRole };

    explicit ClientTranscript(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void append(TranscriptEntry entry);
    void clear();
    const std::deque<TranscriptEntry> &entries() const noexcept { return m_entries; }
    /// Shows bytes as hex (true) or as escaped text.
    void setHex(bool hex);
    /// Entries kept (default 5,000).
    static constexpr std::size_t kCapacity = 5000;

private:
    std::deque<TranscriptEntry> m_entries;
    bool m_hex = false;
};

} // namespace workbench
