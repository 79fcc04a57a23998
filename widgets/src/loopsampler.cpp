// SPDX-License-Identifier: MIT
#include <diesel/core/loop.h>
#include <diesel/widgets/loopsampler.h>

#include <algorithm>

namespace diesel::widgets {

// Remembers Loops that end with an error. Runs in the engine's path for every Loop start and
// end: it only copies a few fields, and only for Loops that failed.
class LoopSampler::EndObserver final : public Observer
{
public:
    unsigned interests() const override { return Lifecycle; }

    void loop_ended(const Loop &loop, std::string_view error) override
    {
        // A keep-alive Loop that restarts stays live under its id; its deaths show in the row.
        if (error.empty() || loop.restarting())
            return;
        LoopRecord record;
        record.info.id = loop.id();
        record.info.parent = loop.parent_id();
        record.info.label = loop.label();
        record.info.state = LoopState::Dead;
        record.info.since = Clock::now();
        record.info.switches = loop.switches();
        record.info.bytes_in = loop.bytes_in();
        record.info.bytes_out = loop.bytes_out();
        record.info.child = loop.is_child();
        record.info.deaths = loop.deaths();
        record.info.keep_alive = loop.keep_alive();
        record.ended = true;
        record.error = std::string(error);
        record.endedAt = record.info.since;
        ended.push_back(std::move(record));
        if (ended.size() > kMaxEnded)
            ended.pop_front();
    }

    static constexpr std::size_t kMaxEnded = 256;
    std::deque<LoopRecord> ended;
};

LoopSampler::LoopSampler(Hub &hub, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_observer(std::make_unique<EndObserver>())
{
    qRegisterMetaType<diesel::widgets::LoopSample>();
    m_timer.setInterval(std::chrono::milliseconds(100));
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { sampleNow(); });
    m_hub.add_observer(*m_observer);
}

LoopSampler::~LoopSampler()
{
    if (Hub::current_if_any() == &m_hub)
        m_hub.remove_observer(*m_observer);
}

void LoopSampler::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void LoopSampler::setEndedLinger(std::chrono::milliseconds linger)
{
    m_linger = linger;
}

void LoopSampler::acquire()
{
    if (m_users++ == 0) {
        m_timer.start();
        sampleNow();
    }
}

void LoopSampler::release()
{
    if (m_users > 0 && --m_users == 0)
        m_timer.stop();
}

const std::vector<LoopRecord> &LoopSample::records() const
{
    static const std::vector<LoopRecord> none;
    return loops ? *loops : none;
}

SamplerUse::SamplerUse(LoopSampler &sampler, std::function<void(bool active)> changed)
    : m_sampler(sampler)
    , m_changed(std::move(changed))
{}

SamplerUse::~SamplerUse()
{
    if (m_active)
        m_sampler.release();
}

void SamplerUse::setShown(bool shown)
{
    m_shown = shown;
    update();
}

void SamplerUse::setViewed(bool viewed)
{
    m_viewed = viewed;
    update();
}

void SamplerUse::update()
{
    const bool active = m_shown && m_viewed;
    if (active == m_active)
        return;
    m_active = active;
    if (m_changed)
        m_changed(active);
    if (active)
        m_sampler.acquire();
    else
        m_sampler.release();
}

LoopSample LoopSampler::sampleNow()
{
    LoopSample sample;
    sample.at = Clock::now();
    sample.stats = m_hub.stats();
    std::vector<LoopInfo> infos = m_hub.snapshot();

    auto &ended = m_observer->ended;
    while (!ended.empty() && sample.at - ended.front().endedAt > m_linger)
        ended.pop_front();

    auto records = std::make_shared<std::vector<LoopRecord>>();
    records->reserve(infos.size() + ended.size());
    for (LoopInfo &info : infos) {
        LoopRecord record;
        record.info = std::move(info);
        records->push_back(std::move(record));
    }
    if (!ended.empty()) {
        for (const LoopRecord &record : ended)
            records->push_back(record);
        // An ended id is never live again: a keep-alive Loop that restarts is not recorded.
        std::sort(records->begin(), records->end(),
                  [](const LoopRecord &a, const LoopRecord &b) { return a.info.id < b.info.id; });
    }
    sample.loops = std::move(records);
    m_latest = sample;
    Q_EMIT sampled(m_latest);
    return sample;
}

} // namespace diesel::widgets
