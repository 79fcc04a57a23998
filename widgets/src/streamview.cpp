// SPDX-License-Identifier: MIT
#include <diesel/widgets/bytedump.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/streamview.h>
#include <diesel/widgets/trafficmodel.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace diesel::widgets {

namespace {

// Wireshark's colours for the two sides of a followed stream.
QTextCharFormat sideFormat(int side)
{
    QTextCharFormat format;
    format.setForeground(side == 0 ? QColor(0x7f, 0x00, 0x00) : QColor(0x00, 0x00, 0x7f));
    format.setBackground(side == 0 ? QColor(0xfb, 0xed, 0xed) : QColor(0xed, 0xed, 0xfb));
    return format;
}

} // namespace

StreamView::StreamView(const TrafficModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_summaryLabel(new QLabel(this))
    , m_modeBox(new QComboBox(this))
    , m_findEdit(new QLineEdit(this))
    , m_findHex(new QCheckBox(QStringLiteral("Hex"), this))
    , m_findStatus(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(QStringLiteral("Follow stream"));
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modeBox->addItem(QStringLiteral("Text"), int(Mode::Text));
    m_modeBox->addItem(QStringLiteral("Hex dump"), int(Mode::HexDump));
    m_modeBox->setToolTip(QStringLiteral("Show the bytes as text (other bytes as '.') or as a hex "
                                         "dump with offsets"));
    m_findEdit->setPlaceholderText(QStringLiteral("Find text (or hex bytes: tick Hex)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findHex->setToolTip(QStringLiteral("Search for bytes typed in hex, such as \"0d 0a\""));
    auto *copy = new QToolButton(this);
    copy->setText(QStringLiteral("Copy"));
    copy->setPopupMode(QToolButton::InstantPopup);
    auto *copyMenu = new QMenu(copy);
    copyMenu->addAction(QStringLiteral("Copy as text"), this, [this] { copyAs(CopyFormat::Text); });
    copyMenu->addAction(QStringLiteral("Copy as hex dump"), this,
                        [this] { copyAs(CopyFormat::Hex); });
    copyMenu->addAction(QStringLiteral("Copy as C arrays"), this,
                        [this] { copyAs(CopyFormat::CArray); });
    copy->setMenu(copyMenu);
    auto *reload = new QToolButton(this);
    reload->setText(QStringLiteral("Refresh"));
    reload->setToolTip(QStringLiteral("Read the capture again (it updates by itself while nothing "
                                      "is selected)"));

    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUndoRedoEnabled(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_modeBox);
    bar->addWidget(m_findEdit, 1);
    bar->addWidget(m_findHex);
    bar->addWidget(m_findStatus);
    bar->addWidget(copy);
    bar->addWidget(reload);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_modeBox->currentData().toInt())); });
    connect(m_findEdit, &QLineEdit::returnPressed, this,
            [this] { find(m_findEdit->text(), m_findHex->isChecked()); });
    connect(reload, &QToolButton::clicked, this, &StreamView::refresh);

    // New rows arrive ten times a second: read them at most four times a second, and not while
    // the person has something selected (a rebuild would take it away).
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (!m_text->textCursor().hasSelection())
            refresh();
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_model, signal, &m_refresh, [this] {
            if (m_connection && !m_refresh.isActive())
                m_refresh.start();
        });
    connect(&m_model, &QAbstractItemModel::modelReset, this, &StreamView::refresh);
}

void StreamView::showConnection(ConnectionId id)
{
    m_connection = id;
    m_chunk = 0;
    m_matchAt = m_matchEnd = -1;
    refresh();
}

void StreamView::showChunk(std::uint64_t seq)
{
    m_connection = 0;
    for (int row = 0; row < m_model.rowCount(); ++row)
        if (const TrafficChunk *c = m_model.chunkAt(row); c && c->seq == seq)
            m_connection = c->connection;
    m_chunk = seq;
    m_matchAt = m_matchEnd = -1;
    refresh();
}

void StreamView::setMode(Mode mode)
{
    if (mode != m_mode) {
        m_mode = mode;
        const QSignalBlocker block(m_modeBox);
        m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
        render();
        selectMatch();
    }
}

void StreamView::refresh()
{
    collect();
    render();
    selectMatch();
}

