// SPDX-License-Identifier: MIT
// The client's opening handshake: the upgrade request, then the 101 response read from the
// connection's buffer and checked; bytes after its head are already the server's frames.
#include "field_text.h"
#include "websocket_frame.h"
#include "websocket_state.h"

#include <diesel/http/session.h>
#include <diesel/http/websocket_client.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <stdexcept>

namespace diesel::http {

namespace {

std::string random_key()
{
    std::array<unsigned char, 16> raw{};
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
        throw Error("websocket: OpenSSL could not make a key");
    std::array<unsigned char, 25> text{};
    const int n = EVP_EncodeBlock(text.data(), raw.data(), static_cast<int>(raw.size()));
    return std::string(reinterpret_cast<const char *>(text.data()), static_cast<std::size_t>(n));
}

std::string upgrade_request(const std::string &host, std::uint16_t port, std::string_view target,
                            const WebSocketClientOptions &options, const std::string &key)
{
    const bool tls = options.client.tls.has_value();
    std::string out = "GET ";
    out.append(target.empty() ? "/" : target);
    out += " HTTP/1.1\r\nHost: ";
    out += host.find(':') != std::string::npos ? '[' + host + ']' : host;
    if (port != (tls ? 443 : 80))
        out += ':' + std::to_string(port);
    out += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ";
    out += key;
    out += "\r\nSec-WebSocket-Version: 13\r\n";
    const auto &protocols = options.websocket.subprotocols;
    if (!protocols.empty()) {
        out += "Sec-WebSocket-Protocol: ";
        for (std::size_t i = 0; i < protocols.size(); ++i)
            out += (i ? ", " : "") + protocols[i];
        out += "\r\n";
    }
    for (const Field &f : options.headers) {
        if (f.name.find_first_of("\r\n:") != std::string::npos ||
            f.value.find_first_of("\r\n") != std::string::npos)
            throw std::invalid_argument("websocket: header field with CR, LF or ':' in its name");
        out += f.name + ": " + f.value + "\r\n";
    }
    return out + "\r\n";
}

struct Head
{
    int status = 0;
    Headers headers;
};

// Reads the response head in place; it is consumed, what follows stays buffered.
Head read_head(Connection &conn, std::size_t max_bytes)
{
    std::string_view bytes = conn.peek(1);
    std::size_t end;
    while ((end = bytes.find("\r\n\r\n")) == std::string_view::npos) {
        if (bytes.size() > max_bytes)
            throw WebSocketHandshakeError(0, "websocket: response head over the limit");
        bytes = conn.peek(bytes.size() + 1);
    }
    std::string_view head = bytes.substr(0, end + 2);
    Head parsed;
    const auto line_end = head.find("\r\n");
    const std::string_view status_line = head.substr(0, line_end);
    if (!status_line.starts_with("HTTP/1.1 ") || status_line.size() < 12 ||
        std::from_chars(status_line.data() + 9, status_line.data() + 12, parsed.status).ec !=
            std::errc())
        throw WebSocketHandshakeError(0, "websocket: not an HTTP/1.1 response");
    head.remove_prefix(line_end + 2);
    while (!head.empty()) {
        const auto eol = head.find("\r\n");
        const std::string_view line = head.substr(0, eol);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0)
            throw WebSocketHandshakeError(parsed.status, "websocket: malformed response field");
        parsed.headers.add(std::string(line.substr(0, colon)),
                           std::string(detail::trim_ows(line.substr(colon + 1))));
        head.remove_prefix(eol + 2);
    }
    conn.consume(end + 4);
    return parsed;
}

// The server's answer must accept this key and pick a protocol (if any) that was offered.
std::string check_head(const Head &head, const std::string &key, const WebSocketOptions &options)
{
    if (head.status != 101)
        throw WebSocketHandshakeError(head.status, "websocket: the server answered " +
                                                       std::to_string(head.status));
    if (!head.headers.has_token("Upgrade", "websocket") ||
        !head.headers.has_token("Connection", "upgrade"))
        throw WebSocketHandshakeError(101, "websocket: 101 without Upgrade: websocket");
    if (head.headers.value("Sec-WebSocket-Accept") != detail::websocket_accept(key))
        throw WebSocketHandshakeError(101, "websocket: wrong Sec-WebSocket-Accept");
    std::string protocol(head.headers.value("Sec-WebSocket-Protocol"));
    if (!protocol.empty() && std::find(options.subprotocols.begin(), options.subprotocols.end(),
                                       protocol) == options.subprotocols.end())
        throw WebSocketHandshakeError(101,
                                      "websocket: subprotocol " + protocol + " was not offered");
    return protocol;
}

} // namespace

WebSocket websocket_connect(const std::string &host, std::uint16_t port, std::string_view target,
                            WebSocketClientOptions options)
{
    std::optional<Clock::time_point> deadline;
    if (options.handshake_timeout) {
        deadline =
            Clock::now() + std::chrono::duration_cast<Clock::duration>(*options.handshake_timeout);
        if (!options.client.timeout)
            options.client.timeout = options.handshake_timeout;
    }
    if (options.client.label.empty())
        options.client.label = "websocket client";
    Client client(host, port, options.client);
    Connection &conn = client.connection();
    conn.set_deadline(deadline);
    const std::string key = random_key();
    conn.send(upgrade_request(host, port, target, options, key));
    // A refused handshake throws; `client` then closes the connection as it goes.
    std::string protocol =
        check_head(read_head(conn, options.max_header_bytes), key, options.websocket);
    conn.set_deadline(std::nullopt);
    auto state = std::make_unique<detail::WebSocketState>(
        conn, WebSocket::Role::Client, std::move(options.websocket), std::move(protocol));
    state->client = std::move(client);
    const auto idle = std::chrono::duration_cast<Clock::duration>(state->options.idle_timeout);
    conn.set_idle_limits(idle, state->options.min_receive_rate);
    return WebSocket(std::move(state));
}

WebSocket websocket_connect(std::string_view url, WebSocketClientOptions options)
{
    std::string http_url;
    if (url.starts_with("ws://"))
        http_url = "http://" + std::string(url.substr(5));
    else if (url.starts_with("wss://"))
        http_url = "https://" + std::string(url.substr(6));
    else
        throw std::invalid_argument("not a ws:// or wss:// URL: " + std::string(url));
    const Url parts = Url::parse(http_url);
    if (parts.tls && !options.client.tls)
        options.client.tls = TlsContext::client();
    return websocket_connect(parts.host, parts.port, parts.target, std::move(options));
}

} // namespace diesel::http
