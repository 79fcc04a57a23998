// SPDX-License-Identifier: MIT
// The guide's tcp_holla_server, run as the program README and the benchmarks run: every line
// comes back with its ASCII letters upper-cased and every other byte as it was, line after line
// on one connection (longer and shorter lines reuse the server's one string).
#include "dieseltest.h"

#include <diesel/diesel.h>

#include <QProcess>
#include <QTest>

#include <optional>
#include <string>

#ifdef HOLLA_SERVER
namespace {
// What the guide's upper() makes of a line: ASCII letters only.
std::string ascii_upper(std::string line)
{
    for (char &c : line)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - ('a' - 'A'));
    return line;
}
} // namespace
#endif

class TestExampleHolla : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { dtest::expect_clean(); }

    void everyLineComesBackUpperCased()
    {
#ifndef HOLLA_SERVER
        QSKIP("the examples are not built (DIESEL_BUILD_EXAMPLES=OFF)");
#else
        const std::uint16_t port = dtest::free_port();
        QVERIFY(port != 0);
        QProcess server;
        server.setProcessChannelMode(QProcess::ForwardedChannels);
        server.start(QStringLiteral(HOLLA_SERVER), {QString::number(port)});
        QVERIFY2(server.waitForStarted(), qPrintable(server.errorString()));
        // Every byte but the newline, then the guide's greeting, a long line and a short one.
        std::string every_byte;
        for (int byte = 1; byte < 256; ++byte)
            if (byte != '\n')
                every_byte += static_cast<char>(byte);
        every_byte += '\n';
        std::string long_line(5000, 'q');
        long_line += "x\n";
        const std::string lines[] = {every_byte, "holla, diesel!\r\n", long_line, "ok\n"};
        QVERIFY(dtest::run_in_loop([&] {
            std::optional<diesel::Client> client;
            for (int attempt = 0; attempt < 200 && !client; ++attempt) {
                try {
                    client.emplace("127.0.0.1", port);
                } catch (const diesel::ClientConnectionError &) {
                    diesel::sleep(0.05); // the program is still starting
                }
            }
            QVERIFY2(client, "tcp_holla_server did not accept a connection");
            client->call([&] {
                for (const std::string &line : lines) {
                    diesel::send(line);
                    QCOMPARE(diesel::until_eol(), ascii_upper(line));
                }
            });
        }));
        server.kill(); // (the QProcess would kill it too, when a check fails)
        server.waitForFinished();
#endif
    }
};

QTEST_GUILESS_MAIN(TestExampleHolla)
#include "tst_example_holla.moc"
