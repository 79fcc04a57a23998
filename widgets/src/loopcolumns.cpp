// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/loopcolumns.h>
#include <diesel/widgets/visuals.h>

#include <QBrush>
#include <QPalette>

namespace diesel::widgets {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

VisualState visualOf(const LoopRecord &r)
{
    return classify(r.info.state, r.info.wait_kind, r.info.waits_on, r.ended, r.error);
}

QString waitsOnText(const LoopRecord &r)
{
    if (r.ended) {
        const EndReason end = describeEnd(r.error);
        return end.normal ? end.words : QStringLiteral("failed: ") + end.words;
    }
    if (r.info.state != LoopState::Waiting)
        return {};
    return qs(r.info.waits_on);
}

} // namespace

QVariant loopHeaderData(int column, int role)
{
    if (role == Qt::DisplayRole) {
        switch (column) {
        case ColId:
            return QStringLiteral("Id");
        case ColLabel:
            return QStringLiteral("Label");
        case ColParent:
            return QStringLiteral("Parent");
        case ColState:
            return QStringLiteral("State");
        case ColWaitsOn:
            return QStringLiteral("Waits on");
        case ColTimeInState:
            return QStringLiteral("In state");
        case ColSwitches:
            return QStringLiteral("Switches");
        case ColBytesIn:
            return QStringLiteral("Bytes in");
        case ColBytesOut:
            return QStringLiteral("Bytes out");
        case ColDeaths:
            return QStringLiteral("Deaths");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (column) {
        case ColId:
            return QStringLiteral("The Loop's id, unique in this process");
        case ColLabel:
            return QStringLiteral("The Loop's label (diesel::label(), a Service's peer, ...)");
        case ColParent:
            return QStringLiteral("The Loop that forked it (0: started from outside any Loop)");
        case ColState:
            return QStringLiteral("Running, ready, waiting on I/O, sleeping, waiting on a queue "
                                  "or event, or dead");
        case ColWaitsOn:
            return QStringLiteral("What a waiting Loop waits for: a socket, a timer, a queue...");
        case ColTimeInState:
            return QStringLiteral("How long the Loop has been in its state");
        case ColSwitches:
            return QStringLiteral("How many times the Hub resumed the Loop");
        case ColBytesIn:
            return QStringLiteral("Bytes read on connections while this Loop ran");
        case ColBytesOut:
            return QStringLiteral("Bytes written on connections while this Loop ran");
        case ColDeaths:
            return QStringLiteral("How many times a keep-alive Loop ended; each end is followed "
                                  "by a restart 0.5 s later");
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (column == ColId || column == ColParent || column == ColTimeInState ||
            column == ColSwitches || column == ColBytesIn || column == ColBytesOut ||
            column == ColDeaths)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant loopCellData(const LoopRecord &r, int column, int role, Clock::time_point now)
{
    const LoopInfo &info = r.info;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ColId:
            return QString::number(info.id);
        case ColLabel:
            return qs(info.label);
        case ColParent:
            return info.parent ? QString::number(info.parent) : QString();
        case ColState:
            return stateWord(visualOf(r));
        case ColWaitsOn:
            return waitsOnText(r);
        case ColTimeInState:
            return humanDuration(now - info.since);
        case ColSwitches:
            return exactNumber(info.switches);
        case ColBytesIn:
            return humanBytes(info.bytes_in);
        case ColBytesOut:
            return humanBytes(info.bytes_out);
        case ColDeaths:
            return info.keep_alive || info.deaths ? QString::number(info.deaths) : QString();
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case ColState:
            return stateWord(visualOf(r)) + QStringLiteral(" (") +
                   qs(std::string(to_string(info.state))) + QStringLiteral(")");
        case ColWaitsOn:
            return waitsOnText(r);
        case ColTimeInState:
            return QStringLiteral("%1 s since %2")
                .arg(std::chrono::duration<double>(now - info.since).count(), 0, 'f', 6)
                .arg(clockText(info.since, true));
        case ColBytesIn:
            return exactNumber(info.bytes_in) + QStringLiteral(" bytes");
        case ColBytesOut:
            return exactNumber(info.bytes_out) + QStringLiteral(" bytes");
        case ColLabel:
            return qs(info.label) +
                   (info.connection ? QStringLiteral("\nconnection #%1").arg(info.connection)
                                    : QString()) +
                   (info.child ? QStringLiteral("\nfork_child: dies with its parent") : QString()) +
                   (info.keep_alive ? QStringLiteral("\nkeep-alive: restarted 0.5 s after each "
                                                     "end; ended %1 times so far")
                                          .arg(info.deaths)
                                    : QString());
        default:
            return loopCellData(r, column, Qt::DisplayRole, now);
        }
    case Qt::DecorationRole:
        if (column == ColState)
            return stateIcon(visualOf(r));
        break;
    case Qt::ForegroundRole:
        if (r.ended)
            return QBrush(stateColor(visualOf(r)));
        break;
    case Qt::TextAlignmentRole:
        return loopHeaderData(column, Qt::TextAlignmentRole);
    case SortRole:
        switch (column) {
        case ColId:
            return QVariant::fromValue<qulonglong>(info.id);
        case ColLabel:
            return qs(info.label);
        case ColParent:
            return QVariant::fromValue<qulonglong>(info.parent);
        case ColState:
            return stateRank(visualOf(r));
        case ColWaitsOn:
            return waitsOnText(r);
        case ColTimeInState:
            // Earlier entry means longer in state.
            return QVariant::fromValue<qlonglong>(-info.since.time_since_epoch().count());
        case ColSwitches:
            return QVariant::fromValue<qulonglong>(info.switches);
        case ColBytesIn:
            return QVariant::fromValue<qulonglong>(info.bytes_in);
        case ColBytesOut:
            return QVariant::fromValue<qulonglong>(info.bytes_out);
        case ColDeaths:
            return QVariant::fromValue<qulonglong>(info.deaths);
        }
        break;
    case LoopIdRole:
        return QVariant::fromValue<qulonglong>(info.id);
    case ConnectionIdRole:
        return QVariant::fromValue<qulonglong>(info.connection);
    case VisualStateRole:
        return int(visualOf(r));
    case SearchTextRole:
        return QString::number(info.id) + QLatin1Char(' ') + qs(info.label) + QLatin1Char(' ') +
               waitsOnText(r) + QLatin1Char(' ') + stateWord(visualOf(r));
    }
    return {};
}

bool loopRecordChanged(const LoopRecord &a, const LoopRecord &b)
{
    const LoopInfo &x = a.info;
    const LoopInfo &y = b.info;
    if (x.state != y.state || x.wait_kind != y.wait_kind || x.since != y.since ||
        x.switches != y.switches || x.bytes_in != y.bytes_in || x.bytes_out != y.bytes_out ||
        x.connection != y.connection || a.ended != b.ended || x.label != y.label ||
        x.deaths != y.deaths || x.keep_alive != y.keep_alive)
        return true;
    // A timer's countdown changes the text every sample; anything else in it is a real change.
    if (x.wait_kind != WaitKind::Timer && x.wait_kind != WaitKind::First &&
        x.waits_on != y.waits_on)
        return true;
    return false;
}

} // namespace diesel::widgets
