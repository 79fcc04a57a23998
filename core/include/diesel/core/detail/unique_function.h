// SPDX-License-Identifier: MIT
// A move-only void() callable: Loops take ownership of their function, and std::function
// would refuse move-only captures such as std::unique_ptr.
#pragma once

#include <diesel/core/export.h>

#include <memory>
#include <type_traits>
#include <utility>

namespace diesel::detail {

class DIESEL_CORE_EXPORT UniqueFunction
{
public:
    UniqueFunction() = default;
    template<class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, UniqueFunction>>>
    UniqueFunction(F &&f) // NOLINT(google-explicit-constructor): a callable converts implicitly
        : m_impl(std::make_unique<Impl<std::decay_t<F>>>(std::forward<F>(f)))
    {}
    explicit operator bool() const noexcept { return m_impl != nullptr; }
    void operator()() { m_impl->call(); }

private:
    struct Base
    {
        virtual ~Base() = default;
        virtual void call() = 0;
    };
    template<class F>
    struct Impl final : Base
    {
        template<class G>
        explicit Impl(G &&g)
            : fn(std::forward<G>(g))
        {}
        void call() override { fn(); }
        F fn;
    };
    std::unique_ptr<Base> m_impl;
};

} // namespace diesel::detail
