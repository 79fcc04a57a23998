// SPDX-License-Identifier: MIT
#include "clientcontroller.h"
#include "faults.h"

#include <diesel/core/client.h>
#include <diesel/core/first.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>
#include <diesel/core/queue.h>
#include <diesel/core/runtime.h>
#include <diesel/widgets/format.h>

#include <QPointer>

#include <variant>

namespace workbench {

/// What the GUI asks the client's Loop to do.
struct ClientCommand
{
    enum class Kind { Send, Repeat } kind = Kind::Send;
    QByteArray payload; ///< Send: the exact bytes
    QString pattern;    ///< Repeat: the message, "{n}" numbered
    QByteArray ending;  ///< Repeat: appended to each message
    int count = 1;
    double interval = 1.0;
    bool waitReply = true;
    double timeout = 5.0;
};

/// What the client's Loop shares with its controller. The Loop keeps it alive, so the controller
/// may go first: its QPointer then reads null and nothing more is reported.
struct ClientSession
{
    QPointer<ClientController> owner;
    ClientSpec spec;
    diesel::Queue<ClientCommand> commands{"commands"};
    bool stopRepeat = false;
    diesel::LoopId loop = 0;
    std::weak_ptr<diesel::Connection> connection; ///< TCP, once connected: faults switch live

    bool ended = false;

