// SPDX-License-Identifier: MIT
// Redis Cluster's key → slot function and the key arguments of each command: what routing needs
// before a command goes to a node.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace diesel::redis::detail {

// Slots of a Redis Cluster.
inline constexpr std::uint16_t cluster_slots = 16384;

// CRC16-XMODEM of the key (or of its first non-empty {hash tag}) modulo 16384, as the cluster
// specification gives.
std::uint16_t key_slot(std::string_view key) noexcept;

// The slots of a command's keys, gathered as they are found (no list of keys is kept).
struct KeySlots
{
    std::size_t count = 0;              // keys seen
    std::uint16_t first = 0;            // the first key's slot
    std::optional<std::uint16_t> other; // the first slot differing from it: keys span slots
    void add(std::string_view key) noexcept;
};

// What the cluster client knows about one command.
struct CommandKeys
{
    bool known = false;     // the command is in the table (false: ask COMMAND GETKEYS)
    bool read_only = false; // may run on a replica after READONLY
    // Safe to send again after a connection was lost with it in flight: running it twice leaves
    // the same state (reads, SET, DEL, HSET, ...); INCR, LPUSH, EVAL, ... are not.
    bool retry_safe = false;
    bool broadcast = false; // keyless and meant for every primary (FLUSHALL, SCRIPT LOAD)
    KeySlots slots;         // of the key arguments
};

// The keys of `args` (a whole command, name first) from the client's table. `hint` remembers
// where the last command was found in it (start with any value, keep it between calls).
CommandKeys command_keys(std::span<const std::string_view> args, std::size_t &hint);

// The one slot all `keys` hash to; nullopt when they span slots. `keys` must not be empty.
std::optional<std::uint16_t> common_slot(std::span<const std::string_view> keys) noexcept;

} // namespace diesel::redis::detail
