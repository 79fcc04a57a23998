// SPDX-License-Identifier: MIT
// MongoDB's wire protocol: a 16-byte header (messageLength, requestID, responseTo, opCode, all
// little-endian), then OP_MSG's flag bits and sections. BSON is read and validated by libbson
// through diesel::mongodb's Document, which also gives the Extended JSON of the detail.
#include <diesel/mongodb/document.h>
#include <diesel/widgets/format.h>
#include <diesel/widgets/mongodecoder.h>

#include <QStringList>

namespace diesel::widgets {

namespace {

using diesel::mongodb::Document;
using diesel::mongodb::Value;

constexpr qint64 kMaxMessage = 48'000'000; // the servers' maxMessageSizeBytes
constexpr qint64 kReadWhole = 1 << 20;     // a longer message is named by its header only
constexpr int kJsonChars = 4000;

enum OpCode : std::int32_t {
    OpReply = 1,
    OpUpdate = 2001,
    OpInsert = 2002,
    OpQuery = 2004,
    OpGetMore = 2005,
    OpDelete = 2006,
    OpKillCursors = 2007,
    OpCompressed = 2012,
    OpMsg = 2013,
};

QString opName(std::int32_t op)
{
    switch (op) {
    case OpReply:
        return QStringLiteral("OP_REPLY");
    case OpUpdate:
        return QStringLiteral("OP_UPDATE");
    case OpInsert:
        return QStringLiteral("OP_INSERT");
    case OpQuery:
        return QStringLiteral("OP_QUERY");
    case OpGetMore:
        return QStringLiteral("OP_GET_MORE");
    case OpDelete:
        return QStringLiteral("OP_DELETE");
    case OpKillCursors:
        return QStringLiteral("OP_KILL_CURSORS");
    case OpCompressed:
        return QStringLiteral("OP_COMPRESSED");
    case OpMsg:
        return QStringLiteral("OP_MSG");
    default:
        return {};
    }
}

std::int32_t le32(QByteArrayView b, qsizetype at)
{
    return std::int32_t(std::uint32_t(std::uint8_t(b[at])) |
                        std::uint32_t(std::uint8_t(b[at + 1])) << 8 |
                        std::uint32_t(std::uint8_t(b[at + 2])) << 16 |
                        std::uint32_t(std::uint8_t(b[at + 3])) << 24);
}

// The BSON document at `at` (validated), and where it ends; nullopt when it is not one.
std::optional<Document> documentAt(QByteArrayView b, qsizetype at, qsizetype &next)
{
    if (at < 0 || b.size() - at < 5)
        return std::nullopt;
    const std::int32_t length = le32(b, at);
    if (length < 5 || length > b.size() - at)
        return std::nullopt;
    try {
        Document d = Document::from_bson(
            {reinterpret_cast<const std::uint8_t *>(b.data() + at), std::size_t(length)});
        next = at + length;
        return d;
    } catch (const diesel::Error &) {
        return std::nullopt;
    }
}

// A cstring at `at`: its text and where it ends; nullopt when it does not end in `b`.
std::optional<QByteArrayView> cstringAt(QByteArrayView b, qsizetype at, qsizetype &next)
{
    if (at < 0 || at >= b.size())
        return std::nullopt;
    const qsizetype end = b.indexOf('\0', at);
    if (end < 0)
        return std::nullopt;
    next = end + 1;
    return b.sliced(at, end - at);
}

QString stringOf(const Document &d, std::string_view key)
{
    const std::optional<Value> v = d.get(key);
    return v && v->type() == Value::Type::String ? QString::fromStdString(v->as_string())
                                                 : QString();
}

QString json(const Document &d)
{
    QString text = QString::fromStdString(d.to_relaxed_json());
    if (text.size() > kJsonChars) {
        text.truncate(kJsonChars);
        text += QChar(0x2026);
    }
    return text;
}

// "find test.items", "insert test.items (3 documents)", "hello admin".
QString commandSummary(const Document &d, qsizetype sequenceDocs)
{
    const std::vector<std::string> keys = d.keys();
    if (keys.empty())
        return QStringLiteral("(empty command)");
    const QString command = QString::fromStdString(keys.front());
    const QString target = stringOf(d, keys.front());
    const QString db = stringOf(d, "$db");
    QString summary = command;
    if (!target.isEmpty())
        summary += QLatin1Char(' ') + (db.isEmpty() ? target : db + QLatin1Char('.') + target);
    else if (!db.isEmpty())
        summary += QLatin1Char(' ') + db;
    if (sequenceDocs > 0)
        summary += QStringLiteral(" (%1 documents)").arg(sequenceDocs);
    return summary;
}

// "ok", "ok, 5 documents", "error 26: ns not found (NamespaceNotFound)".
QString replySummary(const Document &d, bool &error)
{
    const std::optional<Value> ok = d.get("ok");
    double okValue = 1;
    try {
        okValue = ok ? ok->as_double() : 1;
    } catch (const diesel::Error &) {
    }
    if (okValue == 0) {
        error = true;
        QString text = QStringLiteral("error");
        if (const std::optional<Value> code = d.get("code")) {
            try {
                text += QStringLiteral(" %1").arg(code->as_int());
            } catch (const diesel::Error &) {
            }
        }
        text += QStringLiteral(": ") + stringOf(d, "errmsg");
        if (const QString name = stringOf(d, "codeName"); !name.isEmpty())
            text += QStringLiteral(" (%1)").arg(name);
        return text;
    }
    QString text = QStringLiteral("ok");
    for (const char *batch : {"cursor.firstBatch", "cursor.nextBatch"})
        if (const std::optional<Value> v = d.get(batch); v && v->type() == Value::Type::List)
            text += QStringLiteral(", %1 documents").arg(v->as_array().size());
    if (const std::optional<Value> n = d.get("n")) {
        try {
            text += QStringLiteral(", n %1").arg(n->as_int());
        } catch (const diesel::Error &) {
        }
    }
    return text;
}

class MongoDecoder final : public BufferedDecoder
{
public:
    MongoDecoder()
        : BufferedDecoder(QStringLiteral("MongoDB"))
    {}

protected:
    Parsed parse(Side, QByteArrayView bytes) override
    {
        if (bytes.size() < 4)
            return needMore();
        const std::int32_t length = le32(bytes, 0);
        if (length < 16 || length > kMaxMessage)
            return invalid(QStringLiteral("a message of %1 bytes").arg(length));
        if (bytes.size() < 16)
            return needMore();
        const std::int32_t op = le32(bytes, 12);
        const QString name = opName(op);
        if (name.isEmpty())
            return invalid(QStringLiteral("unknown opCode %1").arg(op));
        DecodedMessage m;
        const std::int32_t requestId = le32(bytes, 4);
        const std::int32_t responseTo = le32(bytes, 8);
        m.role = responseTo != 0 ? MessageRole::Response : MessageRole::Request;
        if (m.role == MessageRole::Request)
            m.id = requestId;
        m.answers = responseTo;
        const QString header = QStringLiteral("%1 (opCode %2), requestID %3, responseTo %4, %5 "
                                              "bytes")
                                   .arg(name)
                                   .arg(op)
                                   .arg(requestId)
                                   .arg(responseTo)
                                   .arg(length);
        if (length > kReadWhole) {
            m.summary = QStringLiteral("%1 (%2)").arg(name, humanBytes(std::uint64_t(length)));
            m.detail = header;
            return message(length, std::move(m));
        }
        if (bytes.size() < length)
            return needMore();
        const QByteArrayView body = bytes.sliced(16, length - 16);
        QString why;
        switch (op) {
        case OpMsg:
            why = opMsg(body, m);
            break;
        case OpQuery:
            why = opQuery(body, m);
            break;
        case OpReply:
            why = opReply(body, m);
            break;
        case OpCompressed:
            if (body.size() < 9)
                why = QStringLiteral("a short OP_COMPRESSED");
            else
                m.summary = QStringLiteral("OP_COMPRESSED %1 (compressor %2)")
                                .arg(opName(le32(body, 0)))
                                .arg(int(std::uint8_t(body[8])));
            break;
        default:
            m.summary = name;
            break;
        }
        if (!why.isEmpty())
            return invalid(why);
        m.detail = header + QStringLiteral("\n\n") + m.detail;
        return message(length, std::move(m));
    }

private:
    static QString opMsg(QByteArrayView body, DecodedMessage &m)
    {
        if (body.size() < 5)
            return QStringLiteral("a short OP_MSG");
        const auto flags = std::uint32_t(le32(body, 0));
        // checksumPresent: the last four bytes are a CRC-32C, not a section.
        const qsizetype end = body.size() - ((flags & 1) ? 4 : 0);
        std::optional<Document> command;
        qsizetype sequenceDocs = 0;
        QStringList sequences;
        qsizetype at = 4;
        while (at < end) {
            const char kind = body[at++];
            if (kind == 0) {
                qsizetype next = 0;
                command = documentAt(body.first(end), at, next);
                if (!command)
                    return QStringLiteral("an OP_MSG body that is not BSON");
                at = next;
            } else if (kind == 1) {
                if (end - at < 4)
                    return QStringLiteral("a short document sequence");
                const std::int32_t size = le32(body, at);
                if (size < 5 || size > end - at)
                    return QStringLiteral("a document sequence of %1 bytes").arg(size);
                const QByteArrayView section = body.sliced(at + 4, size - 4);
                qsizetype p = 0;
                const std::optional<QByteArrayView> id = cstringAt(section, 0, p);
                if (!id)
                    return QStringLiteral("a document sequence without its identifier");
                int count = 0;
                while (p < section.size()) {
                    qsizetype next = 0;
                    if (!documentAt(section, p, next))
                        return QStringLiteral("a document sequence that is not BSON");
                    p = next;
                    ++count;
                }
                sequenceDocs += count;
                sequences
                    << QStringLiteral("%1: %2 documents").arg(escapedText(*id, 60)).arg(count);
                at += size;
            } else {
                return QStringLiteral("an OP_MSG section of kind %1").arg(int(kind));
            }
        }
        if (!command)
            return QStringLiteral("an OP_MSG without a body section");
        if (m.role == MessageRole::Request) {
            m.summary = commandSummary(*command, sequenceDocs);
            // moreToCome on a request: no reply will come.
            if (flags & 2)
                m.role = MessageRole::Other;
        } else {
            m.summary = replySummary(*command, m.error);
            // moreToCome on a reply (exhaust cursors): more replies answer the same request.
            m.partial = flags & 2;
        }
        m.detail = QStringLiteral("flags 0x%1\n").arg(flags, 0, 16) + json(*command);
        if (!sequences.isEmpty())
            m.detail += QLatin1Char('\n') + sequences.join(QLatin1Char('\n'));
        return {};
    }

