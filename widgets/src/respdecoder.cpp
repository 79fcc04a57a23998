// SPDX-License-Identifier: MIT
// RESP (the Redis protocol): commands as arrays of bulk strings or inline lines, replies as RESP2
// and RESP3 values shown as redis-cli shows them.
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/format.h>

#include <QStringList>

#include <algorithm>

namespace diesel::widgets {

namespace {

constexpr int kMaxDepth = 32;
constexpr qint64 kMaxCount = 1 << 20;          // elements an aggregate may declare
constexpr qint64 kMaxBulk = qint64(512) << 20; // Redis's own proto-max-bulk-len
constexpr qsizetype kMaxLine = 64 * 1024;
constexpr qsizetype kSkipBulkAbove = 64 * 1024; // a longer top-level bulk is skipped, not buffered
constexpr int kMaxDetailLines = 200;
constexpr int kSummaryChars = 160;

struct Node
{
    char type = 0;
    bool nil = false;
    QByteArray text;            // every scalar's text
    std::vector<Node> children; // aggregates; a map's keys and values alternate
};

bool isAggregate(char type)
{
    return type == '*' || type == '~' || type == '>' || type == '%';
}

class Reader
{
public:
    enum Result { Ok, More, Bad };
    explicit Reader(QByteArrayView data)
        : m_d(data)
    {}

    Result value(Node &node, int depth)
    {
        if (depth > kMaxDepth)
            return bad(QStringLiteral("values nested deeper than %1").arg(kMaxDepth));
        if (m_pos >= m_d.size())
            return More;
        const char type = m_d[m_pos];
        const qsizetype start = m_pos++;
        QByteArrayView l;
        if (const Result r = line(l); r != Ok) {
            if (r == More && !isType(type))
                return bad(notAType(type));
            return r;
        }
        node.type = type;
        switch (type) {
        case '+':
        case '-':
        case ',':
        case '(':
            node.text = l.toByteArray();
            return Ok;
        case ':':
            return integer(l, node) ? Ok : bad(QStringLiteral("bad integer"));
        case '#':
            node.text = l.toByteArray();
            return l == "t" || l == "f" ? Ok : bad(QStringLiteral("bad boolean"));
        case '_':
            node.nil = true;
            return l.isEmpty() ? Ok : bad(QStringLiteral("bad null"));
        case '$':
        case '!':
        case '=':
            return bulk(l, node);
        case '*':
        case '~':
        case '>':
        case '%':
        case '|':
            return aggregate(l, node, depth);
        default:
            m_pos = start;
            return bad(notAType(type));
        }
    }

    qsizetype pos() const noexcept { return m_pos; }
    const QString &why() const noexcept { return m_why; }

    // The header of a top-level bulk string: its length when it is one, whether or not its
    // bytes are all here yet.
    std::optional<std::pair<qsizetype, qint64>> bulkHeader()
    {
        if (m_d.isEmpty() || m_d[0] != '$')
            return std::nullopt;
        m_pos = 1;
        QByteArrayView l;
        if (line(l) != Ok)
            return std::nullopt;
        bool ok = false;
        const qint64 n = l.toLongLong(&ok);
        if (!ok || n < 0 || n > kMaxBulk)
            return std::nullopt;
        return std::pair{m_pos, n};
    }

private:
    static bool isType(char c) { return QByteArrayView("+-:,(#_$!=*~>%|").contains(c); }
    static QString notAType(char c)
    {
        return QStringLiteral("'%1' is not a RESP type").arg(escapedText(QByteArrayView(&c, 1)));
    }
    Result bad(QString why)
    {
        m_why = std::move(why);
        return Bad;
    }
    Result line(QByteArrayView &out)
    {
        const qsizetype end = m_d.indexOf(QByteArrayView("\r\n"), m_pos);
        if (end < 0)
            return m_d.size() - m_pos > kMaxLine ? bad(QStringLiteral("a line longer than 64 KiB"))
                                                 : More;
        out = m_d.sliced(m_pos, end - m_pos);
        m_pos = end + 2;
        return Ok;
    }
    static bool integer(QByteArrayView l, Node &node)
    {
        bool ok = false;
        static_cast<void>(l.toLongLong(&ok));
        node.text = l.toByteArray();
        return ok;
    }
    Result bulk(QByteArrayView l, Node &node)
    {
        bool ok = false;
        const qint64 n = l.toLongLong(&ok);
        if (ok && n == -1 && node.type == '$') {
            node.nil = true;
            return Ok;
        }
        if (!ok || n < 0 || n > kMaxBulk)
            return bad(QStringLiteral("bad bulk length"));
        if (m_d.size() - m_pos < n + 2)
            return More;
        if (m_d.sliced(m_pos + qsizetype(n), 2) != "\r\n")
            return bad(QStringLiteral("a bulk string not ended by CRLF"));
        node.text = m_d.sliced(m_pos, qsizetype(n)).toByteArray();
        m_pos += qsizetype(n) + 2;
        return Ok;
    }
    Result aggregate(QByteArrayView l, Node &node, int depth)
    {
        bool ok = false;
        const qint64 n = l.toLongLong(&ok);
        if (ok && n == -1 && node.type == '*') {
            node.nil = true;
            return Ok;
        }
        if (!ok || n < 0 || n > kMaxCount)
            return bad(QStringLiteral("bad aggregate length"));
        const qint64 items = node.type == '%' || node.type == '|' ? 2 * n : n;
        // Each element takes at least three bytes: what is buffered bounds the reservation.
        node.children.reserve(std::size_t(std::min<qint64>(items, (m_d.size() - m_pos) / 3)));
        for (qint64 i = 0; i < items; ++i) {
            node.children.emplace_back();
            if (const Result r = value(node.children.back(), depth + 1); r != Ok)
                return r;
        }
        if (node.type == '|') {
            // Attributes describe the reply that follows; the reply is what is shown.
            Node reply;
            if (const Result r = value(reply, depth + 1); r != Ok)
                return r;
            node = std::move(reply);
        }
        return Ok;
    }

