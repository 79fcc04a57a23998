// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/visuals.h>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_set>

namespace diesel::widgets {

namespace {

constexpr int kLabelWidthEm = 16;
// While following, the ring is asked to span at least this much, so that one can pan back a
// little with every slice even when zoomed in to microseconds.
constexpr Clock::duration kMinRecorded = std::chrono::seconds(1);

Clock::duration seconds(double s)
{
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

double toSeconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// A tick label: seconds since the origin with as many decimals as the step needs.
QString secondsText(double t, int decimals)
{
    return QString::number(t, 'f', decimals) + QStringLiteral(" s");
}

} // namespace

ScheduleView::ScheduleView(SliceRecorder &recorder, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_recorder(recorder)
    , m_span(seconds(2))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &ScheduleView::tick);
    setToolTip(QString());
}

QSize ScheduleView::sizeHint() const
{
    return QSize(600, 300);
}

QString ScheduleView::groupOf(const QString &label)
{
    // "holla :4321 127.0.0.1:53412" -> "holla :4321"; "udp :1234" stays.
    // "client x → 127.0.0.1:4321" -> "client x".
    static const QRegularExpression peer(
        QStringLiteral("^(.+?)(\\s+(\u2192|->))?\\s+(\\[[0-9a-fA-F:.]+\\]|[0-9.]+):\\d+$"));
    const QRegularExpressionMatch m = peer.match(label);
    return m.hasMatch() ? m.captured(1) : label;
}

QRect ScheduleView::plotRect() const
{
    const QRect area = viewport()->rect();
    const int x0 = labelWidth() + 4;
    return QRect(x0, headerHeight(), std::max(1, area.width() - x0 - 4),
                 std::max(0, area.height() - headerHeight()));
}

double ScheduleView::xOf(Clock::time_point t) const
{
    const QRect plot = plotRect();
    return plot.x() + toSeconds(t - (m_end - m_span)) / toSeconds(m_span) * plot.width();
}

void ScheduleView::setSpan(Clock::duration span, int anchor)
{
    span = std::clamp(span, kMinSpan, kMaxSpan);
    const QRect plot = plotRect();
    if (!m_following) {
        // Keep the time under the anchor where it is.
        const double fraction =
            anchor < 0 ? 0.5 : std::clamp(double(anchor - plot.x()) / plot.width(), 0.0, 1.0);
        const Clock::time_point at = m_end - m_span + seconds(toSeconds(m_span) * fraction);
        m_end = at + seconds(toSeconds(span) * (1.0 - fraction));
    }
    m_span = span;
    if (!m_following)
        clampEnd();
    else if (m_timer.isActive())
        refresh(); // zoomed out, the wider span is filled at once
    changed();
}

void ScheduleView::zoomIn()
{
    setSpan(m_span / 2);
}

void ScheduleView::zoomOut()
{
    setSpan(m_span * 2);
}

Clock::time_point ScheduleView::recordedBegin() const
{
    return std::min(m_captured, m_recordedSince);
}

void ScheduleView::clampEnd()
{
    const Clock::time_point latest = m_captured;
    const Clock::time_point earliest = std::min(latest, recordedBegin() + m_span);
    m_end = std::clamp(m_end, earliest, latest);
}

void ScheduleView::setViewEnd(Clock::time_point end)
{
    setFollowing(false);
    m_end = end;
    clampEnd();
    changed();
}

void ScheduleView::panBy(double pixels)
{
    setViewEnd(m_end + seconds(pixels / plotRect().width() * toSeconds(m_span)));
}

void ScheduleView::changed()
{
    layoutRows();
    viewport()->update();
    Q_EMIT viewChanged();
}

void ScheduleView::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    refresh();
    changed();
    Q_EMIT followingChanged(following);
}

void ScheduleView::selectLoop(LoopId id)
{
    m_selected = id;
    layoutRows();
    const auto it = m_rowOfLoop.find(id);
    if (it != m_rowOfLoop.end()) {
        const int y = it->second * laneHeight();
        QScrollBar *bar = verticalScrollBar();
        const int visible = viewport()->height() - headerHeight();
        if (y < bar->value() || y + laneHeight() > bar->value() + visible)
            bar->setValue(std::max(0, y - visible / 2));
    }
    viewport()->update();
}

