// SPDX-License-Identifier: MIT
#include "tshark.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

namespace dtest {

QString tsharkPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("tshark"));
}

std::optional<QByteArray> tshark(const QStringList &arguments)
{
    QProcess process;
    process.start(tsharkPath(), arguments);
    // Generous: tshark loads its dissectors first, seconds on a busy machine.
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning("tshark %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAllStandardError().constData());
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

QStringList tsharkFields(const QString &file, const QString &field, const QString &filter)
{
    // Wireshark verifies checksums only when asked to.
    QStringList arguments{QStringLiteral("-r"), file,
                          QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                          QStringLiteral("-o"), QStringLiteral("tcp.check_checksum:TRUE"),
                          QStringLiteral("-o"), QStringLiteral("udp.check_checksum:TRUE")};
    if (!filter.isEmpty())
        arguments << QStringLiteral("-Y") << filter;
    arguments << QStringLiteral("-T") << QStringLiteral("fields") << QStringLiteral("-e") << field;
    const std::optional<QByteArray> out = tshark(arguments);
    if (!out)
        return {};
    QStringList lines = QString::fromUtf8(*out).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

std::optional<FollowedStream> followTcp(const QString &file, int stream)
{
    const std::optional<QByteArray> out =
        tshark({QStringLiteral("-r"), file, QStringLiteral("-q"), QStringLiteral("-z"),
                QStringLiteral("follow,tcp,raw,%1").arg(stream)});
    if (!out)
        return std::nullopt;
    // After the "Node 0:" and "Node 1:" lines, one hex line per segment; the second node's are
    // indented by a tab. A line of '=' closes the report.
    FollowedStream followed;
    bool body = false;
    for (const QByteArray &line : out->split('\n')) {
        if (line.startsWith("Node 1:")) {
            body = true;
            continue;
        }
        if (!body || line.isEmpty())
            continue;
        if (line.startsWith("====="))
            break;
        if (line.startsWith('\t'))
            followed.fromSecond += QByteArray::fromHex(line.mid(1));
        else
            followed.fromFirst += QByteArray::fromHex(line);
    }
    return followed;
}

} // namespace dtest