    QByteArrayView m_d;
    qsizetype m_pos = 0;
    QString m_why;
};

QString quoted(QByteArrayView bytes, int maxChars = 400)
{
    return QLatin1Char('"') + escapedText(bytes, maxChars) + QLatin1Char('"');
}

QString scalarText(const Node &n, int maxChars = 400)
{
    if (n.nil)
        return QStringLiteral("(nil)");
    switch (n.type) {
    case '+':
        return escapedText(n.text, maxChars);
    case '-':
    case '!':
        return QStringLiteral("(error) ") + escapedText(n.text, maxChars);
    case ':':
        return QStringLiteral("(integer) ") + QString::fromLatin1(n.text);
    case ',':
        return QStringLiteral("(double) ") + escapedText(n.text, maxChars);
    case '(':
        return QStringLiteral("(big number) ") + escapedText(n.text, maxChars);
    case '#':
        return n.text == "t" ? QStringLiteral("(true)") : QStringLiteral("(false)");
    default:
        return quoted(n.text, maxChars);
    }
}

// redis-cli's layout: "1) ..." per element, nested ones indented under their number.
void tree(const Node &n, const QString &indent, QStringList &lines, QString first)
{
    if (lines.size() > kMaxDetailLines)
        return;
    if (!isAggregate(n.type) || n.nil) {
        lines << first + scalarText(n);
        return;
    }
    const bool map = n.type == '%';
    const std::size_t count = map ? n.children.size() / 2 : n.children.size();
    if (count == 0) {
        lines << first + (map ? QStringLiteral("(empty map)") : QStringLiteral("(empty array)"));
        return;
    }
    const int width = int(QString::number(count).size());
    for (std::size_t i = 0; i < count && lines.size() <= kMaxDetailLines; ++i) {
        const QString number = QStringLiteral("%1%2 ")
                                   .arg(i + 1, width)
                                   .arg(map ? QLatin1Char('#') : QLatin1Char(')'));
        const QString lead = i == 0 ? first + number : indent + number;
        const QString deeper = indent + QString(number.size(), QLatin1Char(' '));
        if (map)
            tree(n.children[2 * i + 1], deeper, lines,
                 lead + scalarText(n.children[2 * i]) + QStringLiteral(" => "));
        else
            tree(n.children[i], deeper, lines, lead);
    }
    if (lines.size() > kMaxDetailLines)
        lines << QStringLiteral("\u2026");
}

QString elided(QString text)
{
    if (text.size() > kSummaryChars) {
        text.truncate(kSummaryChars);
        text += QChar(0x2026);
    }
    return text;
}

// A command word or argument as typed: bare when it has no spaces or quotes, quoted otherwise.
QString word(QByteArrayView bytes)
{
    const bool bare = !bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\';
    });
    return bare ? QString::fromLatin1(bytes.first(std::min<qsizetype>(bytes.size(), 80)))
                : quoted(bytes, 80);
}

QString commandSummary(const std::vector<QByteArray> &words)
{
    QStringList parts;
    for (std::size_t i = 0; i < words.size() && i < 16; ++i)
        parts << (i == 0 ? word(words[i]).toUpper() : word(words[i]));
    if (words.size() > 16)
        parts << QStringLiteral("\u2026 (%1 arguments)").arg(words.size() - 1);
    return elided(parts.join(QLatin1Char(' ')));
}

QString replySummary(const Node &n)
{
    if (!isAggregate(n.type) || n.nil)
        return elided(scalarText(n, kSummaryChars));
    QStringList parts;
    for (std::size_t i = 0; i < n.children.size() && i < 8; ++i)
        parts << (isAggregate(n.children[i].type) && !n.children[i].nil
                      ? QStringLiteral("[%1]").arg(n.children[i].children.size())
                      : scalarText(n.children[i], 60));
    const QString kind = n.type == '%' ? QStringLiteral("map") : QString();
    return elided(QStringLiteral("[%1%2] ")
                      .arg(kind.isEmpty() ? QString() : kind + QLatin1Char(' '))
                      .arg(n.type == '%' ? n.children.size() / 2 : n.children.size()) +
                  parts.join(QStringLiteral(", ")));
}