void ScheduleView::noteSample(const LoopSample &sample)
{
    if (!sample.loops)
        return;
    m_live.clear();
    m_live.reserve(sample.loops->size());
    for (const LoopRecord &r : *sample.loops) {
        m_live.push_back(r.info.id);
        Label &label = m_labels[r.info.id];
        const QString text = QString::fromStdString(r.info.label);
        if (text != label.text)
            label = Label{text, groupOf(text)};
    }
    // Forget labels of Loops long gone, keeping the map bounded.
    if (m_labels.size() > sample.loops->size() + 20000) {
        std::unordered_map<LoopId, Label> kept;
        for (LoopId id : m_live)
            kept.insert(*m_labels.find(id));
        for (const Slice &s : m_slices)
            if (auto it = m_labels.find(s.loop); it != m_labels.end())
                kept.insert(*it);
        m_labels = std::move(kept);
    }
}

ScheduleView::Label ScheduleView::labelOf(LoopId id) const
{
    if (const auto it = m_labels.find(id); it != m_labels.end())
        return it->second;
    if (const std::string *ended = m_recorder.endedLabel(id)) {
        const QString text = QString::fromStdString(*ended);
        return Label{text, groupOf(text)};
    }
    const QString text = QStringLiteral("Loop %1").arg(id);
    return Label{text, text};
}

int ScheduleView::laneHeight() const
{
    return fontMetrics().height() + 4;
}

int ScheduleView::headerHeight() const
{
    return fontMetrics().height() + 8;
}

int ScheduleView::labelWidth() const
{
    return std::min(viewport()->width() / 3,
                    fontMetrics().horizontalAdvance(QLatin1Char('M')) * kLabelWidthEm);
}

void ScheduleView::tick()
{
    if (m_following) {
        m_recorder.adapt(std::max(m_span, kMinRecorded));
        refresh();
        layoutRows();
        Q_EMIT viewChanged();
    }
    viewport()->update();
}

void ScheduleView::refresh()
{
    m_captured = Clock::now();
    m_recordedSince = std::max(m_recorder.coveredSince(), m_captured - kMaxSpan);
    m_slices.clear();
    if (!m_following) {
        // A still picture holds the whole ring, to pan through.
        m_recorder.copySince(m_captured - kMaxSpan, m_slices);
        return;
    }
    // Following copies only the span shown, ten times a second. The newest run stays in view,
    // near the right edge: zoomed in to microseconds, "now" is mostly the quiet after it.
    const Clock::time_point newest = m_recorder.newestEnd();
    m_end = newest == Clock::time_point{} ? m_captured : std::min(m_captured, newest + m_span / 10);
    m_recorder.copySince(m_end - m_span, m_slices);
}

