// SPDX-License-Identifier: MIT
#include <diesel/widgets/format.h>
#include <diesel/widgets/hubstatuswidget.h>
#include <diesel/widgets/visuals.h>

#include <QHBoxLayout>
#include <QLabel>

namespace diesel::widgets {

HubStatusWidget::HubStatusWidget(Hub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
{
    m_loops = new QLabel(this);
    m_connections = new QLabel(this);
    m_in = new QLabel(this);
    m_out = new QLabel(this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QLabel *label : {m_loops, m_connections, m_in, m_out})
        layout->addWidget(label);
    QPalette in = m_in->palette();
    in.setColor(QPalette::WindowText, directionColor(Direction::In));
    m_in->setPalette(in);
    QPalette out = m_out->palette();
    out.setColor(QPalette::WindowText, directionColor(Direction::Out));
    m_out->setPalette(out);
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &HubStatusWidget::refresh);
    m_timer.start();
    refresh();
}

void HubStatusWidget::refresh()
{
    const Point now{Clock::now(), m_hub.stats()};
    m_points.push_back(now);
    // Rates over the last two seconds or so.
    while (m_points.size() > 2 && now.at - m_points.front().at > std::chrono::seconds(2))
        m_points.pop_front();
    const Point &old = m_points.front();
    const double dt = std::chrono::duration<double>(now.at - old.at).count();
    if (dt > 0.1) {
        m_rateIn = double(now.stats.bytes_in - old.stats.bytes_in) / dt;
        m_rateOut = double(now.stats.bytes_out - old.stats.bytes_out) / dt;
    }
    const HubStats &s = now.stats;
    m_loops->setText(QStringLiteral("Loops %1").arg(exactNumber(s.loops)));
    m_loops->setToolTip(QStringLiteral("%1 live Loops; %2 switches since start")
                            .arg(exactNumber(s.loops), exactNumber(s.switches)));
    m_connections->setText(QStringLiteral("\u00b7 conns %1").arg(exactNumber(s.connections)));
    m_connections->setToolTip(
        QStringLiteral("%1 open connections and sockets").arg(exactNumber(s.connections)));
    m_in->setText(QStringLiteral("\u00b7 in %1").arg(humanRate(m_rateIn)));
    m_in->setToolTip(QStringLiteral("%1 bytes/s received; %2 bytes in total")
                         .arg(exactNumber(std::uint64_t(m_rateIn)), exactNumber(s.bytes_in)));
    m_out->setText(QStringLiteral("\u00b7 out %1").arg(humanRate(m_rateOut)));
    m_out->setToolTip(QStringLiteral("%1 bytes/s sent; %2 bytes in total")
                          .arg(exactNumber(std::uint64_t(m_rateOut)), exactNumber(s.bytes_out)));
}

QString HubStatusWidget::text() const
{
    return m_loops->text() + QLatin1Char(' ') + m_connections->text() + QLatin1Char(' ') +
           m_in->text() + QLatin1Char(' ') + m_out->text();
}

} // namespace diesel::widgets
