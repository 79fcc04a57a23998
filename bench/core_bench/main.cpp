// SPDX-License-Identifier: MIT
// The runtime's basic costs: a Loop switch (a sleep(0) round trip) and starting and finishing a
// Loop. Each benchmark runs inside a Loop on a Hub in a QCoreApplication, as real code does.
#include "../common/in_loop.h"

#include <diesel/diesel.h>

namespace {

// One Loop yielding: switch to the Hub and back.
void BM_SleepZeroRoundTrip(benchmark::State &state)
{
    bench::in_loop([&] {
        for (auto _ : state)
            diesel::sleep(0);
    });
}
BENCHMARK(BM_SleepZeroRoundTrip);

// Two Loops yielding to each other: each iteration resumes each once (the first hands over
// straight to the second, which ends the round and goes back through the Hub).
void BM_PingPongTwoLoops(benchmark::State &state)
{
    bench::in_loop([&] {
        bool done = false;
        diesel::fork([&] {
            while (!done)
                diesel::sleep(0);
        });
        for (auto _ : state)
            diesel::sleep(0);
        done = true;
        diesel::sleep(0);
    });
    state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_PingPongTwoLoops);

// fork() a Loop that returns at once, and let it run to its end.
void BM_ForkAndFinish(benchmark::State &state)
{
    bench::in_loop([&] {
        int finished = 0;
        for (auto _ : state) {
            diesel::fork([&finished] { ++finished; });
            diesel::sleep(0);
        }
        benchmark::DoNotOptimize(finished);
    });
}
BENCHMARK(BM_ForkAndFinish);

// fire() waking a waiting Loop, which waits again.
void BM_FireWaitHandOff(benchmark::State &state)
{
    bench::in_loop([&] {
        bool done = false;
        diesel::fork([&] {
            while (!done)
                diesel::wait("tick");
        });
        diesel::sleep(0);
        for (auto _ : state) {
            diesel::fire("tick");
            diesel::sleep(0);
        }
        done = true;
        diesel::fire("tick");
        diesel::sleep(0);
    });
}
BENCHMARK(BM_FireWaitHandOff);

} // namespace

int main(int argc, char **argv)
{
    return bench::run_benchmarks(argc, argv);
}
