// SPDX-License-Identifier: MIT
// What the coordination tools cost: a Queue hand-off between two Loops (target < 200 ns), a
// ConnectionPool checkout and return without I/O (target < 100 ns), and a few neighbours for
// comparison. Every measured loop runs inside a Loop on a live Hub.
//
//   util_bench [--benchmark_filter=Queue] [--benchmark_min_time=1]
#include "../common/in_loop.h"

#include <diesel/diesel.h>

#include <cstdint>

namespace {

// Runs body() in a Loop on this thread's Hub and returns once it did.
// put() to a consumer Loop waiting in get(), then yield (the yield alone: core_bench's
// BM_PingPongTwoLoops) so that it takes the item and waits
// again: one hand-off, two Loop switches per iteration.
void BM_QueueHandOff(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::Queue<int> q("bench");
        std::int64_t received = 0;
        diesel::fork([&] {
            while (q.get() >= 0)
                ++received;
        });
        diesel::sleep(0); // the consumer starts and waits
        for (auto _ : state) {
            q.put(1);
            diesel::sleep(0);
        }
        q.put(-1);
        diesel::sleep(0);
        if (received != state.iterations())
            state.SkipWithError("items were lost");
    });
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueueHandOff);

// A producer and a consumer Loop streaming through a bounded queue of 64. get() finds items
// queued, so it yields once per item (diesel's sleep()), letting the producer refill.
template<bool kYield>
void BM_QueueBoundedStreamT(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::Queue<int> q(64, "bench");
        std::int64_t received = 0;
        diesel::fork([&] {
            for (;;) {
                const int item = kYield ? q.get() : q.get(diesel::no_yield);
                if (item < 0)
                    break;
                ++received;
            }
        });
        for (auto _ : state)
            q.put(1);
        q.put(-1);
        while (q.waiting_getters() == 0 && !q.empty())
            diesel::sleep(0);
        diesel::sleep(0);
        if (received != state.iterations())
            state.SkipWithError("items were lost");
    });
    state.SetItemsProcessed(state.iterations());
}
void BM_QueueBoundedStream(benchmark::State &state)
{
    BM_QueueBoundedStreamT<true>(state);
}
BENCHMARK(BM_QueueBoundedStream);
// The same with get(no_yield): switches amortised over up to 64 items.
void BM_QueueBoundedStreamNoYield(benchmark::State &state)
{
    BM_QueueBoundedStreamT<false>(state);
}
BENCHMARK(BM_QueueBoundedStreamNoYield);

// put() and get() in the same Loop: get() finds the item queued, so it yields once (a round of
// the Hub with only this Loop ready).
void BM_QueuePutGetOneLoop(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::Queue<int> q("bench");
        for (auto _ : state) {
            q.put(1);
            benchmark::DoNotOptimize(q.get());
        }
    });
}
BENCHMARK(BM_QueuePutGetOneLoop);

// The same with get(no_yield): the queue's own bookkeeping, no switch.
void BM_QueuePutGetOneLoopNoYield(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::Queue<int> q("bench");
        for (auto _ : state) {
            q.put(1);
            benchmark::DoNotOptimize(q.get(diesel::no_yield));
        }
    });
}
BENCHMARK(BM_QueuePutGetOneLoopNoYield);

struct FakeClient
{
    bool is_connected() const noexcept { return true; }
};

// Borrow an idle Client and give it back.
void BM_PoolCheckoutReturn(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::ConnectionPool pool([] { return FakeClient{}; }, [](FakeClient &) {}, 3);
        for (auto _ : state) {
            auto client = pool.connection();
            benchmark::DoNotOptimize(&*client);
        }
        if (pool.stats().created != 1)
            state.SkipWithError("the pool made more than one client");
    });
}
BENCHMARK(BM_PoolCheckoutReturn);

// Two Loops sharing one connection (pool_max 1): each checkout waits for the other's return.
void BM_PoolHandOff(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::ConnectionPool pool([] { return FakeClient{}; }, [](FakeClient &) {}, 1, 1);
        bool done = false;
        diesel::fork([&] {
            while (!done) {
                auto client = pool.connection();
                diesel::sleep(0);
            }
        });
        for (auto _ : state) {
            auto client = pool.connection();
            diesel::sleep(0);
        }
        done = true;
        diesel::sleep(0);
        diesel::sleep(0);
    });
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PoolHandOff);

// An uncontended Lock, for comparison.
void BM_LockUncontended(benchmark::State &state)
{
    bench::in_loop([&] {
        diesel::Lock lock;
        for (auto _ : state) {
            lock.acquire();
            lock.release();
        }
    });
}
BENCHMARK(BM_LockUncontended);

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    QCoreApplication app(argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}
