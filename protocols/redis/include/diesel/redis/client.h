// SPDX-License-Identifier: MIT
// RedisClient: the guide's RedisClient. One connection; every command a lower-case method that
// suspends only the calling Loop until its reply came.
//
//     diesel::redis::RedisClient c("localhost");
//     c.set("mykey", "myvalue");
//     std::optional<std::string> v = c.get("mykey");
#pragma once

#include <diesel/core/client.h>
#include <diesel/core/request_channel.h>
#include <diesel/core/tls.h>
#include <diesel/core/types.h>
#include <diesel/redis/commands/families.h>
#include <diesel/redis/export.h>
#include <diesel/redis/reply.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace diesel::redis {

class Pipeline;
class Transaction;

namespace detail {
struct ClientState;
}

/// A server's address: a cluster seed, a Sentinel.
struct DIESEL_REDIS_EXPORT RedisNode
{
    std::string host{};        ///< name or numeric address
    std::uint16_t port = 6379; ///< TCP port
};

/// Which server a client made by RedisClient::from_sentinel() talks to.
enum class SentinelRole {
    Primary, ///< the master the Sentinels monitor (reads and writes)
    /// One of its healthy replicas (reads), round robin on each reconnect; the master while
    /// the Sentinels know no healthy replica.
    Replica,
};

/// How a RedisClient connects.
struct DIESEL_REDIS_EXPORT RedisOptions
{
    int db = 0;                               ///< SELECT this database after connecting
    std::string password{};                   ///< AUTH with this password when not empty
    std::string username{};                   ///< ... and this ACL user when not empty
    std::optional<Seconds> connect_timeout{}; ///< none: the OS's
    /// Reconnect (and re-AUTH, re-SELECT) before the next command once the connection was
    /// lost. The command during which it was lost still throws ConnectionClosed.
    bool reconnect = true;
    std::string client_name{}; ///< CLIENT SETNAME after connecting
    /// READONLY after connecting: a cluster replica then serves reads of its slots.
    bool readonly = false;
    std::optional<TlsContext> tls{}; ///< a client TlsContext: connect with TLS
    std::string label{};             ///< owner shown to observers; default "redis"
    /// How long a command may wait for its reply (and for its bytes to be written); past it the
    /// command throws RedisTimeout and the connection is dropped, so the next command starts on
    /// a new one. Blocking commands (BLPOP, XREAD BLOCK, WAIT, ...) get their own timeout on
    /// top; with timeout 0 they wait forever. none: no limit.
    std::optional<Seconds> command_timeout = Seconds(30);
    /// Limits on what one reply may declare or take; past one: RedisProtocolError, connection
    /// dropped. Elements of an array are allocated as they arrive, never from the declared count.
    std::size_t max_array_count = std::size_t(1) << 24;   ///< elements of one array
    std::size_t max_bulk_length = std::size_t(512) << 20; ///< one bulk string (Redis's default)
    std::size_t max_reply_size = std::size_t(1) << 30;    ///< a whole reply, in memory
};

/// A connection to a Redis server with a typed method per command. Construct it in a Loop.
/// Several Loops may share one RedisClient: their commands take turns to be sent, first come
/// first served, and pipeline on its one connection (a RequestChannel); each Loop waits for its
/// own reply, so a blocking pop delays the replies behind it up to its timeout.
class DIESEL_REDIS_EXPORT RedisClient : public detail::CommandFamilies
{
public:
    /// Connects to host:port, authenticates and selects `db`: suspends the calling Loop until
    /// done. Throws ClientConnectionError (and its subclasses) or RedisError (bad password).
    explicit RedisClient(const std::string &host = "localhost", std::uint16_t port = 6379,
                         int db = 0, std::string password = {}, std::string username = {});
    /// Connects with every option; suspends the calling Loop until connected.
    RedisClient(const std::string &host, std::uint16_t port, RedisOptions options);
    /// A client of the server that the Sentinels at `sentinels` name for `master`: asks them
    /// (SENTINEL GET-MASTER-ADDR-BY-NAME, or SENTINEL REPLICAS for a replica), connects, and
    /// listens for +switch-master. After a failover is announced, a connection is lost or the
    /// server answers READONLY (a demoted primary), the next command asks the Sentinels again
    /// and reconnects; a command refused with READONLY is sent again. Suspends the calling Loop;
    /// throws ClientConnectionError when no Sentinel answers.
    static RedisClient from_sentinel(std::vector<RedisNode> sentinels, std::string master,
                                     RedisOptions options = {},
                                     SentinelRole role = SentinelRole::Primary);
    /// Moves the connection and its state; not while a Loop uses the client.
    RedisClient(RedisClient &&) noexcept;
    RedisClient &operator=(RedisClient &&) noexcept;
    ~RedisClient() override;

