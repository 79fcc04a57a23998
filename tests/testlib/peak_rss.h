// SPDX-License-Identifier: MIT
// Peak memory of the test process while a hostile peer does its worst: the kernel's high-water
// mark (VmHWM) is reset at the start, so growth() is what the test itself added at its peak.
#pragma once

#include <fstream>
#include <string>

namespace dtest {

/// Measures the peak resident set growth from its construction on (Linux /proc).
class PeakRss
{
public:
    /// Resets the process's peak (when the kernel allows) and notes the current size.
    PeakRss()
    {
        std::ofstream("/proc/self/clear_refs") << "5";
        m_base = field("VmRSS:");
    }
    /// The peak resident size since construction minus the size then, in bytes. Without a reset
    /// of the peak it is an upper bound.
    long long growth() const { return field("VmHWM:") - m_base; }

private:
    static long long field(const std::string &name)
    {
        std::ifstream status("/proc/self/status");
        std::string word;
        while (status >> word)
            if (word == name) {
                long long kib = 0;
                status >> kib;
                return kib * 1024;
            }
        return 0;
    }
    long long m_base = 0;
};

} // namespace dtest
