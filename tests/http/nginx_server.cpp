// SPDX-License-Identifier: MIT
#include "dieseltest.h"
#include "nginx_server.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace dtest {

namespace {
std::string nginx_binary()
{
    const QString found = QStandardPaths::findExecutable(
        QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (found.isEmpty())
        throw std::runtime_error("nginx not found (Debian package nginx; see scripts/deps)");
    return found.toStdString();
}

bool accepts(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}
} // namespace

NginxServer::NginxServer(const std::string &server_block)
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot make a temporary folder for nginx");
    const std::string binary = nginx_binary();
    m_port = free_port();
    const std::string d = dir();
    // As root, nginx's worker would switch to "nobody", who cannot read this private folder.
    const std::string config =
        std::string(::geteuid() == 0 ? "user root;\n" : "") +
        "worker_processes 1;\ndaemon off;\npid " + d + "/nginx.pid;\nerror_log " + d +
        "/error.log;\nevents { worker_connections 1024; }\nhttp {\n"
        "    access_log off;\n    client_body_temp_path " +
        d +
        "/body;\n"
        "    proxy_temp_path " +
        d + "/proxy;\n    fastcgi_temp_path " + d +
        "/fastcgi;\n"
        "    uwsgi_temp_path " +
        d + "/uwsgi;\n    scgi_temp_path " + d +
        "/scgi;\n"
        "    keepalive_requests 1000000;\n    server {\n        listen 127.0.0.1:" +
        std::to_string(m_port) + ";\n" + server_block + "\n    }\n}\n";
    QFile file(QString::fromStdString(d + "/nginx.conf"));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(config.data(), static_cast<qint64>(config.size())) < 0)
        throw std::runtime_error("cannot write nginx.conf");
    file.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(QString::fromStdString(binary),
                    {QStringLiteral("-c"), QString::fromStdString(d + "/nginx.conf"),
                     QStringLiteral("-e"), QString::fromStdString(d + "/error.log")});
    for (int i = 0; i < 100; ++i) {
        if (accepts(m_port))
            return;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(50);
    }
    throw std::runtime_error("nginx did not start: " + m_process.readAll().toStdString() + log());
}

NginxServer::~NginxServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

std::string NginxServer::dir() const
{
    return m_dir.path().toStdString();
}

std::string NginxServer::log() const
{
    QFile file(QString::fromStdString(dir() + "/error.log"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

bool start_nginx(std::unique_ptr<NginxServer> &server, const std::string &server_block)
{
    try {
        server = std::make_unique<NginxServer>(server_block);
        return true;
    } catch (const std::exception &e) {
        QTest::qFail(e.what(), __FILE__, __LINE__);
        return false;
    }
}

} // namespace dtest
