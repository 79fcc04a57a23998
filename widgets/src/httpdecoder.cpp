// SPDX-License-Identifier: MIT
// HTTP/1.x: request and status lines, headers, bodies by Content-Length (skipped as they arrive,
// never buffered) or chunked, and a body that lasts until the connection closes. A 101 response
// to an Upgrade to WebSocket hands the connection to the WebSocket decoder.
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/format.h>

#include <QStringList>

#include <algorithm>
#include <deque>

namespace diesel::widgets {

namespace {

constexpr qsizetype kMaxStartLine = 8 * 1024;
constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kPreview = 2048;
constexpr qint64 kMaxContentLength = qint64(1) << 50;

const QByteArrayView kMethods[] = {"GET",     "POST",  "PUT",   "DELETE", "HEAD",
                                   "OPTIONS", "PATCH", "TRACE", "CONNECT"};

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
    });
}

// Whether `bytes` may still become a start line of `side` (checked before the line is whole,
// so that garbage is named at once).
bool plausibleStart(Side side, QByteArrayView bytes)
{
    if (side == Side::Server) {
        const QByteArrayView prefix("HTTP/1.");
        const qsizetype n = std::min(bytes.size(), prefix.size());
        return bytes.first(n) == prefix.first(n);
    }
    const qsizetype space = bytes.indexOf(' ');
    return isToken(bytes.first(space < 0 ? std::min<qsizetype>(bytes.size(), 20) : space)) &&
           (space >= 0 || bytes.size() <= 20);
}

struct Head
{
    QByteArrayView startLine;
    QList<QByteArrayView> parts; // of the start line
    QStringList lines;           // the header lines, for the detail
    qint64 contentLength = -1;
    bool chunked = false;
    bool upgradeWebSocket = false;
    bool close = false;
    QByteArray contentType;
};

