// SPDX-License-Identifier: MIT
// TLS Services and Clients: verification on by default, trust of a given certificate, opt-out.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTemporaryDir>
#include <QTest>

#include <openssl/ssl.h>

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {
void echo(const diesel::Address &)
{
    for (;;)
        diesel::send(diesel::until_eol());
}

diesel::Service tls_service(const diesel::TlsContext &server)
{
    diesel::ServiceOptions options;
    options.tls = server;
    diesel::Service service(echo, 0, "127.0.0.1", options);
    service.start();
    return service;
}

// A TLS 1.2 server written straight on OpenSSL over a blocking socket, in its own thread: it
// greets, renegotiates, and ends the session with close_notify. `renegotiated` tells whether
// the second handshake completed.
class RenegotiatingServer
{
public:
    explicit RenegotiatingServer(const diesel::TlsContext &context)
        : m_listener(::socket(AF_INET, SOCK_STREAM, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::listen(m_listener, 1) != 0 ||
            ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            throw std::runtime_error("cannot listen");
        port = ntohs(address.sin_port);
        m_thread = std::thread([this, ctx = context.native()] { serve(ctx); });
    }
    ~RenegotiatingServer()
    {
        wait();
        ::close(m_listener);
    }
    // Until the session ended.
    void wait()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    std::uint16_t port = 0;
    bool renegotiated = false;

private:
    void serve(SSL_CTX *ctx)
    {
        pollfd waiting{m_listener, POLLIN, 0};
        if (::poll(&waiting, 1, 20000) != 1)
            return;
        const int fd = ::accept(m_listener, nullptr, nullptr);
        const timeval timeout{20, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        SSL *ssl = SSL_new(ctx);
        SSL_set_max_proto_version(ssl, TLS1_2_VERSION);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) == 1 && say(ssl, "before\n") && line(ssl) == "ready\n" &&
            SSL_renegotiate(ssl) == 1 && SSL_do_handshake(ssl) == 1 &&
            say(ssl, "renegotiating\n") && line(ssl) == "again\n") {
            renegotiated = SSL_renegotiate_pending(ssl) == 0 && SSL_num_renegotiations(ssl) >= 1;
            say(ssl, "done\n");
            SSL_shutdown(ssl); // close_notify
            char byte;
            while (SSL_read(ssl, &byte, 1) > 0) {
            }
        }
        SSL_free(ssl);
        ::close(fd);
    }
    static bool say(SSL *ssl, std::string_view text)
    {
        return SSL_write(ssl, text.data(), int(text.size())) == int(text.size());
    }
    static std::string line(SSL *ssl)
    {
        std::string text;
        char c = 0;
        while (c != '\n' && SSL_read(ssl, &c, 1) == 1)
            text += c;
        return text;
    }

    int m_listener;
    std::thread m_thread;
};

std::string round_trip(diesel::Client &client, const std::string &line)
{
    return client.call([&] {
        diesel::send(line);
        return diesel::until_eol();
    });
}
} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_server = diesel::TlsContext::server_self_signed("localhost"); }
    void cleanup()
    {
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void echoOverTlsWithATrustedCertificate()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client_trusting(m_server->certificate_pem());
            diesel::Client client("localhost", service.port(), options);
            QCOMPARE(client.connection().transport(), diesel::Transport::Tls);
            QCOMPARE(round_trip(client, "secret line\n"), std::string("secret line\n"));
            const std::string big(200000, 's');
            client.connection().set_max_line(1 << 20);
            QCOMPARE(round_trip(client, big + "\n"), big + "\n");
        });
    }

    void theTcpHookRunsBeforeTheTlsHandshake()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            std::vector<std::string> events;
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client_trusting(m_server->certificate_pem());
            options.on_tcp_connected = [&] { events.push_back("tcp"); };
            options.on_connect = [&] {
                events.push_back(diesel::current_connection().transport() == diesel::Transport::Tls
                                     ? "tls ready"
                                     : "plain");
            };
            diesel::Client client("localhost", service.port(), options);
            QCOMPARE(events, (std::vector<std::string>{"tcp", "tls ready"}));
            // A handshake that fails still had its TCP connection: the two stay apart.
            events.clear();
            options.server_name = "some.other.name";
            QVERIFY_THROWS_EXCEPTION(diesel::TlsError,
                                     diesel::Client("127.0.0.1", service.port(), options));
            QCOMPARE(events, (std::vector<std::string>{"tcp"}));
        });
    }

    void verificationIsOnByDefault()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(); // the system's trust store
            try {
                diesel::Client client("localhost", service.port(), options);
                QFAIL("a self-signed certificate was accepted");
            } catch (const diesel::TlsError &e) {
                QVERIFY2(std::string(e.what()).find("certificate") != std::string::npos, e.what());
            }
        });
    }

    void theNameIsVerified()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client_trusting(m_server->certificate_pem());
            options.server_name = "some.other.name";
            QVERIFY_THROWS_EXCEPTION(diesel::TlsError,
                                     diesel::Client("127.0.0.1", service.port(), options));
        });
    }

    void verificationCanBeTurnedOffExplicitly()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(false);
            diesel::Client client("127.0.0.1", service.port(), options);
            QCOMPARE(round_trip(client, "unverified\n"), std::string("unverified\n"));
        });
    }

    void certificateFilesLoadAndBadOnesAreClearErrors()
    {
        QTemporaryDir dir;
        const std::string cert = dir.filePath(QStringLiteral("cert.pem")).toStdString();
        const std::string bad = dir.filePath(QStringLiteral("bad.pem")).toStdString();
        std::ofstream(cert) << m_server->certificate_pem();
        std::ofstream(bad) << "not a certificate";
        QVERIFY_THROWS_EXCEPTION(diesel::TlsError, diesel::TlsContext::server(bad, bad));
        QVERIFY_THROWS_EXCEPTION(
            diesel::TlsError, diesel::TlsContext::server(
                                  cert, dir.filePath(QStringLiteral("missing.pem")).toStdString()));
        const diesel::TlsContext trusting = diesel::TlsContext::client(true, cert);
        QVERIFY(trusting.verifies_peer());
    }

    void aPlainClientAgainstATlsServiceFailsCleanly()
    {
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::Client client("127.0.0.1", service.port());
            client.call([] { diesel::send("this is not a TLS hello\r\n\r\n"); });
            QVERIFY_THROWS_EXCEPTION(diesel::ConnectionClosed,
                                     client.call([] { return diesel::until_eol(); }));
            // The Service still serves TLS clients.
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(false);
            diesel::Client good("127.0.0.1", service.port(), options);
            QCOMPARE(round_trip(good, "still fine\n"), std::string("still fine\n"));
        });
    }

    void aSessionLeavesSigpipeAlone()
    {
        struct sigaction before
        {};
        ::sigaction(SIGPIPE, nullptr, &before);
        diesel::Service service = tls_service(*m_server);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(false);
            diesel::Client client("127.0.0.1", service.port(), options);
            QCOMPARE(round_trip(client, "signals\n"), std::string("signals\n"));
        });
        struct sigaction after
        {};
        ::sigaction(SIGPIPE, nullptr, &after);
        QVERIFY(before.sa_handler == after.sa_handler);
    }

    void renegotiationAndCloseNotifyPassThroughTheLayer()
    {
        // Its own context: the test server caps it at TLS 1.2, where renegotiation exists.
        const diesel::TlsContext context = diesel::TlsContext::server_self_signed("localhost");
        RenegotiatingServer server(context);
        dtest::run_in_loop([&] {
            diesel::ClientOptions options;
            options.tls = diesel::TlsContext::client(false);
            diesel::Client client("127.0.0.1", server.port, options);
            client.call([] {
                QCOMPARE(diesel::until_eol(), std::string("before\n"));
                diesel::send("ready\n");
                QCOMPARE(diesel::until_eol(), std::string("renegotiating\n"));
                diesel::send("again\n"); // mid-renegotiation: the write waits for the handshake
                QCOMPARE(diesel::until_eol(), std::string("done\n"));
                try {
                    diesel::until_eol();
                    QFAIL("read past close_notify");
                } catch (const diesel::ConnectionClosed &e) {
                    QVERIFY2(std::string(e.what()).find("closed by the peer") != std::string::npos,
                             e.what());
                }
                QVERIFY(!diesel::current_connection().is_open());
            });
        });
        server.wait();
        QVERIFY(server.renegotiated);
    }

private:
    std::optional<diesel::TlsContext> m_server;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
