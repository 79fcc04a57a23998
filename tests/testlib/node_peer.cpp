// SPDX-License-Identifier: MIT
#include "node_peer.h"

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace dtest {

NodePeer::NodePeer(NodePeerCommand command)
    : m_command(std::move(command))
{
    launch(0);
}

NodePeer::~NodePeer()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill();
}

void NodePeer::launch(std::uint16_t port)
{
    int out[2];
    if (::pipe(out) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    std::vector<std::string> args = {m_command.node, m_command.script, "--port",
                                     std::to_string(port)};
    args.insert(args.end(), m_command.extra.begin(), m_command.extra.end());
    std::vector<char *> argv;
    for (std::string &arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    // The environment as it is, with NODE_PATH replaced when the peer's modules are elsewhere.
    std::vector<std::string> env;
    if (!m_command.node_path.empty())
        env.push_back("NODE_PATH=" + m_command.node_path);
    for (char **e = environ; *e; ++e)
        if (m_command.node_path.empty() || std::strncmp(*e, "NODE_PATH=", 10) != 0)
            env.emplace_back(*e);
    std::vector<char *> envp;
    for (std::string &e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    pid_t pid = -1;
    const int error =
        ::posix_spawn(&pid, m_command.node.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (error != 0) {
        ::close(out[0]);
        throw std::runtime_error("cannot start node (" + m_command.node +
                                 "): " + std::strerror(error));
    }
    m_pid = pid;
    // The peer prints "listening PORT" once it accepts connections.
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 20000) == 1) {
        char buf[64];
        const ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n <= 0)
            break;
        line.append(buf, std::size_t(n));
    }
    ::close(out[0]);
    const auto at = line.find("listening ");
    if (at == std::string::npos) {
        kill();
        throw std::runtime_error(m_command.name + " did not start (" + m_command.script +
                                 "): " + line);
    }
    m_port = std::uint16_t(std::stoi(line.substr(at + 10)));
}

void NodePeer::kill()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
}

void NodePeer::restart()
{
    kill();
    // The port was just freed by the killed peer; node binds with SO_REUSEADDR.
    for (int attempt = 0; attempt < 50; ++attempt) {
        try {
            launch(m_port);
            return;
        } catch (const std::runtime_error &) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    throw std::runtime_error(m_command.name + " did not restart on port " + std::to_string(m_port));
}

} // namespace dtest
