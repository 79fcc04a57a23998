// SPDX-License-Identifier: MIT
// What a person builds in the workbench, as plain values: Services, Clients and Queues. A
// Workspace is what a workspace file holds (see workspacefile.h).
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace workbench {

enum class Transport { Tcp, Udp };
/// What a Service does with each connection (or datagram).
enum class Behaviour {
    Echo,      ///< sends back whatever arrives
    Holla,     ///< the guide's holla: each line back IN ALL CAPS
    Broker,    ///< a line pub/sub broker: SUBSCRIBE chan, PUBLISH chan message (TCP only)
    QueuePush, ///< puts each line into a named Queue of the workspace
    Script,    ///< a JavaScript onLine(line, conn) answers each line (TCP only; scriptbehaviour.h)
};
enum class TlsMode { Off, Files, SelfSigned };
enum class LineEnding { None, Lf, CrLf };

/// Faults a Service's or Client's TCP connections inject on purpose (diesel::FaultPlan in the
/// panel's units; see faults.h). The default injects none.
struct FaultSpec
{
    int latencyMs = 0;          ///< every chunk read or written waits this long
    int bandwidth = 0;          ///< bytes/s each direction may move; 0: no cap
    int maxRead = 0;            ///< largest piece one read takes; 0: no limit
    int maxWrite = 0;           ///< largest piece one write sends; 0: no limit
    int dropAfter = 0;          ///< drop once this many bytes were written; 0: never
    double dropProbability = 0; ///< chance (0 to 1) of a drop at each chunk
    bool reset = false;         ///< close with a reset (RST) instead of an orderly end

    friend bool operator==(const FaultSpec &, const FaultSpec &) = default;
};

struct ServiceSpec
{
    QString name = QStringLiteral("holla");
    Transport transport = Transport::Tcp;
    QString iface = QStringLiteral("127.0.0.1"); ///< "127.0.0.1", "::1", "0.0.0.0", "::"
    std::uint16_t port = 0;                      ///< 0: the OS picks one
    Behaviour behaviour = Behaviour::Holla;
    TlsMode tls = TlsMode::Off;
    QString certFile;
    QString keyFile;
    QString queue;  ///< for Behaviour::QueuePush
    QString script; ///< for Behaviour::Script: JavaScript defining onLine; empty: upper-case
    int scriptBudgetMs = 100; ///< for Behaviour::Script: how long one call may run
    bool autostart = true;
    /// TCP: a connection silent this long is closed (0: never). On by default in the workbench
    /// (the guide's Services have none), so idle or stalled peers cannot hold every descriptor.
    int idleTimeout = 300;
    /// TCP: a line in progress must arrive at this many bytes/s after a 10 s allowance (0: any
    /// rate); against slowloris.
    int minReceiveRate = 16;
    FaultSpec faults; ///< TCP: injected on every connection; changed live while running

    friend bool operator==(const ServiceSpec &, const ServiceSpec &) = default;
};

/// Sending one message again and again.
struct RepeatSpec
{
    bool enabled = false;  ///< starts when the client connects
    QString message;       ///< "{n}" is replaced by the message's number (from 1)
    int count = 0;         ///< 0: until stopped
    double interval = 1.0; ///< seconds between two messages

    friend bool operator==(const RepeatSpec &, const RepeatSpec &) = default;
};

struct ClientSpec
{
    QString name = QStringLiteral("client");
    Transport transport = Transport::Tcp;
    QString host = QStringLiteral("127.0.0.1");
    std::uint16_t port = 4321;
    bool tls = false;
    bool verifyPeer = true;
    LineEnding lineEnding = LineEnding::CrLf;
    bool waitForReply = true;
    double replyTimeout = 5.0; ///< seconds
    bool autoconnect = false;
    RepeatSpec repeat;
    FaultSpec faults; ///< TCP: injected on its connection; changed live while connected

    friend bool operator==(const ClientSpec &, const ClientSpec &) = default;
};

struct QueueSpec
{
    QString name = QStringLiteral("jobs");
    int capacity = 10000;    ///< 0: unbounded
    int consumers = 0;       ///< Loops that take items (and drop them)
    double consumeDelay = 0; ///< seconds each consumer sleeps after an item

    friend bool operator==(const QueueSpec &, const QueueSpec &) = default;
};

/// A workspace: the items and the file format version they were read from or will be written as.
struct Workspace
{
    static constexpr int kVersion = 1;
    int version = kVersion;
    QString name;
    std::vector<ServiceSpec> services;
    std::vector<ClientSpec> clients;
    std::vector<QueueSpec> queues;

    friend bool operator==(const Workspace &, const Workspace &) = default;
};

/// Words used in files and the UI.
QString toString(Transport transport);
QString toString(Behaviour behaviour);
QString toString(TlsMode mode);
QString toString(LineEnding ending);
/// A person's name for a behaviour: "Echo", "Holla (upper-case)", ...
QString displayName(Behaviour behaviour);
/// The bytes a line ending adds.
QByteArray lineEndingBytes(LineEnding ending);
/// True for interfaces that are reachable from other machines (0.0.0.0, ::, an empty string).
bool isAllInterfaces(const QString &iface);
/// The label the runtime shows for a Service's connections: "holla :4321".
QString serviceLabel(const ServiceSpec &spec);

} // namespace workbench
