// SPDX-License-Identifier: MIT
// What the Redis console needs to read a typed command: the line split into words as redis-cli
// splits it, and the command names it completes.
#pragma once

#include <QStringList>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace workbench {

/// Splits a command line like redis-cli (sdssplitargs): words separated by blanks; "double
/// quotes" with \n \r \t \b \a \\ \" and \xHH escapes; 'single quotes' with \' only; a closing
/// quote must be followed by a blank or the end. nullopt for unbalanced quotes.
std::optional<std::vector<std::string>> splitCommandLine(std::string_view line);

/// The Redis command names offered for completion, upper case and sorted.
const QStringList &redisCommandNames();

} // namespace workbench
