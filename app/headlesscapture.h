// SPDX-License-Identifier: MIT
// --capture FILE: records the traffic of a headless run as the Traffic panel does (same intake,
// same bounds) and writes it as pcapng when the run stops.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/widgets/trafficexport.h>
#include <diesel/widgets/trafficmodel.h>
#include <diesel/widgets/trafficrecorder.h>

#include <QString>
#include <QTimer>

namespace workbench {

class HeadlessCapture
{
public:
    /// Starts capturing the traffic of `hub`, to be written to `path`.
    HeadlessCapture(diesel::Hub &hub, QString path);
    ~HeadlessCapture();

    /// Takes what is pending and writes the file.
    diesel::widgets::PcapngExport write();
    const QString &path() const noexcept { return m_path; }

private:
    void poll();

    QString m_path;
    diesel::widgets::TrafficRecorder m_recorder;
    diesel::widgets::TrafficModel m_model;
    QTimer m_timer;
};

} // namespace workbench
