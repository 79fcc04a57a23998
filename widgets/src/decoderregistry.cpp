// SPDX-License-Identifier: MIT
#include <diesel/widgets/decoderregistry.h>

#include <algorithm>

namespace diesel::widgets {

DecoderRegistry DecoderRegistry::builtins()
{
    DecoderRegistry registry;
    registry.add(respDecoderFactory());
    registry.add(httpDecoderFactory());
    registry.add(websocketDecoderFactory());
    registry.add(riakDecoderFactory());
    return registry;
}

void DecoderRegistry::add(DecoderFactory factory)
{
    auto it = std::find_if(m_factories.begin(), m_factories.end(),
                           [&](const DecoderFactory &f) { return f.id == factory.id; });
    if (it != m_factories.end())
        *it = std::move(factory);
    else
        m_factories.push_back(std::move(factory));
}

const DecoderFactory *DecoderRegistry::find(const QString &id) const
{
    for (const DecoderFactory &f : m_factories)
        if (f.id == id)
            return &f;
    return nullptr;
}

std::unique_ptr<TrafficDecoder> DecoderRegistry::create(const QString &id) const
{
    const DecoderFactory *f = find(id);
    return f ? f->create() : nullptr;
}

const DecoderFactory *DecoderRegistry::choose(std::uint16_t serverPort, Side side,
                                              QByteArrayView first) const
{
    const DecoderFactory *maybe = nullptr;
    for (const DecoderFactory &f : m_factories) {
        const int score = f.sniff ? f.sniff(side, first) : 0;
        if (score >= 2)
            return &f;
        if (score == 1 && !maybe)
            maybe = &f;
    }
    for (const DecoderFactory &f : m_factories)
        if (std::find(f.ports.begin(), f.ports.end(), serverPort) != f.ports.end())
            return &f;
    return maybe;
}

} // namespace diesel::widgets