class HttpDecoder final : public BufferedDecoder
{
public:
    HttpDecoder()
        : BufferedDecoder(QStringLiteral("HTTP"))
    {}

protected:
    Parsed parse(Side side, QByteArrayView bytes) override
    {
        const qsizetype lineEnd = bytes.indexOf(QByteArrayView("\r\n"));
        if (!plausibleStart(side, bytes.first(lineEnd < 0 ? bytes.size() : lineEnd)))
            return invalid(side == Side::Client ? QStringLiteral("not a request line")
                                                : QStringLiteral("not a status line"));
        if (lineEnd < 0)
            return bytes.size() > kMaxStartLine
                       ? invalid(QStringLiteral("a start line longer than 8 KiB"))
                       : needMore();
        Head head;
        head.startLine = bytes.first(lineEnd);
        if (const QString why = startLine(side, head); !why.isEmpty())
            return invalid(why);
        const qsizetype headEnd = bytes.indexOf(QByteArrayView("\r\n\r\n"));
        if (headEnd < 0)
            return bytes.size() > kMaxHead ? invalid(QStringLiteral("headers longer than 64 KiB"))
                                           : needMore();
        if (const QString why = headers(bytes.sliced(lineEnd + 2, headEnd + 2 - lineEnd - 2), head);
            !why.isEmpty())
            return invalid(why);
        const qsizetype bodyAt = headEnd + 4;
        return side == Side::Client ? request(bytes, head, bodyAt) : response(bytes, head, bodyAt);
    }

private:
    static QString startLine(Side side, Head &head)
    {
        const QByteArrayView l = head.startLine;
        const qsizetype first = l.indexOf(' ');
        const qsizetype second = first < 0 ? -1 : l.indexOf(' ', first + 1);
        if (first < 0)
            return QStringLiteral("a start line without spaces");
        head.parts = {l.first(first),
                      second < 0 ? l.sliced(first + 1) : l.sliced(first + 1, second - first - 1)};
        if (second >= 0)
            head.parts << l.sliced(second + 1);
        if (side == Side::Client) {
            if (head.parts.size() != 3 || !head.parts[2].startsWith("HTTP/1."))
                return QStringLiteral("not a request line");
            return {};
        }
        const QByteArrayView code = head.parts[1];
        if (code.size() != 3 ||
            !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return QStringLiteral("a status without three digits");
        head.close = head.parts[0] == "HTTP/1.0";
        return {};
    }

    static QString headers(QByteArrayView block, Head &head)
    {
        qsizetype at = 0;
        while (at < block.size()) {
            const qsizetype end = block.indexOf(QByteArrayView("\r\n"), at);
            const QByteArrayView l = block.sliced(at, (end < 0 ? block.size() : end) - at);
            at = end < 0 ? block.size() : end + 2;
            const qsizetype colon = l.indexOf(':');
            if (colon <= 0 || !isToken(l.first(colon)))
                return QStringLiteral("a header line without a name");
            const QByteArray name = l.first(colon).toByteArray().toLower();
            const QByteArray value = l.sliced(colon + 1).toByteArray().trimmed();
            head.lines << escapedText(l, 1000);
            if (name == "content-length") {
                bool ok = false;
                head.contentLength = value.toLongLong(&ok);
                if (!ok || head.contentLength < 0 || head.contentLength > kMaxContentLength)
                    return QStringLiteral("a bad Content-Length");
            } else if (name == "transfer-encoding") {
                head.chunked = value.toLower().contains("chunked");
            } else if (name == "upgrade") {
                head.upgradeWebSocket = value.toLower() == "websocket";
            } else if (name == "connection") {
                head.close = head.close || value.toLower().contains("close");
            } else if (name == "content-type") {
                head.contentType = value;
            }
        }
        return {};
    }

    struct Body
    {
        qint64 end = 0; // where the message ends, -1: with the connection
        qint64 size = 0;
        QByteArray preview;
    };

    // The chunks of a chunked body, all buffered (they are bounded by the decoder's limit).
    static std::optional<Parsed> chunked(QByteArrayView bytes, qsizetype at, Body &body)
    {
        for (;;) {
            const qsizetype le = bytes.indexOf(QByteArrayView("\r\n"), at);
            if (le < 0)
                return bytes.size() - at > 1024 ? invalid(QStringLiteral("a chunk size line "
                                                                         "longer than 1 KiB"))
                                                : needMore();
            QByteArrayView size = bytes.sliced(at, le - at);
            if (const qsizetype semi = size.indexOf(';'); semi >= 0)
                size = size.first(semi);
            size = size.trimmed();
            bool ok = false;
            const qint64 n = size.toLongLong(&ok, 16);
            if (!ok || n < 0 || size.size() > 15)
                return invalid(QStringLiteral("a bad chunk size"));
            at = le + 2;
            if (n == 0) {
                // Trailers, then the empty line.
                for (;;) {
                    const qsizetype te = bytes.indexOf(QByteArrayView("\r\n"), at);
                    if (te < 0)
                        return needMore();
                    const bool last = te == at;
                    at = te + 2;
                    if (last) {
                        body.end = at;
                        return std::nullopt;
                    }
                }
            }
            if (bytes.size() - at < n + 2)
                return needMore();
            if (bytes.sliced(at + qsizetype(n), 2) != "\r\n")
                return invalid(QStringLiteral("a chunk not ended by CRLF"));
            if (body.preview.size() < kPreview)
                body.preview += bytes.sliced(at, std::min<qsizetype>(qsizetype(n), kPreview));
            body.size += n;
            at += qsizetype(n) + 2;
        }
    }

    static std::optional<Parsed> bodyOf(QByteArrayView bytes, const Head &head, qsizetype at,
                                        bool none, Body &body)
    {
        if (none) {
            body.end = at;
            return std::nullopt;
        }
        if (head.chunked)
            return chunked(bytes, at, body);
        if (head.contentLength >= 0) {
            // The preview is buffered; the rest is skipped as it arrives.
            if (bytes.size() - at < std::min<qint64>(head.contentLength, kPreview))
                return needMore();
            body.size = head.contentLength;
            body.end = at + head.contentLength;
        } else {
            body.end = -1;
        }
        body.preview = bytes.sliced(at)
                           .first(std::min<qsizetype>(
                               bytes.size() - at,
                               std::min<qint64>(kPreview, body.end < 0 ? kPreview : body.size)))
                           .toByteArray();
        return std::nullopt;
    }

    static DecodedMessage describe(const Head &head, const Body &body, const QString &summary)
    {
        DecodedMessage m;
        QString extra;
        if (!head.contentType.isEmpty())
            extra = QString::fromLatin1(
                head.contentType.first(std::min<qsizetype>(head.contentType.size(), 60)));
        if (body.size > 0 || body.end < 0)
            extra += (extra.isEmpty() ? QString() : QStringLiteral(", ")) +
                     (body.end < 0 ? QStringLiteral("body until close")
                                   : humanBytes(std::uint64_t(body.size)));
        m.summary = extra.isEmpty() ? summary : summary + QStringLiteral(" (%1)").arg(extra);
        m.detail = escapedText(head.startLine, 1000) + QLatin1Char('\n') +
                   head.lines.join(QLatin1Char('\n'));
        if (!body.preview.isEmpty())
            m.detail += QStringLiteral("\n\n") + escapedText(body.preview, int(kPreview));
        return m;
    }

    Parsed request(QByteArrayView bytes, const Head &head, qsizetype at)
    {
        Body body;
        // A request without a length has no body.
        const bool none = !head.chunked && head.contentLength < 0;
        if (std::optional<Parsed> stop = bodyOf(bytes, head, at, none, body))
            return *stop;
        m_methods.push_back(head.parts[0].toByteArray());
        if (m_methods.size() > 1024)
            m_methods.pop_front();
        DecodedMessage m = describe(head, body,
                                    escapedText(head.parts[0], 20) + QLatin1Char(' ') +
                                        escapedText(head.parts[1], 140));
        m.role = MessageRole::Request;
        return message(body.end, std::move(m));
    }

    Parsed response(QByteArrayView bytes, const Head &head, qsizetype at)
    {
        const int status = head.parts[1].toInt();
        const bool head_ = !m_methods.empty() && m_methods.front() == "HEAD";
        const bool interim = status >= 100 && status < 200;
        const bool none = interim || status == 204 || status == 304 || head_;
        Body body;
        if (std::optional<Parsed> stop = bodyOf(bytes, head, at, none, body))
            return *stop;
        QString summary = QString::fromLatin1(head.parts[1]);
        if (head.parts.size() > 2)
            summary += QLatin1Char(' ') + escapedText(head.parts[2], 60);
        DecodedMessage m = describe(head, body, summary);
        m.role = MessageRole::Response;
        m.error = status >= 400;
        m.partial = interim && status != 101;
        if (!m.partial && !m_methods.empty())
            m_methods.pop_front();
        Parsed p = message(body.end, std::move(m));
        if (status == 101 && head.upgradeWebSocket)
            p.switchTo = QStringLiteral("websocket");
        return p;
    }

    std::deque<QByteArray> m_methods; // of the requests not answered yet (HEAD has no body)
};

int sniff(Side side, QByteArrayView first)
{
    if (side == Side::Server)
        return first.startsWith("HTTP/1.") ? 2 : 0;
    for (QByteArrayView method : kMethods)
        if (first.size() > method.size() && first.startsWith(method) && first[method.size()] == ' ')
            return 2;
    return 0;
}

} // namespace

DecoderFactory httpDecoderFactory()
{
    return DecoderFactory{QStringLiteral("http"),
                          QStringLiteral("HTTP/1.1"),
                          {80, 8000, 8008, 8080, 8888},
                          sniff,
                          [] { return std::make_unique<HttpDecoder>(); }};
}

} // namespace diesel::widgets
