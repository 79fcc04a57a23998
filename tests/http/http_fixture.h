// SPDX-License-Identifier: MIT
// What the HTTP suites share: running a real client program (curl, python3) without blocking
// the Hub, and raw exchanges over a socket for what no well-behaved client sends.
#pragma once

#include <diesel/core/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dtest {

/// What a program printed and how it ended.
struct ToolResult
{
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// From a Loop: runs `program` with `args` on a worker thread (the Loop waits, the Hub serves)
/// and returns its output; `input` goes to its standard input. Fails with a clear message when
/// the program is missing: skip-worthy environments are not silent passes.
ToolResult run_tool(const std::string &program, const std::vector<std::string> &args,
                    const std::string &input = {});

/// run_tool("/usr/bin/python3", {"-c", script, extra...}).
ToolResult run_python(const std::string &script, const std::vector<std::string> &args = {});

/// What a raw exchange saw.
struct RawReply
{
    std::string bytes;   ///< everything received
    bool closed = false; ///< the server closed the connection (else `wait` passed first)
};

/// From a Loop: connects to 127.0.0.1:`port`, sends `request`, and reads until the server
/// closes or `wait` passed with the connection still open.
RawReply raw_exchange(std::uint16_t port, const std::string &request,
                      diesel::Seconds wait = diesel::Seconds(5));

/// How many complete "HTTP/1.1 " status lines `bytes` holds.
int count_responses(const std::string &bytes);

} // namespace dtest