void StreamView::collect()
{
    m_bytes.clear();
    m_pieces.clear();
    const ConnectionRecord *record = m_model.record(m_connection);
    const bool outgoing = record && record->info.outgoing;
    std::vector<const TrafficChunk *> chunks;
    for (int row = 0; row < m_model.rowCount(); ++row)
        if (const TrafficChunk *c = m_model.chunkAt(row);
            c && c->connection == m_connection && (m_chunk == 0 || c->seq == m_chunk))
            chunks.push_back(c);
    // The newest bytes, up to the limit.
    std::size_t first = chunks.size();
    qsizetype total = 0;
    while (first > 0 && total + chunks[first - 1]->bytes.size() <= kMaxShownBytes)
        total += chunks[--first]->bytes.size();

    std::uint64_t expected[2] = {};
    bool seen[2] = {};
    std::uint64_t gaps = 0;
    std::uint64_t missing = 0;
    m_bytes.reserve(total);
    for (std::size_t i = first; i < chunks.size(); ++i) {
        const TrafficChunk &c = *chunks[i];
        const int side = (c.direction == Direction::Out) == outgoing ? 0 : 1;
        if (seen[side] && c.offset > expected[side]) {
            ++gaps;
            missing += c.offset - expected[side];
        }
        seen[side] = true;
        expected[side] = c.offset + std::uint64_t(c.bytes.size());
        m_pieces.push_back(Piece{side, m_bytes.size(), c.bytes.size(), c.offset});
        m_bytes += c.bytes;
    }

    if (m_connection == 0) {
        m_summary = QStringLiteral("No connection chosen: pick one in the Traffic list");
        return;
    }
    m_summary = QStringLiteral("#%1").arg(m_connection);
    if (record) {
        const Address &client = outgoing ? record->info.local : record->info.peer;
        const Address &server = outgoing ? record->info.peer : record->info.local;
        m_summary += QStringLiteral(" %1: client %2 (red) \u21c4 server %3 (blue)")
                         .arg(QString::fromStdString(record->info.owner),
                              QString::fromStdString(client.to_string()),
                              QString::fromStdString(server.to_string()));
    }
    m_summary +=
        m_chunk ? QStringLiteral(" \u00b7 chunk %1, %2")
                      .arg(m_chunk)
                      .arg(humanBytes(std::uint64_t(total)))
                : QStringLiteral(" \u00b7 %1 chunks, %2")
                      .arg(exactNumber(chunks.size() - first), humanBytes(std::uint64_t(total)));
    if (first > 0)
        m_summary += QStringLiteral(" \u00b7 %1 older chunks not shown").arg(exactNumber(first));
    if (gaps)
        m_summary += QStringLiteral(" \u00b7 %1 bytes not captured in %2 gaps")
                         .arg(exactNumber(missing), exactNumber(gaps));
}

void StreamView::render()
{
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    m_summaryLabel->setText(m_summary);
    m_text->setLineWrapMode(m_mode == Mode::Text ? QPlainTextEdit::WidgetWidth
                                                 : QPlainTextEdit::NoWrap);
    m_text->clear();
    m_position.assign(std::size_t(m_bytes.size()), 0);
    QTextCursor cursor(m_text->document());
    cursor.beginEditBlock();
    for (const Piece &piece : m_pieces) {
        const QByteArrayView bytes = QByteArrayView(m_bytes).sliced(piece.at, piece.size);
        const int base = cursor.position();
        QString text;
        if (m_mode == Mode::Text) {
            // One character per byte, so that a match maps back to bytes; "\r\n" ends a line.
            text.reserve(bytes.size());
            for (qsizetype i = 0; i < bytes.size(); ++i) {
                const char c = bytes[i];
                m_position[std::size_t(piece.at + i)] = base + int(text.size());
                if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')
                    continue;
                text += c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f) ? QLatin1Char(c)
                                                                          : QLatin1Char('.');
            }
        } else {
            text = hexDump(bytes, piece.offset);
            // Each full line is as long as the first; a byte's two digits sit after the offset.
            const int line = int(text.indexOf(QLatin1Char('\n'))) + 1;
            const int hexAt = int(text.indexOf(QStringLiteral("  "))) + 2;
            const int fullLine = std::min(line, hexAt + kDumpWidth * 3 + 2 + kDumpWidth + 3);
            for (qsizetype i = 0; i < bytes.size(); ++i) {
                const int column = int(i % kDumpWidth);
                m_position[std::size_t(piece.at + i)] = base + int(i / kDumpWidth) * fullLine +
                                                        hexAt + column * 3 +
                                                        (column >= kDumpWidth / 2 ? 1 : 0);
            }
        }
        cursor.insertText(text, sideFormat(piece.side));
    }
    cursor.endEditBlock();
    if (atBottom)
        bar->setValue(bar->maximum());
}

