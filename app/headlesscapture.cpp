// SPDX-License-Identifier: MIT
#include "headlesscapture.h"

namespace workbench {

HeadlessCapture::HeadlessCapture(diesel::Hub &hub, QString path)
    : m_path(std::move(path))
    , m_recorder(hub, 2048) // the Traffic panel's intake
{
    m_timer.setInterval(100);
    QObject::connect(&m_timer, &QTimer::timeout, &m_model, [this] { poll(); });
    m_timer.start();
    m_recorder.start();
}

HeadlessCapture::~HeadlessCapture()
{
    m_recorder.stop();
}

void HeadlessCapture::poll()
{
    const diesel::widgets::TrafficBatch batch = m_recorder.take();
    if (!batch.chunks.empty() || batch.lost || !batch.connections.empty())
        m_model.ingest(batch);
}

diesel::widgets::PcapngExport HeadlessCapture::write()
{
    poll();
    return diesel::widgets::exportPcapng(m_model, {}, m_path);
}

} // namespace workbench