    /// Endpoint::call(fn): runs fn with this client's connection current (the guide's @call).
    template<class F>
    decltype(auto) call(F &&fn)
    {
        return endpoint().call(std::forward<F>(fn));
    }
    /// Suspends the calling Loop until the reply to one command, given as words:
    /// call({"OBJECT", "FREQ", "k"}). Throws RedisError for an error reply. A braced list
    /// cannot be taken for the function of Endpoint::call(fn), so both coexist; for a vector
    /// or another range of words use command().
    Reply call(std::initializer_list<std::string_view> words);
    /// Suspends the calling Loop until the reply to the command made of `words` (any range).
    Reply command(const Args &words);

    /// A batch of commands sent in one write by Pipeline::execute(); transaction = true wraps
    /// it in MULTI/EXEC.
    Pipeline pipeline(bool transaction = false);
    /// A MULTI ... EXEC guard that holds this client for the calling Loop; see Transaction.
    Transaction transaction();

    /// MULTI: following commands are queued by the server (their typed results are empty)
    /// until exec() or discard(). Suspends the calling Loop until the reply.
    void multi();
    /// EXEC: suspends the calling Loop until the queued commands ran; returns their replies
    /// (error replies stay in the vector). Throws RedisTransactionError when a watched key
    /// changed, RedisError when a queued command was refused (EXECABORT).
    std::vector<Reply> exec();
    /// DISCARD: drops the queued commands (and every WATCH). Suspends until the reply.
    void discard();
    /// WATCH: exec() will fail if any of `keys` changes before it. Suspends until the reply.
    void watch(const Args &keys);
    /// UNWATCH. Suspends until the reply.
    void unwatch();

    /// (Re)connects to host:port with this client's options: suspends the calling Loop.
    void connect(const std::string &host, std::uint16_t port);
    /// Closes the connection; the next command reconnects (unless RedisOptions::reconnect is
    /// false). Commands in flight throw ConnectionClosed.
    void close() noexcept;
    /// True while the connection is open (as far as known without reading).
    bool is_connected() const noexcept;
    const std::string &host() const noexcept;
    std::uint16_t port() const noexcept;
    /// The connection; throws NoConnection when there is none.
    Connection &connection();
    /// The options it connects with (db, password and username follow SELECT and AUTH).
    const RedisOptions &options() const noexcept;
    /// Whether MULTI was sent and neither EXEC nor DISCARD yet.
    bool in_multi() const noexcept;

protected:
    /// Suspends the calling Loop until the reply; the hook of every typed method.
    Reply run_command(std::span<const std::string_view> args) override;

private:
    friend class Pipeline;
    friend class Transaction;
    friend class RedisLock;
    friend class RedisCluster;
    friend class ClusterPipeline;
    Endpoint &endpoint() noexcept;
    // Sends formatted commands under the channel's send turn, which the caller holds (`turn`).
    // Refuses while a transaction's connection was lost.
    RequestChannel::Ticket send_under_turn(const RequestChannel::Hold &turn, std::string_view bytes,
                                           std::size_t commands,
                                           std::span<const std::string_view> args);
    bool settle_lost_multi(std::span<const std::string_view> args);
    // A client from Sentinels: reconnects to the server they name now when a failover was
    // announced or the connection is gone. The caller holds the send turn.
    void follow_sentinel();
    std::unique_ptr<detail::ClientState> d;
};

} // namespace diesel::redis
