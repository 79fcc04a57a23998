// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "redis_server.h"

#include <diesel/core/client.h>
#include <diesel/core/io.h>
#include <diesel/core/loop.h>
#include <diesel/redis/client.h>

#include <QTest>

#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char **environ;

namespace dtest {

namespace {

bool executable(const std::string &path)
{
    return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

std::string find_binary()
{
    if (const char *env = std::getenv("DIESEL_REDIS_SERVER"); env && *env) {
        if (!executable(env))
            throw std::runtime_error(std::string("DIESEL_REDIS_SERVER=") + env +
                                     " is not an executable redis-server");
        return env;
    }
    if (const char *path = std::getenv("PATH")) {
        std::stringstream dirs(path);
        std::string dir;
        while (std::getline(dirs, dir, ':'))
            if (executable(dir + "/redis-server"))
                return dir + "/redis-server";
    }
    for (const char *candidate : {"/usr/bin/redis-server", "/usr/local/bin/redis-server"})
        if (executable(candidate))
            return candidate;
    throw std::runtime_error(
        "redis-server not found: the Redis tests need a real server. Install it (Debian: "
        "apt-get install redis-server) or point DIESEL_REDIS_SERVER at the binary.");
}

// Sends PING; true when +PONG comes back within a second. Works inside a Loop (restart() runs
// in one) and outside.
bool answers_ping(std::uint16_t port)
{
    bool ok = false;
    const auto ping = [&] {
        try {
            diesel::Client redis("127.0.0.1", port, 1.0);
            redis.call([&] {
                diesel::current_connection().set_deadline(diesel::Clock::now() +
                                                          std::chrono::seconds(1));
                diesel::send("PING\r\n");
                ok = diesel::until_eol().starts_with("+PONG");
            });
        } catch (const diesel::Error &) {
            // Not listening yet, or not answering: not ready.
        }
    };
    if (diesel::Loop::current())
        ping();
    else
        run_in_loop(ping);
    return ok;
}

} // namespace

RedisServer::RedisServer(std::vector<std::string> extra, const std::string &config)
    : m_binary(find_binary())
    , m_extra(std::move(extra))
{
    char dir[] = "/tmp/diesel-redis-XXXXXX";
    if (!::mkdtemp(dir))
        throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
    m_dir = dir;
    if (!config.empty()) {
        m_config_file = m_dir + "/redis.conf";
        std::ofstream(m_config_file) << config;
    }
    // The free port may be taken between the probe and redis binding it: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = free_port();
        launch();
        if (wait_ready(10000))
            return;
        kill();
    }
    throw std::runtime_error("redis-server (" + m_binary + ") did not start; its log:\n" + log());
}

RedisServer::~RedisServer()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        for (int i = 0; i < 200; ++i) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (m_pid > 0)
            kill();
    }
    if (!m_dir.empty()) {
        std::error_code ignored; // the log, a dump.rdb from BGSAVE or a shutdown
        std::filesystem::remove_all(m_dir, ignored);
    }
}

void RedisServer::launch()
{
    const std::string port = std::to_string(m_port);
    const std::string logfile = m_dir + "/redis.log";
    std::vector<std::string> args = {m_binary};
    if (!m_config_file.empty())
        args.push_back(m_config_file);
    args.insert(args.end(), {"--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly",
                             "no", "--daemonize", "no", "--dir", m_dir, "--logfile", logfile,
                             "--protected-mode", "no"});
    args.insert(args.end(), m_extra.begin(), m_extra.end());
    std::vector<char *> argv;
    for (std::string &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    // fork + exec rather than posix_spawn: the child asks to be killed when the test process
    // dies, so a crashed test leaves no server behind. Only async-signal-safe calls in between.
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("cannot start " + m_binary + ": " + std::strerror(errno));
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(127); // the test died before prctl took effect
        ::execve(m_binary.c_str(), argv.data(), environ);
        ::_exit(127);
    }
    m_pid = pid;
}

bool RedisServer::wait_ready(int timeout_ms)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
            m_pid = -1; // it exited (port taken?)
            return false;
        }
        if (answers_ping(m_port))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void RedisServer::kill()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

void RedisServer::restart()
{
    kill();
    // The port is ours to reuse: redis sets SO_REUSEADDR, so TIME_WAIT does not block it.
    for (int attempt = 0; attempt < 50; ++attempt) {
        launch();
        if (wait_ready(10000))
            return;
        kill();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("redis-server did not restart on port " + std::to_string(m_port) +
                             "; its log:\n" + log());
}

bool start_redis(std::unique_ptr<RedisServer> &server)
{
    try {
        server = std::make_unique<RedisServer>();
        return true;
    } catch (const std::exception &e) {
        QTest::qFail(e.what(), __FILE__, __LINE__);
        return false;
    }
}

void flush_redis(const RedisServer &server)
{
    run_in_loop([&] {
        diesel::redis::RedisClient client(server.host(), server.port());
        client.flushall();
        client.script_flush();
    });
}

std::string RedisServer::log() const
{
    std::ifstream in(m_dir + "/redis.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace dtest