void ScheduleView::layoutRows()
{
    const Clock::time_point begin = m_end - m_span;
    // Lanes: every live Loop, every Loop with a slice in view, and the selected one.
    std::map<QString, std::vector<std::pair<LoopId, QString>>> groups;
    std::unordered_set<LoopId> seen;
    auto note = [&](LoopId id) {
        if (!seen.insert(id).second)
            return;
        Label label = labelOf(id);
        groups[label.group].emplace_back(id, std::move(label.text));
    };
    for (LoopId id : m_live)
        note(id);
    const auto first =
        std::lower_bound(m_slices.begin(), m_slices.end(), begin,
                         [](const Slice &s, Clock::time_point t) { return s.end < t; });
    LoopId previous = 0;
    for (auto it = first; it != m_slices.end() && it->begin <= m_end; ++it)
        if (it->loop != previous) { // runs of one Loop come in a row: hash it once
            previous = it->loop;
            note(previous);
        }
    if (m_selected)
        note(m_selected);

    m_rows.clear();
    m_rowOfLoop.clear();
    for (auto &[name, lanes] : groups) {
        std::sort(lanes.begin(), lanes.end());
        m_rows.push_back(Row{true, name, 0, int(lanes.size())});
        if (m_collapsed.contains(name))
            continue;
        for (auto &[id, label] : lanes) {
            m_rowOfLoop[id] = int(m_rows.size());
            m_rows.push_back(Row{false, std::move(label), id, 0});
        }
    }
    const int total = int(m_rows.size()) * laneHeight();
    const int visible = std::max(0, viewport()->height() - headerHeight());
    verticalScrollBar()->setRange(0, std::max(0, total - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(laneHeight());
}

std::vector<LoopId> ScheduleView::lanes() const
{
    std::vector<LoopId> out;
    for (const Row &row : m_rows)
        if (!row.group)
            out.push_back(row.loop);
    return out;
}

QRect ScheduleView::laneRect(LoopId id) const
{
    const auto it = m_rowOfLoop.find(id);
    if (it == m_rowOfLoop.end())
        return {};
    return QRect(0, headerHeight() - verticalScrollBar()->value() + it->second * laneHeight(),
                 viewport()->width(), laneHeight());
}

void ScheduleView::setGroupCollapsed(const QString &group, bool collapsed)
{
    if (collapsed)
        m_collapsed.insert(group);
    else
        m_collapsed.remove(group);
    changed();
}

void ScheduleView::collapseAll(bool collapsed)
{
    m_collapsed.clear();
    if (collapsed)
        for (const Row &row : m_rows)
            if (row.group)
                m_collapsed.insert(row.name);
    changed();
}

ScheduleCapture ScheduleView::capture() const
{
    ScheduleCapture c;
    if (m_following) {
        // The view holds only the span shown: take everything recorded.
        c.end = Clock::now();
        m_recorder.copySince(c.end - kMaxSpan, c.slices);
    } else {
        c.slices = m_slices;
        c.end = m_captured;
    }
    for (LoopId id : m_live)
        c.loops.emplace(id, labelOf(id).text);
    for (const Slice &s : c.slices)
        if (!c.loops.count(s.loop))
            c.loops.emplace(s.loop, labelOf(s.loop).text);
    c.origin = m_recorder.origin() != Clock::time_point{} ? m_recorder.origin() : recordedBegin();
    c.stride = m_recorder.stride();
    return c;
}

int ScheduleView::rowAt(int y) const
{
    if (y < headerHeight())
        return -1;
    const int row = (y - headerHeight() + verticalScrollBar()->value()) / laneHeight();
    return row < int(m_rows.size()) ? row : -1;
}

void ScheduleView::paintRuler(QPainter &p, const QRect &plot)
{
    const QPalette &pal = palette();
    const QColor grid = blend(pal.base().color(), pal.text().color(), 0.12);
    const QColor dim = blend(pal.base().color(), pal.text().color(), 0.55);
    const Clock::time_point origin =
        m_recorder.origin() != Clock::time_point{} ? m_recorder.origin() : recordedBegin();
    const double span = toSeconds(m_span);
    const double left = toSeconds(m_end - m_span - origin);
    // A tick every 1, 2 or 5 times a power of ten, about 110 pixels apart.
    double step = span * 110.0 / plot.width();
    const double mag = std::pow(10.0, std::floor(std::log10(step)));
    step = step / mag <= 1 ? mag : step / mag <= 2 ? 2 * mag : step / mag <= 5 ? 5 * mag : 10 * mag;
    const int decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
    // Up to milliseconds every tick reads as seconds since recording began; below that the
    // first tick says where one is and the others how far past it.
    const bool relative = decimals > 3;
    const double firstTick = std::ceil(left / step - 1e-9) * step;
    const int y = plot.y();
    for (int i = 0;; ++i) {
        const double t = firstTick + i * step;
        const double x = plot.x() + (t - left) / span * plot.width();
        if (x > plot.right() + 0.5)
            break;
        p.setPen(grid);
        p.drawLine(QPointF(x, y - 3), QPointF(x, viewport()->height()));
        const QString text = i == 0 || !relative
                                 ? secondsText(t, relative ? decimals : std::min(decimals, 3))
                                 : QStringLiteral("+") + humanDuration(seconds(i * step));
        p.setPen(dim);
        const int w = fontMetrics().horizontalAdvance(text);
        p.drawText(QPointF(std::min<double>(x + 2, plot.right() - w), y - 6), text);
    }
}

void ScheduleView::paintSlices(QPainter &p, int first, int last)
{
    const QPalette &pal = palette();
    const QRect plot = plotRect();
    const int lane = laneHeight();
    const int yOffset = headerHeight() - verticalScrollBar()->value();
    const Clock::time_point begin = m_end - m_span;
    const double scale = plot.width() / toSeconds(m_span);
    const float letterWidth = float(fontMetrics().horizontalAdvance(QLatin1Char('W')) + 4);
    // Only the slices in view (sorted by end, and so by begin: a Hub runs one Loop at a time).
    auto it = std::lower_bound(m_slices.begin(), m_slices.end(), begin,
                               [](const Slice &s, Clock::time_point t) { return s.end < t; });
    // Many slices are narrower than a pixel: draw each lane's pixel column once.
    std::vector<int> lastPixel(m_rows.size(), std::numeric_limits<int>::min());
    for (; it != m_slices.end() && it->begin <= m_end; ++it) {
        const Slice &s = *it;
        const auto row = m_rowOfLoop.find(s.loop);
        if (row == m_rowOfLoop.end())
            continue;
        const int r = row->second;
        if (r < first || r > last)
            continue;
        const float a =
            std::max(float(plot.x() + toSeconds(s.begin - begin) * scale), float(plot.x()));
        const float b =
            std::min(std::max(float(plot.x() + toSeconds(s.end - begin) * scale), a + 1.0f),
                     float(plot.right() + 1));
        const int pixel = int(a);
        if (b - a <= 1.0f && pixel <= lastPixel[std::size_t(r)])
            continue;
        lastPixel[std::size_t(r)] = int(b) - 1;
        const float y = float(yOffset + r * lane + 2);
        const float h = float(lane - 4);
        const QColor cause = wakeColor(s.cause);
        if (b - a >= letterWidth) {
            // Wide enough to read: a tinted bar with a solid edge and the cause's letter.
            p.fillRect(QRectF(a, y, b - a, h), blend(cause, pal.base().color(), 0.45));
            p.fillRect(QRectF(a, y, 3.0f, h), cause);
            p.setPen(pal.text().color());
            p.drawText(QRectF(a + 4, y, b - a - 4, h), Qt::AlignVCenter | Qt::AlignLeft,
                       QString(wakeLetter(s.cause)));
        } else {
            p.fillRect(QRectF(a, y, b - a, h), cause);
        }
        m_hits.push_back(Hit{r, a, b, s});
    }
}

void ScheduleView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    const QRect area = viewport()->rect();
    p.fillRect(area, pal.base());
    m_hits.clear();
    const QRect plot = plotRect();
    const int header = headerHeight();
    const int lane = laneHeight();
    const int lw = labelWidth();
    const QColor grid = blend(pal.base().color(), pal.text().color(), 0.12);
    const QColor dim = blend(pal.base().color(), pal.text().color(), 0.55);

    paintRuler(p, plot);

    const int first = verticalScrollBar()->value() / lane;
    const int last = std::min<int>(int(m_rows.size()) - 1,
                                   (verticalScrollBar()->value() + area.height() - header) / lane);
    const int yOffset = header - verticalScrollBar()->value();
    p.setClipRect(QRect(0, header, area.width(), area.height() - header));

    // Lane backgrounds and labels.
    for (int r = first; r <= last; ++r) {
        const Row &row = m_rows[std::size_t(r)];
        const QRect rect(0, yOffset + r * lane, area.width(), lane);
        if (row.group) {
            p.fillRect(rect, pal.alternateBase());
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(pal.text().color());
            const QString arrow = m_collapsed.contains(row.name) ? QStringLiteral("\u25b8 ")
                                                                 : QStringLiteral("\u25be ");
            p.drawText(rect.adjusted(4, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                       arrow + row.name + QStringLiteral("  (%1)").arg(row.loops));
            p.setFont(font());
            continue;
        }
        if (row.loop == m_selected)
            p.fillRect(rect, blend(pal.base().color(), pal.highlight().color(), 0.25));
        p.setPen(pal.text().color());
        // The group header names the service: the lane shows what is particular to the Loop.
        QString name = row.name;
        const QString group = groupOf(name);
        if (name.startsWith(group) && name.size() > group.size())
            name = name.mid(group.size()).trimmed();
        const QString text = fontMetrics().elidedText(
            QStringLiteral("%1  %2").arg(row.loop).arg(name), Qt::ElideMiddle, lw - 14);
        p.drawText(QRect(14, rect.y(), lw - 14, lane), Qt::AlignVCenter | Qt::AlignLeft, text);
        p.setPen(grid);
        p.drawLine(plot.x(), rect.bottom(), area.width(), rect.bottom());
    }

    p.setClipRect(QRect(plot.x(), header, plot.width(), area.height() - header));
    paintSlices(p, first, last);
    p.setClipping(false);

    if (m_rows.empty()) {
        p.setPen(dim);
        p.drawText(area.adjusted(0, header, 0, 0), Qt::AlignCenter,
                   m_recorder.recording() ? QStringLiteral("No Loop ran in this window")
                                          : QStringLiteral("Not recording"));
    }
}

const ScheduleView::Hit *ScheduleView::hitAt(const QPoint &pos) const
{
    const int row = rowAt(pos.y());
    if (row < 0)
        return nullptr;
    const Hit *best = nullptr;
    float bestDistance = 4.0f;
    for (const Hit &h : m_hits) {
        if (h.row != row)
            continue;
        const float x = float(pos.x());
        const float d = x < h.x0 ? h.x0 - x : x > h.x1 ? x - h.x1 : 0.0f;
        if (d <= bestDistance) {
            bestDistance = d;
            best = &h;
        }
    }
    return best;
}

bool ScheduleView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const Hit *hit = hitAt(help->pos())) {
            const Slice &s = hit->slice;
            QToolTip::showText(
                help->globalPos(),
                QStringLiteral("<b>Loop %1</b> %2<br>ran %3 → %4 (%5)<br>woken by: %6 (%7)")
                    .arg(s.loop)
                    .arg(labelOf(s.loop).text.toHtmlEscaped())
                    .arg(clockText(s.begin, true))
                    .arg(clockText(s.end, true))
                    .arg(humanDuration(s.end - s.begin))
                    .arg(wakeWord(s.cause))
                    .arg(wakeLetter(s.cause)),
                viewport());
        } else {
            const int row = rowAt(help->pos().y());
            if (row >= 0 && !m_rows[std::size_t(row)].group)
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("Loop %1 %2")
                                       .arg(m_rows[std::size_t(row)].loop)
                                       .arg(m_rows[std::size_t(row)].name),
                                   viewport());
            else
                QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void ScheduleView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragged = false;
    m_pressAt = event->position().toPoint();
    m_pressEnd = m_end;
}