    // Reports to the controller by a queued call: the GUI updates outside the Loop.
    template<class F>
    void report(F fn)
    {
        if (!owner)
            return;
        QPointer<ClientController> target = owner;
        QMetaObject::invokeMethod(
            owner.data(),
            [target, fn = std::move(fn)] {
                if (ClientController *controller = target.data())
                    fn(*controller);
            },
            Qt::QueuedConnection);
    }
    void note(TranscriptEntry::Kind kind, QString text, QByteArray bytes = {})
    {
        report([kind, text = std::move(text), bytes = std::move(bytes)](ClientController &c) {
            c.note(kind, text, bytes);
        });
    }
    void connected(const QString &peer)
    {
        report([peer](ClientController &c) { c.onConnected(peer); });
    }
    void repeatDone()
    {
        report([](ClientController &c) {
            c.m_repeating = false;
            Q_EMIT c.changed();
        });
    }
    void failed(const QString &why)
    {
        report([why](ClientController &c) { c.setState(ItemState::Error, why); });
    }
    void finished()
    {
        ended = true;
        report([](ClientController &c) { c.onEnded(); });
    }
};

namespace {

using Kind = TranscriptEntry::Kind;

QByteArray bytesOf(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

// The commands loop, running inside Client::call(): every condition acts on the client's socket.
class Session
{
public:
    Session(ClientSession &s, bool tcp)
        : m_s(s)
        , m_tcp(tcp)
    {}

    void run()
    {
        for (;;) {
            auto next = m_tcp ? toCommand(diesel::first(m_s.commands, diesel::cond::receive_any()))
                              : toCommand(diesel::first(m_s.commands, diesel::cond::datagram()));
            if (!next)
                continue;
            ClientCommand &cmd = *next;
            if (cmd.kind == ClientCommand::Kind::Send) {
                exchange(cmd.payload, cmd.waitReply, cmd.timeout);
                continue;
            }
            m_s.stopRepeat = false;
            int n = 1;
            for (; cmd.count == 0 || n <= cmd.count; ++n) {
                if (m_s.stopRepeat)
                    break;
                QString text = cmd.pattern;
                text.replace(QLatin1String("{n}"), QString::number(n));
                exchange(text.toUtf8() + cmd.ending, cmd.waitReply, cmd.timeout);
                pause(cmd.interval);
            }
            m_s.note(Kind::Info,
                     QStringLiteral("repeat %1 after %2 messages")
                         .arg(m_s.stopRepeat ? QStringLiteral("stopped") : QStringLiteral("done"))
                         .arg(n - 1));
            m_s.repeatDone();
        }
    }

private:
    // Data that arrived while no command waited is shown as received.
    template<class Variant>
    std::optional<ClientCommand> toCommand(Variant &&next)
    {
        if (next.index() == 1) {
            m_s.note(Kind::Received, {}, bytesOf(std::get<1>(next)));
            return std::nullopt;
        }
        return std::move(std::get<0>(next));
    }

    // The guide's holla(): send, then wait for the first of a reply and a timeout.
    void exchange(const QByteArray &payload, bool waitReply, double timeout)
    {
        diesel::send(std::string_view(payload.constData(), std::size_t(payload.size())));
        m_s.note(Kind::Sent, {}, payload);
        if (!waitReply)
            return;
        const auto start = diesel::Clock::now();
        auto reply =
            m_tcp ? toReply(diesel::first(diesel::cond::sleep(timeout), diesel::cond::until_eol()))
                  : toReply(diesel::first(diesel::cond::sleep(timeout), diesel::cond::datagram()));
        if (!reply) {
            m_s.note(
                Kind::Timeout,
                QStringLiteral("no reply within %1").arg(diesel::widgets::humanSeconds(timeout)));
            return;
        }
        m_s.note(Kind::Reply, diesel::widgets::humanDuration(diesel::Clock::now() - start),
                 bytesOf(*reply));
    }

    template<class Variant>
    static std::optional<std::string> toReply(Variant &&r)
    {
        if (r.index() == 0)
            return std::nullopt;
        return std::move(std::get<1>(r));
    }

    // Waits between repeated messages, still showing whatever arrives meanwhile.
    void pause(double seconds)
    {
        const auto deadline =
            diesel::Clock::now() + std::chrono::duration_cast<diesel::Clock::duration>(
                                       std::chrono::duration<double>(seconds));
        while (diesel::Clock::now() < deadline && !m_s.stopRepeat) {
            const auto left = deadline - diesel::Clock::now();
            if (m_tcp) {
                auto r = diesel::first(diesel::cond::sleep(left), diesel::cond::receive_any());
                if (r.index() == 1)
                    m_s.note(Kind::Received, {}, bytesOf(std::get<1>(r)));
            } else {
                auto r = diesel::first(diesel::cond::sleep(left), diesel::cond::datagram());
                if (r.index() == 1)
                    m_s.note(Kind::Received, {}, bytesOf(std::get<1>(r)));
            }
        }
    }

    ClientSession &m_s;
    bool m_tcp;
};

void runClient(std::shared_ptr<ClientSession> s)
{
    // Whatever ends the Loop (an error, the peer, a cancellation) reports it.
    struct Ended
    {
        std::shared_ptr<ClientSession> s;
        ~Ended() { s->finished(); }
    } ended{s};

    const ClientSpec spec = s->spec;
    const std::string host = spec.host.toStdString();
    const QString peer = QStringLiteral("%1:%2").arg(spec.host).arg(spec.port);
    try {
        if (spec.transport == Transport::Tcp) {
            diesel::ClientOptions options;
            options.timeout = diesel::Seconds(10);
            options.label = spec.name.toStdString();
            if (spec.tls)
                options.tls = diesel::TlsContext::client(spec.verifyPeer);
            options.faults = toFaultPlan(spec.faults);
            diesel::Client client(host, spec.port, std::move(options));
            s->connection = client.shared_connection();
            s->connected(peer);
            Session session(*s, true);
            client.call([&] { session.run(); });
        } else {
            diesel::UDPClient client(host, spec.port);
            client.connection().set_owner(spec.name.toStdString());
            s->connected(peer);
            Session session(*s, false);
            client.call([&] { session.run(); });
        }
    } catch (const diesel::ConnectionClosed &e) {
        s->note(Kind::Info, QStringLiteral("the server closed the connection (%1)")
                                .arg(QString::fromUtf8(e.what())));
    } catch (const std::exception &e) {
        s->note(Kind::Error, QString::fromUtf8(e.what()));
        s->failed(QString::fromUtf8(e.what()));
    }
}

} // namespace

ClientController::ClientController(ClientSpec spec, QObject *parent)
    : ItemController(parent)
    , m_spec(std::move(spec))
    , m_transcript(new ClientTranscript(this))
{}

ClientController::~ClientController()
{
    stop();
}

QString ClientController::summary() const
{
    QString text = QStringLiteral("%1 \u2192 %2:%3").arg(m_spec.name, m_spec.host).arg(m_spec.port);
    if (m_spec.transport == Transport::Udp)
        text += QStringLiteral(" \u00b7 udp");
    else if (injectsFaults(m_spec.faults))
        text += QStringLiteral(" \u00b7 ") + faultSummary(m_spec.faults);
    if (m_connecting)
        text += QStringLiteral(" \u00b7 connecting");
    else if (m_connected)
        text +=
            m_repeating ? QStringLiteral(" \u00b7 repeating") : QStringLiteral(" \u00b7 connected");
    return text;
}

std::vector<ItemMeasure> ClientController::measures() const
{
    constexpr auto total = ItemMeasure::Kind::Total;
    constexpr auto bytes = ItemMeasure::Unit::Bytes;
    return {{QStringLiteral("bytes in"), double(m_bytesIn), total, bytes},
            {QStringLiteral("bytes out"), double(m_bytesOut), total, bytes},
            {QStringLiteral("sent"), double(m_sent), total},
            {QStringLiteral("replies"), double(m_replies), total},
            {QStringLiteral("timeouts"), double(m_timeouts), total}};
}

diesel::LoopId ClientController::loop() const
{
    return m_session && !m_session->ended ? m_session->loop : 0;
}

bool ClientController::start()
{
    if (m_session && !m_session->ended)
        return true;
    m_session = std::make_shared<ClientSession>();
    m_session->owner = this;
    m_session->spec = m_spec;
    diesel::LoopOptions options;
    options.label = QStringLiteral("client %1 \u2192 %2:%3")
                        .arg(m_spec.name, m_spec.host)
                        .arg(m_spec.port)
                        .toStdString();
    m_connecting = true;
    m_repeating = false;
    setState(ItemState::Stopped);
    note(Kind::Info, QStringLiteral("connecting to %1:%2 (%3)")
                         .arg(m_spec.host)
                         .arg(m_spec.port)
                         .arg(toString(m_spec.transport)));
    m_session->loop = diesel::Hub::current().spawn([s = m_session] { runClient(s); }, options);
    if (m_spec.repeat.enabled && !m_spec.repeat.message.isEmpty())
        repeat(m_spec.repeat.message, m_spec.lineEnding, m_spec.repeat.count,
               m_spec.repeat.interval);
    Q_EMIT changed();
    return true;
}

void ClientController::stop()
{
    if (!m_session)
        return;
    std::shared_ptr<ClientSession> session = std::exchange(m_session, nullptr);
    session->owner = nullptr;
    const bool wasUp = m_connected || m_connecting;
    if (!session->ended)
        if (diesel::Hub *hub = diesel::Hub::current_if_any())
            hub->cancel(session->loop, "disconnected from the workbench");
    m_connected = m_connecting = m_repeating = false;
    if (wasUp) {
        note(Kind::Info, QStringLiteral("disconnected"));
        Q_EMIT logLine(QStringLiteral("client %1 disconnected").arg(m_spec.name));
        Q_EMIT connectedChanged(false);
    }
    setState(ItemState::Stopped);
    Q_EMIT changed();
}

void ClientController::setSpec(const ClientSpec &spec)
{
    if (spec == m_spec)
        return;
    const bool reconnect =
        m_session && (spec.host != m_spec.host || spec.port != m_spec.port ||
                      spec.transport != m_spec.transport || spec.tls != m_spec.tls ||
                      spec.verifyPeer != m_spec.verifyPeer);
    const bool faultsChanged = spec.faults != m_spec.faults;
    m_spec = spec;
    if (m_session)
        m_session->spec = spec;
    if (faultsChanged && !reconnect && m_session)
        if (const auto conn = m_session->connection.lock(); conn && conn->is_open())
            conn->set_faults(toFaultPlan(spec.faults));
    if (reconnect) {
        stop();
        start();
    }
    Q_EMIT changed();
}

void ClientController::note(TranscriptEntry::Kind kind, const QString &text,
                            const QByteArray &bytes)
{
    switch (kind) {
    case Kind::Sent:
        ++m_sent;
        m_bytesOut += std::uint64_t(bytes.size());
        break;
    case Kind::Reply:
        ++m_replies;
        m_bytesIn += std::uint64_t(bytes.size());
        break;
    case Kind::Received:
        m_bytesIn += std::uint64_t(bytes.size());
        break;
    case Kind::Timeout:
        ++m_timeouts;
        break;
    case Kind::Info:
    case Kind::Error:
        break;
    }
    m_transcript->append(TranscriptEntry{QDateTime::currentDateTime(), kind, bytes, text});
}

void ClientController::onConnected(const QString &peer)
{
    m_connecting = false;
    m_connected = true;
    setState(ItemState::Running);
    note(Kind::Info, QStringLiteral("connected to %1").arg(peer));
    Q_EMIT logLine(QStringLiteral("client %1 connected to %2").arg(m_spec.name, peer));
    Q_EMIT connectedChanged(true);
    Q_EMIT changed();
}

void ClientController::onEnded()
{
    // Only the current session's end matters; a replaced one already reported.
    if (m_session && m_session->ended) {
        m_session.reset();
        const bool was = m_connected;
        m_connected = m_connecting = m_repeating = false;
        if (state() != ItemState::Error)
            setState(ItemState::Stopped);
        if (was) {
            note(Kind::Info, QStringLiteral("disconnected"));
            Q_EMIT logLine(QStringLiteral("client %1 disconnected").arg(m_spec.name));
            Q_EMIT connectedChanged(false);
        } else if (state() == ItemState::Error) {
            Q_EMIT logLine(QStringLiteral("client %1: %2").arg(m_spec.name, errorText()));
        }
        Q_EMIT changed();
    }
}

bool ClientController::enqueue(ClientCommand command)
{
    if (!m_session || m_session->ended) {
        note(Kind::Error, QStringLiteral("not connected: connect first"));
        return false;
    }
    return m_session->commands.try_put(std::move(command));
}

bool ClientController::sendBytes(const QByteArray &payload)
{
    ClientCommand command;
    command.kind = ClientCommand::Kind::Send;
    command.payload = payload;
    command.waitReply = m_spec.waitForReply;
    command.timeout = m_spec.replyTimeout;
    return enqueue(std::move(command));
}

bool ClientController::sendText(const QString &text, LineEnding ending)
{
    return sendBytes(text.toUtf8() + lineEndingBytes(ending));
}

bool ClientController::sendHex(const QString &hex)
{
    QByteArray bytes;
    if (!diesel::widgets::parseHex(hex, &bytes)) {
        note(Kind::Error,
             QStringLiteral("not hex: write pairs of hex digits, as in \"48 65 0d 0a\""));
        return false;
    }
    return sendBytes(bytes);
}

bool ClientController::repeat(const QString &pattern, LineEnding ending, int count, double interval)
{
    ClientCommand command;
    command.kind = ClientCommand::Kind::Repeat;
    command.pattern = pattern;
    command.ending = lineEndingBytes(ending);
    command.count = std::max(0, count);
    command.interval = std::max(0.001, interval);
    command.waitReply = m_spec.waitForReply;
    command.timeout = m_spec.replyTimeout;
    if (!enqueue(std::move(command)))
        return false;
    m_repeating = true;
    Q_EMIT changed();
    return true;
}

void ClientController::stopRepeat()
{
    if (m_session)
        m_session->stopRepeat = true;
}

} // namespace workbench
