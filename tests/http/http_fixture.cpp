// SPDX-License-Identifier: MIT
#include "http_fixture.h"

#include <diesel/diesel.h>

#include <QProcess>

namespace dtest {

ToolResult run_tool(const std::string &program, const std::vector<std::string> &args,
                    const std::string &input)
{
    QStringList qargs;
    for (const std::string &a : args)
        qargs << QString::fromStdString(a);
    return diesel::thread([&] {
        ToolResult result;
        QProcess process;
        process.start(QString::fromStdString(program), qargs);
        if (!process.waitForStarted(10000)) {
            result.err = "cannot start " + program + ": " + process.errorString().toStdString();
            return result;
        }
        if (!input.empty())
            process.write(input.data(), static_cast<qint64>(input.size()));
        process.closeWriteChannel();
        process.waitForFinished(120000);
        result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput().toStdString();
        result.err = process.readAllStandardError().toStdString();
        return result;
    });
}

ToolResult run_python(const std::string &script, const std::vector<std::string> &args)
{
    std::vector<std::string> all{"-c", script};
    all.insert(all.end(), args.begin(), args.end());
    return run_tool("/usr/bin/python3", all);
}

RawReply raw_exchange(std::uint16_t port, const std::string &request, diesel::Seconds wait)
{
    RawReply reply;
    diesel::Client client("127.0.0.1", port);
    client.call([&] {
        diesel::Connection &conn = diesel::current_connection();
        conn.set_deadline(diesel::Clock::now() +
                          std::chrono::duration_cast<diesel::Clock::duration>(wait));
        try {
            diesel::send(request);
            for (;;)
                reply.bytes += diesel::receive();
        } catch (const diesel::ConnectionTimeout &) {
            reply.closed = false;
        } catch (const diesel::ConnectionClosed &e) {
            reply.bytes += e.buffered();
            reply.closed = true;
        }
    });
    return reply;
}

int count_responses(const std::string &bytes)
{
    int n = 0;
    for (auto at = bytes.find("HTTP/1.1 "); at != std::string::npos;
         at = bytes.find("HTTP/1.1 ", at + 1))
        ++n;
    return n;
}

} // namespace dtest
