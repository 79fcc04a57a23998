// SPDX-License-Identifier: MIT
// "Follow stream": one connection's conversation as one continuous text, the client's bytes red
// and the server's blue as Wireshark shows them, or as a hex dump; a single chunk likewise. Find
// text or hex bytes; copy as text, hex dump or C arrays. Shows the newest bytes the capture holds
// and sums up in one line what it missed.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QTimer>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QCheckBox;
class QPlainTextEdit;

namespace diesel::widgets {

class TrafficModel;

class DIESEL_WIDGETS_EXPORT StreamView : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Text, HexDump };
    enum class CopyFormat { Text, Hex, CArray };

    /// Shows what `model` holds; follows its new rows while the person has nothing selected.
    explicit StreamView(const TrafficModel &model, QWidget *parent = nullptr);
    QSize sizeHint() const override { return QSize(760, 520); }

    /// Longest part of a stream shown: its newest bytes.
    static constexpr qsizetype kMaxShownBytes = 1 << 20;

    /// The whole conversation of connection `id`.
    void showConnection(ConnectionId id);
    /// One chunk (by its seq), in its connection's colours.
    void showChunk(std::uint64_t seq);
    ConnectionId connection() const noexcept { return m_connection; }

    void setMode(Mode mode);
    Mode mode() const noexcept { return m_mode; }

    /// The bytes shown, both directions in the order they crossed.
    const QByteArray &bytes() const noexcept { return m_bytes; }
    /// The text shown.
    QString text() const;
    /// The line above the text: the connection, what is shown, what the capture missed.
    QString summary() const;

    /// Selects the next occurrence of `needle` (text, or hex bytes such as "0d 0a" when `hex`)
    /// after the current one, wrapping around; false if there is none (or the hex is invalid).
    bool find(const QString &needle, bool hex = false);
    /// The current match as [first byte, end) in bytes(); {-1, -1} without one.
    std::pair<qsizetype, qsizetype> match() const noexcept { return {m_matchAt, m_matchEnd}; }

    /// Selects the bytes [begin, end) of one direction's stream (offsets as TrafficChunk::offset
    /// counts them), from the first to the last that is shown; false when none is shown.
    bool selectRange(Direction direction, std::uint64_t begin, std::uint64_t end);

    /// Copies the bytes shown to the clipboard as text, a hex dump, or one C array per chunk.
    void copyAs(CopyFormat format) const;
    /// The clipboard text copyAs() puts there.
    QString copyText(CopyFormat format) const;

public Q_SLOTS:
    /// Reads the model again.
    void refresh();

private:
    struct Piece
    {
        int side = 0; // 0: the client's bytes, 1: the server's
        qsizetype at = 0;
        qsizetype size = 0;
        std::uint64_t offset = 0; // in its direction's stream
    };
    void collect();
    void render();
    void selectMatch();

    const TrafficModel &m_model;
    ConnectionId m_connection = 0;
    std::uint64_t m_chunk = 0; // 0: the whole stream
    Mode m_mode = Mode::Text;
    QByteArray m_bytes;
    std::vector<Piece> m_pieces;
    std::vector<int> m_position; // where each byte starts in the text
    QString m_summary;
    qsizetype m_matchAt = -1;
    qsizetype m_matchEnd = -1;
    QTimer m_refresh;
    QLabel *m_summaryLabel;
    QComboBox *m_modeBox;
    QLineEdit *m_findEdit;
    QCheckBox *m_findHex;
    QLabel *m_findStatus;
    QPlainTextEdit *m_text;
};

} // namespace diesel::widgets
