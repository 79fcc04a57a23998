// SPDX-License-Identifier: MIT
// Reading the terminal from a Loop: the blocking getline runs on a worker thread (diesel::thread)
// so the Hub keeps serving sockets meanwhile.
#pragma once

#include <diesel/diesel.h>

#include <iostream>
#include <optional>
#include <string>

namespace examples {

// Prints `prompt`, then waits for a line; nullopt at the end of input.
inline std::optional<std::string> read_line(const std::string &prompt)
{
    std::cout << prompt << std::flush;
    return diesel::thread([]() -> std::optional<std::string> {
        std::string line;
        if (!std::getline(std::cin, line))
            return std::nullopt;
        return line;
    });
}

} // namespace examples
