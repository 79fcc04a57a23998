// SPDX-License-Identifier: MIT
// Live counts for a status bar: Loops, connections, bytes/s in and out (humanised, exact in the
// tooltips), from Hub::stats() twice a second.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/widgets/export.h>

#include <QTimer>
#include <QWidget>

#include <deque>

class QLabel;

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT HubStatusWidget : public QWidget
{
    Q_OBJECT

public:
    explicit HubStatusWidget(Hub &hub, QWidget *parent = nullptr);

    /// Reads the Hub's totals now and updates the labels.
    void refresh();
    double rateIn() const noexcept { return m_rateIn; }
    double rateOut() const noexcept { return m_rateOut; }
    /// The text shown, for tests and accessibility.
    QString text() const;

private:
    struct Point
    {
        Clock::time_point at;
        HubStats stats;
    };
    Hub &m_hub;
    QTimer m_timer;
    std::deque<Point> m_points;
    double m_rateIn = 0;
    double m_rateOut = 0;
    QLabel *m_loops;
    QLabel *m_connections;
    QLabel *m_in;
    QLabel *m_out;
};

} // namespace diesel::widgets
