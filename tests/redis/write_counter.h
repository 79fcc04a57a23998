// SPDX-License-Identifier: MIT
// An observer counting the writes clients make: to see that a pipeline is one write, or that a
// refused command sent nothing.
#pragma once

#include <diesel/core/observer.h>

#include <string_view>

namespace dtest {

class WriteCounter : public diesel::Observer
{
public:
    unsigned interests() const override { return Data; }
    void data(const diesel::ConnectionInfo &, diesel::Direction direction, std::string_view,
              diesel::LoopId) override
    {
        if (direction == diesel::Direction::Out)
            ++writes;
    }
    int writes = 0; ///< writes seen since the observer was added
};

} // namespace dtest
