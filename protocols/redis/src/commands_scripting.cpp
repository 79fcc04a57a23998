// SPDX-License-Identifier: MIT
#include "convert.h"
#include "format.h"

#include <diesel/redis/commands/scripting.h>

namespace diesel::redis {

using namespace detail;

namespace {
Command script_command(std::string_view name, std::string_view script, const Args &keys,
                       const Args &args)
{
    Command c(name);
    c.add(script).add(static_cast<long long>(keys.size())).add(keys).add(args);
    return c;
}
} // namespace

Reply ScriptingCommands::eval(std::string_view script, const Args &keys, const Args &args)
{
    return run_command(script_command("EVAL", script, keys, args).span());
}

Reply ScriptingCommands::eval_ro(std::string_view script, const Args &keys, const Args &args)
{
    return run_command(script_command("EVAL_RO", script, keys, args).span());
}

Reply ScriptingCommands::evalsha(std::string_view sha1, const Args &keys, const Args &args)
{
    return run_command(script_command("EVALSHA", sha1, keys, args).span());
}

Reply ScriptingCommands::evalsha_ro(std::string_view sha1, const Args &keys, const Args &args)
{
    return run_command(script_command("EVALSHA_RO", sha1, keys, args).span());
}

std::vector<bool> ScriptingCommands::script_exists(const Args &sha1s)
{
    Command c("SCRIPT");
    c.add("EXISTS").add(sha1s);
    return to_bools(run_command(c.span()));
}

void ScriptingCommands::script_flush()
{
    to_ok(run({"SCRIPT", "FLUSH"}));
}

void ScriptingCommands::script_kill()
{
    to_ok(run({"SCRIPT", "KILL"}));
}

std::string ScriptingCommands::script_load(std::string_view script)
{
    return to_string(run({"SCRIPT", "LOAD", script}));
}

} // namespace diesel::redis
