// SPDX-License-Identifier: MIT
// The traffic decoders a view can use, by id: each protocol registers a factory (its name, the
// server ports that suggest it, a sniffer for a connection's first bytes). "Auto" picks one per
// connection from those hints.
#pragma once

#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficdecoder.h>

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace diesel::widgets {

/// How one protocol's decoders are made and recognised.
struct DIESEL_WIDGETS_EXPORT DecoderFactory
{
    QString id;   ///< stable id: "resp", "http", "websocket", "riak", "mongodb"
    QString name; ///< what the person picks: "RESP (Redis)"
    /// Server ports that suggest this protocol (6379 for Redis, ...).
    std::vector<std::uint16_t> ports;
    /// How sure it is that a connection whose first bytes (sent by `side`) are `first` speaks
    /// this protocol: 0 not, 1 maybe, 2 surely.
    std::function<int(Side side, QByteArrayView first)> sniff;
    /// A new decoder for one connection.
    std::function<std::unique_ptr<TrafficDecoder>()> create;
};

class DIESEL_WIDGETS_EXPORT DecoderRegistry
{
public:
    /// An empty registry.
    DecoderRegistry() = default;
    /// The decoders diesel::widgets holds: RESP, HTTP, WebSocket and Riak PBC. (MongoDB's, which
    /// needs libbson, is in diesel::widgets_mongodb: add mongoDecoderFactory() to a registry.)
    static DecoderRegistry builtins();

    /// Adds a factory, replacing one with the same id.
    void add(DecoderFactory factory);
    /// The factory with this id, or null.
    const DecoderFactory *find(const QString &id) const;
    /// Every factory, in the order added.
    const std::vector<DecoderFactory> &factories() const noexcept { return m_factories; }
    /// A new decoder of this id, or null for an unknown id.
    std::unique_ptr<TrafficDecoder> create(const QString &id) const;
    /// Auto: a sniffer that is sure, else the factory of the server's port, else a sniffer that
    /// thinks it may be; null when nothing fits (the bytes stay raw).
    const DecoderFactory *choose(std::uint16_t serverPort, Side side, QByteArrayView first) const;

private:
    std::vector<DecoderFactory> m_factories;
};

/// The RESP (Redis) decoder: RESP2 and RESP3 values, inline commands, pipelines.
DIESEL_WIDGETS_EXPORT DecoderFactory respDecoderFactory();
/// The HTTP/1.1 decoder: request and status lines, headers, Content-Length and chunked bodies; an
/// Upgrade to WebSocket hands the connection to "websocket".
DIESEL_WIDGETS_EXPORT DecoderFactory httpDecoderFactory();
/// The WebSocket frame decoder (RFC 6455): opcode, FIN, mask, length, text preview, close code.
DIESEL_WIDGETS_EXPORT DecoderFactory websocketDecoderFactory();
/// The Riak PBC decoder: length, message code by name, bucket and key of requests.
DIESEL_WIDGETS_EXPORT DecoderFactory riakDecoderFactory();

} // namespace diesel::widgets
