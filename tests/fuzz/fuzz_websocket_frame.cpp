// SPDX-License-Identifier: MIT
// WebSocket frames from arbitrary bytes, read by the MessageReader the way a WebSocket reads
// its connection: whole, and again as bytes arriving in pieces of a size the input picks; both
// must yield the same events. Messages stay within the limit, text is UTF-8, control payloads
// are at most 125 bytes, close codes are valid, and anything fed is consumed or waited for.
// A frame written by write_frame_header() and masked must read back as what was written.
#include "websocket_frame.h"
#include "websocket_reader.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {
using namespace diesel::http;
using namespace diesel::http::detail;
using Event = MessageReader::Event;

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

// Feeds `bytes` as a connection delivers them, `piece` more at a time; returns the events.
std::string read_all(std::string_view bytes, bool masked, std::size_t limit, std::size_t piece)
{
    MessageReader reader(masked, limit);
    std::string log;
    std::size_t pos = 0;
    std::size_t arrived = std::min(bytes.size(), piece);
    std::size_t need = 1;
    for (;;) {
        // As peek(need) does: wait (let more arrive) until `need` bytes are buffered.
        while (arrived - pos < need && arrived < bytes.size())
            arrived = std::min(bytes.size(), arrived + piece);
        if (arrived - pos < need || arrived == pos)
            break;
        const std::string_view view = bytes.substr(pos, arrived - pos);
        const auto step = reader.feed(view);
        check(step.consumed <= view.size());
        pos += step.consumed;
        switch (step.event) {
        case Event::NeedMore:
            check(step.need > view.size() && step.need <= 14);
            need = step.need;
            continue;
        case Event::Failed:
            check(reader.error_code() != 0);
            return log + "F" + std::to_string(reader.error_code());
        case Event::Progress:
            check(step.consumed > 0);
            break;
        case Event::Message: {
            const Message m = reader.take_message();
            check(m.data.size() <= limit);
            check(!m.is_text() || valid_utf8(m.data));
            log += (m.is_text() ? "T" : "B") + std::to_string(m.data.size()) + ':' + m.data;
            break;
        }
        case Event::Ping:
        case Event::Pong:
            check(reader.control_payload().size() <= 125);
            log += step.event == Event::Ping ? "P" : "p";
            log += reader.control_payload();
            break;
        case Event::Close:
            check(reader.close_frame().code == close_code::no_status ||
                  valid_close_code(reader.close_frame().code));
            return log + "C" + std::to_string(reader.close_frame().code);
        }
        need = reader.in_payload() ? 1 : 2;
    }
    return log + "E";
}

// write_frame_header() and apply_mask() read back by the reader.
void round_trip(std::string_view payload, bool text)
{
    const std::array<std::uint8_t, 4> mask{0x11, 0x9a, 0x00, 0xff};
    std::uint8_t head[14];
    const std::size_t n =
        write_frame_header(head, text ? Opcode::Text : Opcode::Binary, true, payload.size(), &mask);
    std::string frame(reinterpret_cast<const char *>(head), n);
    frame.append(payload);
    apply_mask(frame.data() + n, payload.size(), mask, 0);
    MessageReader reader(true, payload.size());
    std::string_view rest = frame;
    for (;;) {
        const auto step = reader.feed(rest);
        rest.remove_prefix(step.consumed);
        if (step.event == Event::Progress)
            continue;
        if (text && !valid_utf8(payload)) {
            check(step.event == Event::Failed &&
                  reader.error_code() == close_code::invalid_payload);
            return;
        }
        check(step.event == Event::Message);
        check(reader.take_message().data == payload);
        check(rest.empty());
        return;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes pick the side, the limit and the arrival piece size.
    const bool masked = (data[0] & 1) != 0;
    const std::size_t limit = 1 + std::size_t(data[0] >> 1) * 97;
    const std::size_t piece = 1 + data[1];
    const std::string_view bytes(reinterpret_cast<const char *>(data) + 2, size - 2);
    check(read_all(bytes, masked, limit, bytes.size() + 1) ==
          read_all(bytes, masked, limit, piece));
    round_trip(bytes, (data[1] & 1) != 0);
    return 0;
}
