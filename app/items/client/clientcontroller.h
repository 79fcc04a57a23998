// SPDX-License-Identifier: MIT
// Owns one workspace Client. Its Loop owns the diesel::Client (or UDPClient) and takes commands
// from a Queue the controller fills from GUI code; results come back as transcript entries by
// queued calls, so the GUI never waits on a socket.
#pragma once

#include "clientspec.h"
#include "clienttranscript.h"
#include "itemcontroller.h"

#include <diesel/core/types.h>

#include <memory>

namespace workbench {

struct ClientSession;
struct ClientCommand;

class ClientController : public ItemController
{
    Q_OBJECT

public:
    explicit ClientController(ClientSpec spec, QObject *parent = nullptr);
    ~ClientController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return m_spec.autoconnect; }
    /// Connects (in a Loop); the repeat of its settings starts once connected, if enabled.
    bool start() override;
    /// Disconnects: cancels the client's Loop, which closes the socket.
    void stop() override;
    std::size_t liveConnections() const override { return m_connected ? 1 : 0; }
    QJsonObject settings() const override { return clientJson(m_spec); }
    QString trafficOwner() const override { return m_spec.name; }
    bool starting() const override { return m_session != nullptr; }
    /// Bytes in and out, messages sent, replies and timeouts since it was made (totals).
    std::vector<ItemMeasure> measures() const override;

    const ClientSpec &spec() const noexcept { return m_spec; }
    /// New settings; a connected client reconnects if the peer or transport changed.
    void setSpec(const ClientSpec &spec);
    bool connected() const noexcept { return m_connected; }
    bool connecting() const noexcept { return m_connecting; }
    /// The client's Loop (0 when not running).
    diesel::LoopId loop() const override;
    ClientTranscript *transcript() const noexcept { return m_transcript; }

    /// Sends these exact bytes, then waits for a reply if the settings say so.
    bool sendBytes(const QByteArray &payload);
    /// Sends text with a line ending.
    bool sendText(const QString &text, LineEnding ending);
    /// Sends hex ("48 65 6c 6c 6f"); false (and an error entry) on malformed hex.
    bool sendHex(const QString &hex);
    /// Sends `pattern` + ending `count` times (0: until stopped), one every `interval` seconds;
    /// "{n}" in the pattern becomes the message's number.
    bool repeat(const QString &pattern, LineEnding ending, int count, double interval);
    /// Stops a running repeat after its current message.
    void stopRepeat();
    bool repeating() const noexcept { return m_repeating; }

Q_SIGNALS:
    void connectedChanged(bool connected);

private:
    friend struct ClientSession;
    void note(TranscriptEntry::Kind kind, const QString &text, const QByteArray &bytes = {});
    void onConnected(const QString &peer);
    void onEnded();
    bool enqueue(ClientCommand command);

    ClientSpec m_spec;
    ClientTranscript *m_transcript;
    std::shared_ptr<ClientSession> m_session;
    bool m_connected = false;
    bool m_connecting = false;
    bool m_repeating = false;
    // What its transcript saw, for the charts: never reset, so a reconnect does not look like a
    // burst.
    std::uint64_t m_bytesIn = 0;
    std::uint64_t m_bytesOut = 0;
    std::uint64_t m_sent = 0;
    std::uint64_t m_replies = 0;
    std::uint64_t m_timeouts = 0;
};

} // namespace workbench
