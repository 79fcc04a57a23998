// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/scheduleview.h>
#include <diesel/widgets/slicerecorder.h>
#include <diesel/widgets/visuals.h>

#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollBar>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace diesel::widgets {

namespace {

constexpr std::array<double, 10> kWindows{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30};
constexpr int kLabelWidthEm = 16;

Clock::duration seconds(double s)
{
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

double toSeconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

} // namespace

ScheduleView::ScheduleView(SliceRecorder &recorder, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_recorder(recorder)
    , m_window(seconds(2))
{
    setMouseTracking(true);
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

void ScheduleView::setWindow(Clock::duration window)
{
    m_window = std::clamp(window, seconds(kWindows.front()), seconds(kWindows.back()));
    collect();
    viewport()->update();
    Q_EMIT windowChanged();
}

void ScheduleView::zoomIn()
{
    const double now = toSeconds(m_window);
    for (auto it = kWindows.rbegin(); it != kWindows.rend(); ++it)
        if (*it < now - 1e-9) {
            setWindow(seconds(*it));
            return;
        }
}

void ScheduleView::zoomOut()
{
    const double now = toSeconds(m_window);
    for (double w : kWindows)
        if (w > now + 1e-9) {
            setWindow(seconds(w));
            return;
        }
}

void ScheduleView::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (paused) {
        // Keep everything the widest zoom could show, so zooming out while paused still works.
        m_end = Clock::now();
        m_slices.clear();
        m_recorder.copySince(m_end - seconds(kWindows.back()), m_slices);
    }
    collect();
    viewport()->update();
}

void ScheduleView::selectLoop(LoopId id)
{
    m_selected = id;
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
    for (const LoopRecord &r : *sample.loops)
        m_labels[r.info.id] = QString::fromStdString(r.info.label);
    // Forget labels of Loops long gone, keeping the map bounded.
    if (m_labels.size() > sample.loops->size() + 20000) {
        std::unordered_map<LoopId, QString> kept;
        for (const LoopRecord &r : *sample.loops)
            kept[r.info.id] = QString::fromStdString(r.info.label);
        for (const Slice &s : m_slices)
            if (auto it = m_labels.find(s.loop); it != m_labels.end())
                kept.insert(*it);
        m_labels = std::move(kept);
    }
}

QString ScheduleView::labelOf(LoopId id) const
{
    const auto it = m_labels.find(id);
    return it != m_labels.end() ? it->second : QStringLiteral("Loop %1").arg(id);
}

int ScheduleView::laneHeight() const
{
    return fontMetrics().height() + 4;
}

int ScheduleView::headerHeight() const
{
    return fontMetrics().height() + 8;
}

void ScheduleView::tick()
{
    if (!m_paused) {
        m_recorder.adapt(m_window);
        m_end = Clock::now();
        m_slices.clear();
        m_recorder.copySince(m_end - m_window, m_slices);
        collect();
    }
    viewport()->update();
}

void ScheduleView::collect()
{
    layoutRows();
}

void ScheduleView::layoutRows()
{
    const Clock::time_point begin = m_end - m_window;
    // Lanes: every Loop with a slice in the window, and the selected one, grouped by service.
    std::map<QString, std::vector<std::pair<LoopId, QString>>> groups;
    std::unordered_map<LoopId, bool> seen;
    auto note = [&](LoopId id) {
        if (!seen.emplace(id, true).second)
            return;
        const QString label = labelOf(id);
        groups[groupOf(label)].emplace_back(id, label);
    };
    for (const Slice &s : m_slices)
        if (s.end >= begin)
            note(s.loop);
    if (m_selected)
        note(m_selected);

    m_rows.clear();
    m_rowOfLoop.clear();
    for (auto &[name, lanes] : groups) {
        std::sort(lanes.begin(), lanes.end());
        m_rows.push_back(Row{true, name, 0, int(lanes.size())});
        if (m_collapsed.contains(name))
            continue;
        for (const auto &[id, label] : lanes) {
            m_rowOfLoop[id] = int(m_rows.size());
            m_rows.push_back(Row{false, label, id, 0});
        }
    }
    const int total = int(m_rows.size()) * laneHeight();
    const int visible = std::max(0, viewport()->height() - headerHeight());
    verticalScrollBar()->setRange(0, std::max(0, total - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(laneHeight());
}

int ScheduleView::rowAt(int y) const
{
    if (y < headerHeight())
        return -1;
    const int row = (y - headerHeight() + verticalScrollBar()->value()) / laneHeight();
    return row < int(m_rows.size()) ? row : -1;
}

void ScheduleView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QPalette &pal = palette();
    const QRect area = viewport()->rect();
    p.fillRect(area, pal.base());
    m_hits.clear();

    const int labelWidth = std::min(
        area.width() / 3, fontMetrics().horizontalAdvance(QLatin1Char('M')) * kLabelWidthEm);
    const int x0 = labelWidth + 4;
    const int plotWidth = std::max(1, area.width() - x0 - 4);
    const int header = headerHeight();
    const int lane = laneHeight();
    const double span = toSeconds(m_window);
    const Clock::time_point begin = m_end - m_window;
    auto xOf = [&](Clock::time_point t) {
        return float(x0 + toSeconds(t - begin) / span * plotWidth);
    };

    // Time axis: ticks at 1-2-5 steps, labelled as time before the end.
    const QColor grid = blend(pal.base().color(), pal.text().color(), 0.12);
    const QColor dim = blend(pal.base().color(), pal.text().color(), 0.55);
    double step = span / 6.0;
    const double mag = std::pow(10.0, std::floor(std::log10(step)));
    step = step / mag < 2 ? 2 * mag : step / mag < 5 ? 5 * mag : 10 * mag;
    p.setPen(dim);
    for (double t = 0; t <= span + 1e-9; t += step) {
        const float x = float(x0 + plotWidth - t / span * plotWidth);
        p.setPen(grid);
        p.drawLine(QPointF(x, header), QPointF(x, area.height()));
        p.setPen(dim);
        const QString text = t < 1e-9
                                 ? (m_paused ? QStringLiteral("paused") : QStringLiteral("now"))
                                 : QStringLiteral("-") + humanDuration(seconds(t));
        const int w = fontMetrics().horizontalAdvance(text);
        p.drawText(QPointF(std::max<float>(x0, x - w - 2), header - 6), text);
    }

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
            QStringLiteral("%1  %2").arg(row.loop).arg(name), Qt::ElideMiddle, labelWidth - 14);
        p.drawText(QRect(14, rect.y(), labelWidth - 14, lane), Qt::AlignVCenter | Qt::AlignLeft,
                   text);
        p.setPen(grid);
        p.drawLine(x0, rect.bottom(), area.width(), rect.bottom());
    }

    // Slices. Many are narrower than a pixel: draw each lane's pixel column once.
    const QColor body = stateColor(VisualState::Running);
    std::vector<int> lastPixel(m_rows.size(), -1);
    for (const Slice &s : m_slices) {
        if (s.end < begin)
            continue;
        const auto it = m_rowOfLoop.find(s.loop);
        if (it == m_rowOfLoop.end())
            continue;
        const int r = it->second;
        if (r < first || r > last)
            continue;
        float a = std::max<float>(xOf(s.begin), float(x0));
        float b = std::max(xOf(s.end), a + 1.0f);
        const int pixel = int(a);
        if (b - a <= 1.0f && pixel == lastPixel[std::size_t(r)])
            continue;
        lastPixel[std::size_t(r)] = int(b);
        const float y = float(yOffset + r * lane + 2);
        const float h = float(lane - 4);
        const QColor cause = wakeColor(s.cause);
        if (b - a >= 4.0f) {
            p.fillRect(QRectF(a, y, b - a, h), body);
            p.fillRect(QRectF(a, y, 3.0f, h), cause);
        } else {
            p.fillRect(QRectF(a, y, b - a, h), cause);
        }
        m_hits.push_back(Hit{r, a, b, s});
    }
    p.setClipping(false);

    // Header background last, over any lane scrolled under it.
    p.fillRect(QRect(0, 0, area.width(), header - fontMetrics().height() - 4), pal.base());
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
                QStringLiteral("<b>Loop %1</b> %2<br>ran %3 → %4 (%5)<br>woken by: %6")
                    .arg(s.loop)
                    .arg(labelOf(s.loop).toHtmlEscaped())
                    .arg(clockText(s.begin, true))
                    .arg(clockText(s.end, true))
                    .arg(humanDuration(s.end - s.begin))
                    .arg(wakeWord(s.cause)),
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
    const int row = rowAt(event->position().toPoint().y());
    if (row < 0)
        return;
    const Row &r = m_rows[std::size_t(row)];
    if (r.group) {
        if (m_collapsed.contains(r.name))
            m_collapsed.remove(r.name);
        else
            m_collapsed.insert(r.name);
        collect();
        viewport()->update();
        return;
    }
    m_selected = r.loop;
    viewport()->update();
    Q_EMIT loopClicked(r.loop);
}

void ScheduleView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
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