void ScheduleView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    const int dx = event->position().toPoint().x() - m_pressAt.x();
    if (!m_dragged && std::abs(dx) < 4)
        return;
    // Dragging moves the picture with the pointer, as in a map.
    m_dragged = true;
    setViewEnd(m_pressEnd - seconds(double(dx) / plotRect().width() * toSeconds(m_span)));
}

void ScheduleView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if (m_dragged)
        return;
    const int row = rowAt(m_pressAt.y());
    if (row < 0)
        return;
    const Row &r = m_rows[std::size_t(row)];
    if (r.group) {
        setGroupCollapsed(r.name, !m_collapsed.contains(r.name));
        return;
    }
    m_selected = r.loop;
    viewport()->update();
    Q_EMIT loopClicked(r.loop);
}

void ScheduleView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        // One notch halves or doubles the span around the pointer; finer wheels zoom finer.
        const double notches = event->angleDelta().y() / 120.0;
        setSpan(seconds(toSeconds(m_span) * std::pow(2.0, -notches)), int(event->position().x()));
        event->accept();
        return;
    }
    if (event->angleDelta().x() != 0) {
        panBy(-event->angleDelta().x() / 120.0 * plotRect().width() / 10.0);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void ScheduleView::keyPressEvent(QKeyEvent *event)
{
    const double page = plotRect().width();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Left:
        panBy(-page / 10);
        break;
    case Qt::Key_Right:
        panBy(page / 10);
        break;
    case Qt::Key_PageUp:
        panBy(-page);
        break;
    case Qt::Key_PageDown:
        panBy(page);
        break;
    case Qt::Key_Home:
        setFollowing(false); // first: the still picture holds the whole ring
        setViewEnd(recordedBegin() + m_span);
        break;
    case Qt::Key_End:
        setFollowing(true);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ScheduleView::setLive(bool live)
{
    if (live == m_timer.isActive())
        return;
    if (live) {
        m_timer.start();
        tick();
    } else {
        m_timer.stop();
    }
}

void ScheduleView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    layoutRows();
}

} // namespace diesel::widgets