bool isSubscription(const QByteArray &command)
{
    static const QByteArrayView names[] = {"subscribe",   "psubscribe",   "ssubscribe",
                                           "unsubscribe", "punsubscribe", "sunsubscribe"};
    const QByteArray lower = command.toLower();
    return std::any_of(std::begin(names), std::end(names),
                       [&](QByteArrayView n) { return lower == n; });
}

class RespDecoder final : public BufferedDecoder
{
public:
    RespDecoder()
        : BufferedDecoder(QStringLiteral("RESP"))
    {}

protected:
    Parsed parse(Side side, QByteArrayView bytes) override
    {
        if (side == Side::Client && bytes[0] != '*')
            return inlineCommand(bytes);
        if (side == Side::Server)
            if (std::optional<Parsed> big = largeBulk(bytes))
                return *big;
        Reader reader(bytes);
        Node node;
        switch (reader.value(node, 0)) {
        case Reader::More:
            return needMore();
        case Reader::Bad:
            return invalid(reader.why());
        case Reader::Ok:
            break;
        }
        DecodedMessage m;
        QStringList lines;
        tree(node, QString(), lines, QString());
        m.detail = lines.join(QLatin1Char('\n'));
        if (side == Side::Client) {
            std::vector<QByteArray> words;
            for (const Node &c : node.children)
                words.push_back(c.text);
            m.summary = commandSummary(words);
            m.role = request(words);
        } else {
            m.summary = replySummary(node);
            m.error = node.type == '-' || node.type == '!';
            m.role = push(node) ? MessageRole::Other : MessageRole::Response;
        }
        return message(reader.pos(), std::move(m));
    }

private:
    MessageRole request(const std::vector<QByteArray> &words)
    {
        // While subscribed, the server pushes messages and confirms each channel on its own:
        // subscription commands are not paired with one reply.
        if (!words.empty() && isSubscription(words[0])) {
            m_subscribed = true;
            return MessageRole::Other;
        }
        return MessageRole::Request;
    }

    bool push(const Node &n) const
    {
        if (n.type == '>')
            return true;
        if (!m_subscribed || n.type != '*' || n.children.empty())
            return false;
        const QByteArray kind = n.children[0].text.toLower();
        return kind == "message" || kind == "pmessage" || kind == "smessage" ||
               isSubscription(kind);
    }

    // A long bulk reply (GET of a large value) is skipped as it arrives, not buffered.
    std::optional<Parsed> largeBulk(QByteArrayView bytes)
    {
        Reader reader(bytes);
        const auto header = reader.bulkHeader();
        if (!header || header->second <= kSkipBulkAbove)
            return std::nullopt;
        const auto [at, n] = *header;
        if (bytes.size() - at < 200)
            return needMore();
        DecodedMessage m;
        m.role = MessageRole::Response;
        const QByteArrayView preview = bytes.sliced(at).first(
            std::min<qsizetype>(bytes.size() - at, std::min<qint64>(n, 200)));
        m.summary = quoted(preview, 60) + QStringLiteral(" (%1)").arg(humanBytes(std::uint64_t(n)));
        m.detail = m.summary;
        return message(at + n + 2, std::move(m));
    }

    // Inline commands ("PING\r\n"), as redis-cli and telnet send them.
    Parsed inlineCommand(QByteArrayView bytes)
    {
        const qsizetype end = bytes.indexOf('\n');
        const QByteArrayView l = bytes.first(end < 0 ? bytes.size() : end);
        for (char c : l)
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
                return invalid(QStringLiteral("a command line with control bytes"));
        if (end < 0)
            return l.size() > kMaxLine ? invalid(QStringLiteral("a line longer than 64 KiB"))
                                       : needMore();
        std::vector<QByteArray> words;
        for (const QByteArray &w : l.toByteArray().trimmed().split(' '))
            if (!w.isEmpty())
                words.push_back(w);
        DecodedMessage m;
        m.summary = commandSummary(words);
        m.detail = QStringLiteral("inline command: ") + escapedText(l);
        m.role = words.empty() ? MessageRole::Other : request(words);
        return message(end + 1, std::move(m));
    }

    bool m_subscribed = false;
};

int sniff(Side side, QByteArrayView first)
{
    if (first.isEmpty())
        return 0;
    if (side == Side::Client)
        return first.size() >= 2 && first[0] == '*' && first[1] >= '0' && first[1] <= '9' ? 2 : 0;
    return QByteArrayView("+-:$*%>_#,(!=~|").contains(first[0]) ? 1 : 0;
}

} // namespace

DecoderFactory respDecoderFactory()
{
    return DecoderFactory{QStringLiteral("resp"),
                          QStringLiteral("RESP (Redis)"),
                          {6379, 6380, 26379, 7000, 7001, 7002, 7003, 7004, 7005},
                          sniff,
                          [] { return std::make_unique<RespDecoder>(); }};
}

} // namespace diesel::widgets