    static QString opQuery(QByteArrayView body, DecodedMessage &m)
    {
        qsizetype at = 4;
        const std::optional<QByteArrayView> collection = cstringAt(body, at, at);
        qsizetype next = 0;
        const std::optional<Document> query =
            collection ? documentAt(body, at + 8, next) : std::nullopt;
        if (!query)
            return QStringLiteral("an OP_QUERY that is not BSON");
        const std::vector<std::string> keys = query->keys();
        m.summary = QStringLiteral("OP_QUERY %1 %2")
                        .arg(keys.empty() ? QString() : QString::fromStdString(keys.front()),
                             escapedText(*collection, 80));
        m.detail = json(*query);
        return {};
    }

    static QString opReply(QByteArrayView body, DecodedMessage &m)
    {
        if (body.size() < 20)
            return QStringLiteral("a short OP_REPLY");
        const std::int32_t returned = le32(body, 16);
        qsizetype next = 0;
        const std::optional<Document> first = documentAt(body, 20, next);
        m.summary = QStringLiteral("OP_REPLY %1 documents").arg(returned);
        if (first) {
            m.summary += QStringLiteral(", ") + replySummary(*first, m.error);
            m.detail = json(*first);
        }
        return {};
    }
};

int sniff(Side side, QByteArrayView first)
{
    if (side != Side::Client || first.size() < 16)
        return 0;
    const std::int32_t length = le32(first, 0);
    const std::int32_t op = le32(first, 12);
    return length >= 16 && length <= kMaxMessage && (op == OpMsg || op == OpQuery) ? 2 : 0;
}

} // namespace

DecoderFactory mongoDecoderFactory()
{
    return DecoderFactory{
        QStringLiteral("mongodb"), QStringLiteral("MongoDB"), {27017, 27018, 27019}, sniff, [] {
            return std::make_unique<MongoDecoder>();
        }};
}

} // namespace diesel::widgets
