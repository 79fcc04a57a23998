// SPDX-License-Identifier: MIT
// Many curl transfers from many Loops on one thread: 50 Loops fetching from nginx and 20 from
// the project's own server (on this same thread), while a ticker Loop shows the thread never
// stalls; then a Hub destroyed with transfers in flight lets go of them cleanly.
#include "dieseltest.h"
#include "nginx_server.h"

#include <diesel/diesel.h>
#include <diesel/http.h>
#include <diesel/http/curl.h>

#include <QEventLoop>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>

using namespace std::string_literals;
namespace http = diesel::http;

class TestCurlConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(dtest::start_nginx(m_nginx, R"(
        location = / { default_type text/plain; return 200 "Hello, world!"; }
)"));
    }
    void cleanupTestCase() { m_nginx.reset(); }
    void cleanup()
    {
        http::curl_reset();
        dtest::expect_clean();
        dtest::expect_no_socket_leak();
    }

    void manyLoopsNeverStallTheThread()
    {
        QVERIFY(dtest::run_in_loop(
            [this] {
                http::HttpServer own(
                    [](http::Request &r) { return http::Response::text("own " + r.path); }, 0,
                    "127.0.0.1");
                own.start();
                const std::string nginx = "http://127.0.0.1:" + std::to_string(m_nginx->port());
                const std::string mine = "http://127.0.0.1:" + std::to_string(own.port());
                constexpr int kNginxLoops = 50, kOwnLoops = 20, kEach = 10;
                auto ok = std::make_shared<int>(0);
                auto failed = std::make_shared<std::string>();
                auto done = std::make_shared<int>(0);
                auto fetch = [ok, failed, done](std::string url, std::string expected) {
                    try {
                        for (int j = 0; j < kEach; ++j)
                            if (http::curl_get(url).body == expected)
                                ++*ok;
                    } catch (const std::exception &e) {
                        *failed = e.what();
                    }
                    ++*done;
                };
                for (int i = 0; i < kNginxLoops; ++i)
                    diesel::fork(fetch, nginx + "/", "Hello, world!"s);
                for (int i = 0; i < kOwnLoops; ++i)
                    diesel::fork(fetch, mine + "/" + std::to_string(i),
                                 "own /" + std::to_string(i));
                // The ticker: if curl blocked the thread, its sleeps would overrun.
                auto worst = std::make_shared<diesel::Clock::duration>();
                auto ticks = std::make_shared<int>(0);
                diesel::fork([done, worst, ticks] {
                    auto last = diesel::Clock::now();
                    while (*done < kNginxLoops + kOwnLoops) {
                        diesel::sleep(0.005);
                        const auto now = diesel::Clock::now();
                        *worst = std::max(*worst, now - last);
                        last = now;
                        ++*ticks;
                    }
                });
                QVERIFY(dtest::settle([&] { return *done == kNginxLoops + kOwnLoops; }, 60000));
                QVERIFY2(failed->empty(), failed->c_str());
                QCOMPARE(*ok, (kNginxLoops + kOwnLoops) * kEach);
                QVERIFY(*ticks > 0);
                // Generous: a slow, sanitized, shared machine, yet far below a blocked thread's
                // whole run.
                qInfo("%d transfers; the ticker's longest sleep of 5 ms took %.1f ms (%d ticks)",
                      *ok, std::chrono::duration<double, std::milli>(*worst).count(), *ticks);
                QVERIFY2(*worst < std::chrono::seconds(2),
                         std::to_string(std::chrono::duration<double>(*worst).count()).c_str());
                http::curl_reset();
                own.stop();
            },
            std::chrono::seconds(120)));
    }

    void hubDestroyedWithTransfersInFlight()
    {
        // A Hub of its own on a thread of its own: Loops wait on a server that never answers
        // when the Hub goes; they are cancelled and the multi handle closes without leaks.
        diesel::Service stalling(
            [](const diesel::Address &) {
                diesel::until("\r\n\r\n");
                try {
                    for (;;)
                        diesel::receive();
                } catch (const diesel::ConnectionClosed &) {
                }
            },
            0, "127.0.0.1");
        stalling.start();
        const std::string url = "http://127.0.0.1:" + std::to_string(stalling.port()) + "/";
        std::atomic<int> started{0};
        std::atomic<bool> finished{false};
        std::unique_ptr<QThread> thread(QThread::create([&] {
            {
                diesel::Hub hub;
                for (int i = 0; i < 5; ++i)
                    hub.spawn([&] {
                        ++started;
                        http::curl_get(url);
                    });
                QEventLoop events;
                QTimer::singleShot(300, &events, &QEventLoop::quit);
                events.exec();
            }
            finished = true;
        }));
        thread->start();
        QVERIFY(dtest::spin_until([&] { return finished.load(); }, std::chrono::seconds(30)));
        thread->wait();
        QCOMPARE(started.load(), 5);
        QVERIFY(dtest::spin_until([&] { return stalling.connections() == 0; }));
        stalling.stop();
    }

private:
    std::unique_ptr<dtest::NginxServer> m_nginx;
};

QTEST_GUILESS_MAIN(TestCurlConcurrency)
#include "tst_curl_concurrency.moc"
