// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstring>

namespace workbench {

namespace {

// "5ms", "200us", "200µs", "1.5s", "30 s" -> nanoseconds; 0 if it is none of these.
std::int64_t parseSpan(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9.]+)\\s*(s|ms|us|µs)\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    bool ok = false;
    const double value = m.hasMatch() ? m.captured(1).toDouble(&ok) : 0;
    if (!ok)
        return 0;
    const QString unit = m.captured(2);
    const double scale = unit == QLatin1String("s") ? 1e9 : unit == QLatin1String("ms") ? 1e6 : 1e3;
    return std::int64_t(value * scale);
}

// --headless is a switch and its FILE the positional argument, so that the FILE can be left
// out; "--headless=FILE" is still understood.
QStringList splitHeadlessFile(QStringList arguments)
{
    static const QLatin1String prefix("--headless=");
    for (qsizetype i = 1; i < arguments.size(); ++i)
        if (arguments[i].startsWith(prefix)) {
            const QString file = arguments[i].mid(prefix.size());
            arguments[i] = QStringLiteral("--headless");
            arguments.insert(i + 1, file);
            break;
        }
    return arguments;
}

} // namespace

bool wantsConsole(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (!std::strcmp(a, "--headless") || !std::strncmp(a, "--headless=", 11) ||
            !std::strcmp(a, "--help") || !std::strcmp(a, "-h") || !std::strcmp(a, "--version") ||
            !std::strcmp(a, "-v") || !std::strcmp(a, "--help-all"))
            return true;
    }
    return false;
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Diesel Workbench: build Services and Clients in panels and watch every Loop and every "
        "byte live.\n\n"
        "With no FILE it opens the built-in demo workspace, already running: the guide's TCP "
        "holla server on 4321, the UDP one on 1234, a client talking to the TCP one, a line "
        "pub/sub broker on 5555, a Pool of actors, a Queue with producers and consumers, an "
        "HTTP Service on 8080 and a Redis item (which launches a redis-server of its own when "
        "one is on the PATH).\n\n"
        "With --headless [FILE] it runs the workspace's items (without a FILE, the demo's) "
        "without a window and logs what happens to stdout, one line per event; Ctrl-C (SIGINT) "
        "or SIGTERM stops it cleanly (exit status 0)."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QStringLiteral("Run the workspace FILE (default: the demo) without a window."));
    const QCommandLineOption port(
        QStringList{QStringLiteral("p"), QStringLiteral("port")},
        QStringLiteral("Serve the Service named NAME on PORT instead of the file's port; Clients "
                       "and Pools of the workspace aimed at it follow. Repeatable."),
        QStringLiteral("NAME=PORT"));
    const QCommandLineOption layout(QStringLiteral("default-layout"),
                                    QStringLiteral("Ignore the window layout saved last time."));
    const QCommandLineOption trace(
        QStringLiteral("trace"),
        QStringLiteral("With --headless: record the schedule and write it to FILE as a Chrome "
                       "trace (Perfetto, chrome://tracing) when the run stops."),
        QStringLiteral("FILE"));
    const QCommandLineOption capture(
        QStringLiteral("capture"),
        QStringLiteral("With --headless: record the traffic and write it to FILE as pcapng (for "
                       "Wireshark) when the run stops; bounded as in the window."),
        QStringLiteral("FILE"));
    const QCommandLineOption seconds(
        QStringLiteral("seconds"),
        QStringLiteral("With --headless: stop after N seconds, as on SIGTERM."),
        QStringLiteral("N"));
    const QCommandLineOption schedule(
        QStringLiteral("schedule"),
        QStringLiteral("Show the Schedule panel beside the Loops, zoomed to SPAN (5ms, 200us, "
                       "2s)."),
        QStringLiteral("SPAN"));
    parser.addOption(headless);
    parser.addOption(trace);
    parser.addOption(capture);
    parser.addOption(seconds);
    parser.addOption(schedule);
    parser.addOption(port);
    parser.addOption(layout);
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("A workspace file to open or, with --headless, to run "
                       "(default: the demo)."),
        QStringLiteral("[FILE]"));

    CommandLine cl;
    if (!parser.parse(splitHeadlessFile(arguments))) {
        cl.mode = CommandLine::Mode::Error;
        cl.message = parser.errorText();
        return cl;
    }
    if (parser.isSet(help)) {
        cl.mode = CommandLine::Mode::Help;
        cl.message = parser.helpText();
        return cl;
    }
    if (parser.isSet(version)) {
        cl.mode = CommandLine::Mode::Version;
        cl.message = QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                   QCoreApplication::applicationVersion());
        return cl;
    }
    for (const QString &value : parser.values(port)) {
        const qsizetype eq = value.lastIndexOf(QLatin1Char('='));
        bool ok = false;
        const uint number = eq > 0 ? value.mid(eq + 1).toUInt(&ok) : 0;
        if (!ok || number > 65535) {
            cl.mode = CommandLine::Mode::Error;
            cl.message = QStringLiteral("--port wants NAME=PORT with a port from 0 to 65535, not "
                                        "\"%1\"")
                             .arg(value);
            return cl;
        }
        cl.ports.insert(value.left(eq), std::uint16_t(number));
    }
    cl.defaultLayout = parser.isSet(layout);
    cl.trace = parser.value(trace);
    cl.capture = parser.value(capture);
    if (parser.isSet(seconds)) {
        bool ok = false;
        cl.seconds = parser.value(seconds).toDouble(&ok);
        if (!ok || cl.seconds <= 0) {
            cl.mode = CommandLine::Mode::Error;
            cl.message = QStringLiteral("--seconds wants a number above 0, not \"%1\"")
                             .arg(parser.value(seconds));
            return cl;
        }
    }
    if (parser.isSet(schedule)) {
        cl.scheduleSpanNs = parseSpan(parser.value(schedule));
        if (cl.scheduleSpanNs <= 0) {
            cl.mode = CommandLine::Mode::Error;
            cl.message = QStringLiteral("--schedule wants a span such as 5ms, 200us or 2s");
            return cl;
        }
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(headless)) {
        cl.mode = CommandLine::Mode::Headless;
        if (positional.size() > 1) {
            cl.mode = CommandLine::Mode::Error;
            cl.message = QStringLiteral("--headless takes one FILE at most; unexpected: ") +
                         positional.mid(1).join(QLatin1Char(' '));
            return cl;
        }
    } else if (!cl.trace.isEmpty() || !cl.capture.isEmpty() || cl.seconds > 0) {
        cl.mode = CommandLine::Mode::Error;
        cl.message = QStringLiteral("--trace, --capture and --seconds go with --headless");
        return cl;
    } else if (positional.size() > 1) {
        cl.mode = CommandLine::Mode::Error;
        cl.message = QStringLiteral("one workspace FILE at most");
        return cl;
    }
    if (!positional.isEmpty())
        cl.file = positional.front();
    return cl;
}

} // namespace workbench
