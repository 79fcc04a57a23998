// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "redis_cluster_nodes.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace dtest {

std::string redis_cli(const std::vector<std::string> &args)
{
    char path[] = "/tmp/diesel-redis-cli-XXXXXX";
    const int fd = ::mkstemp(path);
    if (fd < 0)
        throw std::runtime_error(std::string("mkstemp: ") + std::strerror(errno));
    ::close(fd);
    std::vector<std::string> words{"redis-cli"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char *> argv;
    for (std::string &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid = -1;
    const int error = ::posix_spawnp(&pid, "redis-cli", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        ::unlink(path);
        throw std::runtime_error(std::string("cannot start redis-cli: ") + std::strerror(error));
    }
    ::waitpid(pid, nullptr, 0);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    ::unlink(path);
    return text.str();
}

namespace {
std::string port_text(const RedisServer &server)
{
    return std::to_string(server.port());
}
} // namespace

RedisClusterNodes::RedisClusterNodes(int count)
{
    for (int i = 0; i < count; ++i) {
        // The bus port is given too: port + 10000 may be past 65535 or taken.
        m_nodes.push_back(std::make_unique<RedisServer>(std::vector<std::string>{
            "--cluster-enabled", "yes", "--cluster-node-timeout", "1500", "--cluster-port",
            std::to_string(free_port()), "--cluster-require-full-coverage", "yes"}));
    }
    std::vector<std::string> create{"--cluster", "create"};
    for (const auto &node : m_nodes)
        create.push_back("127.0.0.1:" + port_text(*node));
    create.insert(create.end(), {"--cluster-replicas", "1", "--cluster-yes"});
    const std::string output = redis_cli(create);
    if (output.find("[OK] All 16384 slots covered") == std::string::npos || !wait_healthy(90)) {
        std::string logs;
        for (const auto &node : m_nodes)
            logs += "\n--- node " + port_text(*node) + ":\n" + node->log();
        throw std::runtime_error("the Redis cluster did not form; redis-cli said:\n" + output +
                                 logs);
    }
}

RedisClusterNodes::~RedisClusterNodes() = default;

std::vector<diesel::redis::RedisNode> RedisClusterNodes::seeds() const
{
    std::vector<diesel::redis::RedisNode> seeds;
    for (const auto &node : m_nodes)
        seeds.push_back({node->host(), node->port()});
    return seeds;
}

RedisServer &RedisClusterNodes::node(std::uint16_t port)
{
    for (const auto &node : m_nodes)
        if (node->port() == port)
            return *node;
    throw std::runtime_error("no cluster node on port " + std::to_string(port));
}

std::string RedisClusterNodes::node_id(std::uint16_t port) const
{
    std::string id = redis_cli({"-p", std::to_string(port), "cluster", "myid"});
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r'))
        id.pop_back();
    return id;
}

bool RedisClusterNodes::wait_healthy(int seconds) const
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        bool ok = true;
        const RedisServer *alive = nullptr;
        for (const auto &node : m_nodes) {
            if (!node->running())
                continue;
            alive = node.get();
            ok = ok &&
                 redis_cli({"-p", port_text(*node), "cluster", "info"}).find("cluster_state:ok") !=
                     std::string::npos;
        }
        if (ok && alive) {
            const std::string check =
                redis_cli({"--cluster", "check", "127.0.0.1:" + port_text(*alive)});
            if (check.find("[OK] All nodes agree") != std::string::npos &&
                check.find("[OK] All 16384 slots covered") != std::string::npos &&
                check.find("[ERR]") == std::string::npos)
                return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return false;
}

} // namespace dtest
