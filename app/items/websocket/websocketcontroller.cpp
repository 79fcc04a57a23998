// SPDX-License-Identifier: MIT
#include "websocketcontroller.h"

#include <diesel/core/error.h>
#include <diesel/core/hub.h>
#include <diesel/core/runtime.h>
#include <diesel/http/websocket.h>
#include <diesel/http/websocket_client.h>

#include <QPointer>

#include <cctype>

namespace workbench {

namespace http = diesel::http;

QString toString(WebSocketFrame::Kind kind)
{
    switch (kind) {
    case WebSocketFrame::Kind::In:
        return QStringLiteral("in");
    case WebSocketFrame::Kind::Out:
        return QStringLiteral("out");
    case WebSocketFrame::Kind::Ping:
        return QStringLiteral("ping");
    case WebSocketFrame::Kind::Pong:
        return QStringLiteral("pong");
    case WebSocketFrame::Kind::Close:
        return QStringLiteral("close");
    case WebSocketFrame::Kind::Note:
        return QStringLiteral("note");
    }
    return {};
}

std::optional<QByteArray> fromHex(const QString &text)
{
    QString digits = text;
    digits.remove(QLatin1Char(' '));
    if (digits.size() % 2 != 0)
        return std::nullopt;
    for (QChar c : digits)
        if (c.unicode() > 0x7f || !std::isxdigit(static_cast<unsigned char>(c.toLatin1())))
            return std::nullopt;
    return QByteArray::fromHex(digits.toLatin1());
}

WebSocketClientController::WebSocketClientController(WebSocketClientSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
{
    m_pongTimer.setInterval(100);
    connect(&m_pongTimer, &QTimer::timeout, this, &WebSocketClientController::samplePongs);
}

WebSocketClientController::~WebSocketClientController()
{
    stop();
}

QString WebSocketClientController::summary() const
{
    QString text = QStringLiteral("%1 \u2192 %2").arg(m_spec.name, m_spec.url);
    if (m_socket)
        text += QStringLiteral(" \u00b7 open");
    else if (m_receiver)
        text += QStringLiteral(" \u00b7 connecting");
    return text;
}

bool WebSocketClientController::isOpen() const
{
    return m_socket && m_socket->is_open();
}

void WebSocketClientController::add(WebSocketFrame frame)
{
    frame.when = QDateTime::currentDateTime();
    m_frames.push_back(std::move(frame));
    while (m_frames.size() > kFrames)
        m_frames.pop_front();
    Q_EMIT changed();
}

bool WebSocketClientController::start()
{
    if (m_receiver || m_socket)
        return true;
    const std::string url = m_spec.url.toStdString();
    const std::string label = webSocketClientLabel(m_spec).toStdString();
    diesel::LoopOptions loopOptions;
    loopOptions.label = label;
    loopOptions.stack_size = 256 * 1024; // TLS for wss://
    m_receiving = std::make_shared<bool>(false);
    // The Loop may unwind after the controller went: QPointer tells, after every wait.
    m_receiver = diesel::Hub::current().spawn(
        [self = QPointer(this), url, label, receiving = m_receiving] {
            try {
                http::WebSocketClientOptions options;
                options.client.label = label;
                options.handshake_timeout = diesel::Seconds(10);
                const auto socket =
                    std::make_shared<http::WebSocket>(http::websocket_connect(url, options));
                if (auto *me = self.data())
                    me->opened(socket);
                else
                    return;
                *receiving = true;
                struct Done
                {
                    bool &receiving;
                    ~Done() { receiving = false; }
                } done{*receiving};
                for (;;) {
                    http::Message message = socket->receive();
                    auto *me = self.data();
                    if (!me)
                        return;
                    me->add({{},
                             WebSocketFrame::Kind::In,
                             !message.is_text(),
                             QByteArray::fromStdString(message.data),
                             0});
                }
            } catch (const http::WebSocketClosed &closed) {
                if (auto *me = self.data()) {
                    me->add({{},
                             WebSocketFrame::Kind::Close,
                             false,
                             QByteArray::fromStdString(std::string(closed.reason())),
                             closed.code()});
                    me->ended(QStringLiteral("closed %1 by %2")
                                  .arg(closed.code())
                                  .arg(closed.by_peer() ? QStringLiteral("the server")
                                                        : QStringLiteral("the client")),
                              false);
                }
            } catch (const std::exception &e) {
                if (auto *me = self.data())
                    me->ended(QString::fromUtf8(e.what()), true);
            }
        },
        loopOptions);
    Q_EMIT changed();
    return true;
}

void WebSocketClientController::opened(std::shared_ptr<diesel::http::WebSocket> socket)
{
    m_socket = std::move(socket);
    m_pongs = 0;
    m_pongTimer.start();
    setState(ItemState::Running);
    add({{}, WebSocketFrame::Kind::Note, false, "connected", 0});
    Q_EMIT logLine(
        QStringLiteral("%1 connected to %2").arg(webSocketClientLabel(m_spec), m_spec.url));
}

void WebSocketClientController::ended(const QString &why, bool error)
{
    m_receiver = 0;
    m_socket.reset();
    m_pongTimer.stop();
    Q_EMIT logLine(QStringLiteral("%1: %2").arg(webSocketClientLabel(m_spec), why));
    if (error) {
        add({{}, WebSocketFrame::Kind::Note, false, why.toUtf8(), 0});
        setState(ItemState::Error, why);
    } else {
        setState(ItemState::Stopped);
    }
    Q_EMIT changed();
}

void WebSocketClientController::stop()
{
    if (!m_receiver && !m_socket)
        return;
    if (diesel::Hub *hub = diesel::Hub::current_if_any(); hub && m_receiver)
        hub->cancel(m_receiver, "the WebSocket client was stopped in the workbench");
    // Dropping the socket ends its connection (no closing handshake: that is Close).
    ended(QStringLiteral("disconnected"), false);
}

void WebSocketClientController::setSpec(const WebSocketClientSpec &spec)
{
    if (spec == m_spec)
        return;
    takeSettings({.restart = m_receiver || m_socket}, [&] { m_spec = spec; });
}

QString WebSocketClientController::sendFrame(WebSocketFrame frame)
{
    if (!isOpen())
        return QStringLiteral("not connected");
    diesel::LoopOptions options;
    options.label = webSocketClientLabel(m_spec).toStdString() + " send";
    diesel::Hub::current().spawn(
        [socket = m_socket, frame] {
            try {
                const std::string data = frame.data.toStdString();
                if (frame.kind == WebSocketFrame::Kind::Ping)
                    socket->ping(data);
                else if (frame.binary)
                    socket->send_binary(data);
                else
                    socket->send_text(data);
            } catch (const std::exception &) {
                // Closing began meanwhile: the receiver reports the close.
            }
        },
        options);
    add(std::move(frame));
    return {};
}

QString WebSocketClientController::sendText(const QString &text)
{
    return sendFrame({{}, WebSocketFrame::Kind::Out, false, text.toUtf8(), 0});
}

QString WebSocketClientController::sendHex(const QString &hex)
{
    const std::optional<QByteArray> bytes = fromHex(hex);
    if (!bytes)
        return QStringLiteral("expected pairs of hex digits (\"48 69\")");
    return sendFrame({{}, WebSocketFrame::Kind::Out, true, *bytes, 0});
}

QString WebSocketClientController::ping(const QString &payload)
{
    if (payload.toUtf8().size() > 125)
        return QStringLiteral("a ping carries at most 125 bytes");
    return sendFrame({{}, WebSocketFrame::Kind::Ping, false, payload.toUtf8(), 0});
}

QString WebSocketClientController::closeWith(int code, const QString &reason)
{
    if (!isOpen())
        return QStringLiteral("not connected");
    if (code < 0 || code > 65535 || !http::valid_close_code(std::uint16_t(code)))
        return QStringLiteral("%1 is no close code an endpoint may send (1000-1003, "
                              "1007-1014, 3000-4999)")
            .arg(code);
    if (reason.toUtf8().size() > 123)
        return QStringLiteral("a close reason has at most 123 bytes");
    // The closing handshake reads the peer's frames, so the receiver lets go first.
    if (m_receiver)
        diesel::Hub::current().cancel(m_receiver, "closing");
    m_receiver = 0;
    diesel::LoopOptions options;
    options.label = webSocketClientLabel(m_spec).toStdString() + " close";
    diesel::Hub::current().spawn(
        [self = QPointer(this), socket = m_socket, receiving = m_receiving, code,
         reason = reason.toStdString()] {
            // The receiver unwinds at its next round; close() must read the socket alone.
            for (int i = 0; i < 5000 && *receiving; ++i)
                diesel::sleep(0.001);
            try {
                socket->close(std::uint16_t(code), reason);
            } catch (const std::exception &) {
                // The connection ended first: closed all the same.
            }
            auto *me = self.data();
            if (me && me->m_socket.get() == socket.get())
                me->ended(QStringLiteral("closed %1 by the client").arg(code), false);
        },
        options);
    add({{}, WebSocketFrame::Kind::Close, false, reason.toUtf8(), code});
    return {};
}

void WebSocketClientController::samplePongs()
{
    if (!m_socket)
        return;
    for (; m_pongs < m_socket->pongs(); ++m_pongs)
        add({{}, WebSocketFrame::Kind::Pong, false, {}, 0});
}

void WebSocketClientController::clearFrames()
{
    m_frames.clear();
    Q_EMIT changed();
}

} // namespace workbench
