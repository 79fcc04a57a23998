// SPDX-License-Identifier: MIT
// Owns one workspace WebSocket client: a Loop that connects to its ws:// URL and receives, short
// Loops that send text or binary frames and pings, and the closing handshake with a chosen code.
// Every frame in and out, pongs and the close go into a list, newest last.
#pragma once

#include "itemcontroller.h"
#include "websocketspec.h"

#include <QDateTime>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace diesel::http {
class WebSocket;
}

namespace workbench {

/// One line of the frame list.
struct WebSocketFrame
{
    enum class Kind { In, Out, Ping, Pong, Close, Note };
    QDateTime when;
    Kind kind = Kind::Note;
    bool binary = false;
    QByteArray data; ///< the payload (the close reason, a note's text)
    int code = 0;    ///< Close: the close code
};

/// "in", "out", "ping", "pong", "close", "note".
QString toString(WebSocketFrame::Kind kind);
/// "48 65 6c" → bytes; nothing for anything but pairs of hex digits (spaces allowed).
std::optional<QByteArray> fromHex(const QString &text);

class WebSocketClientController : public ItemController
{
    Q_OBJECT

public:
    static constexpr std::size_t kFrames = 2000; ///< frames kept; older ones are dropped

    explicit WebSocketClientController(WebSocketClientSpec spec, QObject *parent = nullptr);
    ~WebSocketClientController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autoconnect; }
    /// Connects in the background (Running once the handshake is done).
    bool start() override;
    /// Drops the connection without a closing handshake.
    void stop() override;
    QString trafficOwner() const override { return webSocketClientLabel(m_spec); }
    diesel::LoopId loop() const override { return m_receiver; }
    bool starting() const override { return m_receiver != 0 && !m_socket; }
    std::size_t liveConnections() const override { return m_socket ? 1 : 0; }
    QJsonObject settings() const override { return webSocketClientJson(m_spec); }

    const WebSocketClientSpec &spec() const noexcept { return m_spec; }
    void setSpec(const WebSocketClientSpec &spec);
    bool isOpen() const;

    /// Sends a text frame; "" or why it cannot.
    QString sendText(const QString &text);
    /// Sends a binary frame of these hex digits; "" or why it cannot.
    QString sendHex(const QString &hex);
    /// Sends a ping; the pong shows in the list. "" or why it cannot.
    QString ping(const QString &payload = {});
    /// Starts the closing handshake with `code` and `reason`; "" or why it cannot.
    QString closeWith(int code, const QString &reason);

    const std::deque<WebSocketFrame> &frames() const noexcept { return m_frames; }
    void clearFrames();

private:
    void add(WebSocketFrame frame);
    void opened(std::shared_ptr<diesel::http::WebSocket> socket);
    QString sendFrame(WebSocketFrame frame);
    void ended(const QString &why, bool error);
    void samplePongs();

    WebSocketClientSpec m_spec;
    std::shared_ptr<diesel::http::WebSocket> m_socket;
    diesel::LoopId m_receiver = 0;
    std::shared_ptr<bool> m_receiving; ///< whether the receiver Loop still reads the socket
    std::uint64_t m_pongs = 0;
    std::deque<WebSocketFrame> m_frames;
    QTimer m_pongTimer;
};

} // namespace workbench