QString StreamView::text() const
{
    return m_text->toPlainText();
}

QString StreamView::summary() const
{
    return m_summary;
}

bool StreamView::find(const QString &needle, bool hex)
{
    // Called from code too: the box shows what was searched for.
    if (m_findEdit->text() != needle)
        m_findEdit->setText(needle);
    m_findHex->setChecked(hex);
    QByteArray wanted;
    if (hex) {
        const std::optional<QByteArray> parsed = parseHex(needle);
        if (!parsed) {
            m_findStatus->setText(QStringLiteral("not hex"));
            return false;
        }
        wanted = *parsed;
    } else {
        wanted = needle.toUtf8();
    }
    if (wanted.isEmpty())
        return false;
    qsizetype at = m_bytes.indexOf(wanted, m_matchEnd < 0 ? 0 : m_matchAt + 1);
    if (at < 0)
        at = m_bytes.indexOf(wanted); // wraps around
    if (at < 0) {
        m_matchAt = m_matchEnd = -1;
        m_findStatus->setText(QStringLiteral("not found"));
        return false;
    }
    m_matchAt = at;
    m_matchEnd = at + wanted.size();
    m_findStatus->setText(QStringLiteral("at byte %1").arg(exactNumber(std::uint64_t(at))));
    selectMatch();
    return true;
}

bool StreamView::selectRange(Direction direction, std::uint64_t begin, std::uint64_t end)
{
    const ConnectionRecord *record = m_model.record(m_connection);
    const bool outgoing = record && record->info.outgoing;
    const int side = (direction == Direction::Out) == outgoing ? 0 : 1;
    qsizetype first = -1;
    qsizetype last = -1;
    for (const Piece &piece : m_pieces) {
        if (piece.side != side || piece.offset >= end ||
            piece.offset + std::uint64_t(piece.size) <= begin)
            continue;
        const qsizetype from = piece.at + qsizetype(std::max(begin, piece.offset) - piece.offset);
        const qsizetype to =
            piece.at +
            qsizetype(std::min(end, piece.offset + std::uint64_t(piece.size)) - piece.offset);
        if (first < 0)
            first = from;
        last = to;
    }
    if (first < 0 || last <= first)
        return false;
    m_matchAt = first;
    m_matchEnd = last;
    m_findStatus->setText(QStringLiteral("bytes %1 to %2").arg(begin).arg(end));
    selectMatch();
    return true;
}

void StreamView::selectMatch()
{
    if (m_matchAt < 0 || m_matchEnd > m_bytes.size())
        return;
    QTextCursor cursor(m_text->document());
    cursor.setPosition(m_position[std::size_t(m_matchAt)]);
    cursor.setPosition(m_position[std::size_t(m_matchEnd - 1)] + (m_mode == Mode::Text ? 1 : 2),
                       QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
}

QString StreamView::copyText(CopyFormat format) const
{
    if (format == CopyFormat::Text)
        return QString::fromUtf8(m_bytes);
    QString out;
    int count[2] = {};
    for (const Piece &piece : m_pieces) {
        const QByteArrayView bytes = QByteArrayView(m_bytes).sliced(piece.at, piece.size);
        // As Wireshark names them: peer0 is the client, peer1 the server.
        out += format == CopyFormat::Hex
                   ? hexDump(bytes, piece.offset)
                   : cArray(bytes,
                            QStringLiteral("peer%1_%2").arg(piece.side).arg(count[piece.side]++));
    }
    return out;
}

void StreamView::copyAs(CopyFormat format) const
{
    QApplication::clipboard()->setText(copyText(format));
}

} // namespace diesel::widgets
