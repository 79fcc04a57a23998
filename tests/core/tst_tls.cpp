// SPDX-License-Identifier: MIT
// TLS Services and Clients: verification on by default, trust of a given certificate, opt-out.
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

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
    void cleanup() { dtest::expect_clean(); }

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

private:
    std::optional<diesel::TlsContext> m_server;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
