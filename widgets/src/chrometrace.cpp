// SPDX-License-Identifier: MIT
#include <diesel/widgets/chrometrace.h>
#include <diesel/widgets/visuals.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace diesel::widgets {

namespace {

// Written by hand rather than through QJsonDocument: a full ring is a quarter of a million
// events, and a document of them would cost several times the file's size in memory.
QByteArray quoted(const QString &text)
{
    // QJsonDocument does the escaping; only the one string goes through it.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray micros(Clock::duration d)
{
    // Microseconds with nanosecond decimals: the format's unit, without losing precision.
    return QByteArray::number(
        double(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()) / 1000.0, 'f', 3);
}

} // namespace

QByteArray chromeTraceJson(const ScheduleCapture &capture)
{
    QByteArray out;
    out.reserve(qsizetype(capture.slices.size() * 130 + capture.loops.size() * 160 + 512));
    out += "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"producer\":\"diesel-workbench\","
           "\"recorded\":";
    out += quoted(capture.stride > 1 ? QStringLiteral("1 in %1 slices").arg(capture.stride)
                                     : QStringLiteral("every slice"));
    out += "},\"traceEvents\":[\n"
           "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,"
           "\"args\":{\"name\":\"diesel Hub\"}}";
    for (const auto &[id, name] : capture.loops) {
        const QByteArray tid = QByteArray::number(id);
        out += ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + tid +
               ",\"args\":{\"name\":" + quoted(QStringLiteral("Loop %1 %2").arg(id).arg(name)) +
               "}}";
        // Tracks in Loop order, as on the workbench's schedule.
        out += ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":" + tid +
               ",\"args\":{\"sort_index\":" + tid + "}}";
    }
    for (const Slice &s : capture.slices) {
        const QByteArray cause = quoted(wakeWord(s.cause));
        out += ",\n{\"name\":" + cause +
               ",\"cat\":\"run\",\"ph\":\"X\",\"pid\":1,\"tid\":" + QByteArray::number(s.loop) +
               ",\"ts\":" + micros(s.begin - capture.origin) +
               ",\"dur\":" + micros(s.end - s.begin) + ",\"args\":{\"woken by\":" + cause +
               ",\"letter\":\"" + QString(wakeLetter(s.cause)).toLatin1() + "\"}}";
    }
    out += "\n]}\n";
    return out;
}

bool saveChromeTrace(const ScheduleCapture &capture, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(chromeTraceJson(capture)) < 0 ||
        !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace diesel::widgets
