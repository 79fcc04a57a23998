// SPDX-License-Identifier: MIT
// What the Google Benchmark programs share: each benchmark body runs inside a Loop on a Hub in a
// QCoreApplication, as real code does, and main() makes that application.
#pragma once

#include <diesel/diesel.h>

#include <QCoreApplication>

#include <benchmark/benchmark.h>

namespace bench {

// Runs `body` inside a Loop until it returns.
template<class F>
void in_loop(F &&body)
{
    diesel::quickstart([&] {
        body();
        diesel::quickstop();
    });
}

// The main() of a benchmark program.
inline int run_benchmarks(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

} // namespace bench
