// SPDX-License-Identifier: MIT
// A traffic decoder reads one connection's captured bytes as a protocol's messages (RESP
// commands, HTTP requests, WebSocket frames, ...). It is fed incrementally, side by side, in the
// order the bytes crossed: a message may arrive split over many chunks, or many in one chunk. The
// bytes are hostile input: a decoder buffers a bounded amount and, on bytes that are not its
// protocol, stops with a reason instead of guessing further.
#pragma once

#include <diesel/widgets/export.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace diesel::widgets {

/// Which end of a connection sent bytes: the one that connected (Client) or the one that accepted.
enum class Side { Client, Server };

/// What a decoded message is to request/response pairing.
enum class MessageRole {
    Request,  ///< waits for its response
    Response, ///< answers the oldest waiting request (or the one whose id it names)
    Other,    ///< neither: a WebSocket frame, a pushed message
};

/// One message a decoder recognised.
struct DIESEL_WIDGETS_EXPORT DecodedMessage
{
    Side side = Side::Client;
    MessageRole role = MessageRole::Other;
    /// Its first byte, counted in its side's stream from the first byte fed to the decoder.
    std::uint64_t begin = 0;
    /// Past its last byte (equal to begin for a message whose end is the connection's end).
    std::uint64_t end = 0;
    QString summary; ///< one line: "GET /a", "SET k v", "RpbGetReq b/k", "find test.items"
    QString detail;  ///< several lines: the headers, the reply as a tree, the document as JSON
    /// Non-zero: requests and responses pair by id (MongoDB's requestID) instead of in order.
    std::int64_t id = 0;
    /// The id of the request this response answers (MongoDB's responseTo).
    std::int64_t answers = 0;
    /// One part of a streamed or interim response: the request waits for the last part.
    bool partial = false;
    bool error = false; ///< an error reply
};

/// The interface every protocol's decoder implements; the registry makes them.
class DIESEL_WIDGETS_EXPORT TrafficDecoder
{
public:
    virtual ~TrafficDecoder() = default;
    /// Decodes `bytes` that `side` sent right after what it sent before; appends each message
    /// completed by them to `out`.
    virtual void feed(Side side, QByteArrayView bytes, std::vector<DecodedMessage> &out) = 0;
    /// `n` bytes of `side` were not captured (a long write is captured only in part): true when
    /// they fall inside a body the decoder skips anyway, false when decoding cannot go on.
    virtual bool skipGap(Side side, std::uint64_t n, std::vector<DecodedMessage> &out)
    {
        Q_UNUSED(side);
        Q_UNUSED(n);
        Q_UNUSED(out);
        return false;
    }
    /// Why decoding stopped ("not RESP: ..."), empty while it goes on; feed() then does nothing.
    virtual QString failure() const = 0;
    /// The decoder id that takes the connection over from here (after an HTTP Upgrade to
    /// "websocket"), or empty.
    virtual QString handOver() const { return {}; }
    /// After a hand-over: the bytes of `side` fed but not decoded, for the next decoder.
    virtual QByteArray remainder(Side side) const
    {
        Q_UNUSED(side);
        return {};
    }
};

/// The shape most decoders share: each side's bytes are buffered until parse() finds a whole
/// message at the front. A message may declare more bytes than are buffered (a large body or
/// frame): those are skipped as they arrive, never buffered, and the message is reported with
/// its last byte. Past `limit` buffered bytes without a whole message, decoding stops.
class DIESEL_WIDGETS_EXPORT BufferedDecoder : public TrafficDecoder
{
public:
    /// Longest incomplete message a side buffers by default.
    static constexpr qsizetype kDefaultLimit = 1 << 20;

    /// `protocol` names it in failures ("not RESP: ...").
    explicit BufferedDecoder(QString protocol, qsizetype limit = kDefaultLimit);

    void feed(Side side, QByteArrayView bytes, std::vector<DecodedMessage> &out) final;
    bool skipGap(Side side, std::uint64_t n, std::vector<DecodedMessage> &out) final;
    QString failure() const final { return m_failure; }
    QString handOver() const final { return m_handOver; }
    QByteArray remainder(Side side) const final;

protected:
    /// What parse() found at the front of a side's buffer.
    struct Parsed
    {
        enum Status { NeedMore, Message, Invalid } status = NeedMore;
        /// Message: the bytes it covers, possibly more than were given (the rest is skipped as
        /// it arrives); -1: everything up to the connection's end.
        qint64 length = 0;
        DecodedMessage message; ///< Message: its side, begin and end are filled in for it
        QString reason;         ///< Invalid: why these bytes are not the protocol
        QString switchTo;       ///< Message: the decoder that takes the connection after it
    };
    /// Parses one message at the front of `bytes`, everything `side` sent that is not decoded yet.
    virtual Parsed parse(Side side, QByteArrayView bytes) = 0;

    static Parsed needMore() { return {}; }
    static Parsed invalid(QString reason);
    static Parsed message(qint64 length, DecodedMessage m);

private:
    struct Stream
    {
        QByteArray buffer;
        qsizetype used = 0;                    // bytes at the front of buffer already decoded
        std::uint64_t position = 0;            // of buffer[used] in the side's stream
        std::uint64_t skip = 0;                // bytes of a declared body still to come
        bool toTheEnd = false;                 // the rest of the stream belongs to the last message
        std::optional<DecodedMessage> pending; // reported when its skipped bytes have come
    };
    void decode(Side side, Stream &s, std::vector<DecodedMessage> &out);
    static void skipped(Stream &s, std::uint64_t n, std::vector<DecodedMessage> &out);

    QString m_protocol;
    qsizetype m_limit;
    std::array<Stream, 2> m_streams;
    QString m_failure;
    QString m_handOver;
};

} // namespace diesel::widgets
