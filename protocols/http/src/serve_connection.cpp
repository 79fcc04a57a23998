// SPDX-License-Identifier: MIT
// One connection's Loop: parse a request with llhttp over the connection's buffer, call the
// handler, write the response, and go on while the connection may stay open.
#include "exchange.h"
#include "logging.h"
#include "response_writer.h"
#include "server_shared.h"

#include <diesel/core/error.h>
#include <diesel/core/io.h>
#include <diesel/http/url.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

namespace diesel::http::detail {

namespace {

enum class Outcome { Complete, Failed, TimedOut };

// The allowance a body gets before the minimum rate applies: what core gives a request's head,
// 10 s or the idle timeout if shorter.
Clock::duration rate_grace(const HttpServerOptions &options)
{
    const Clock::duration grace = std::chrono::seconds(10);
    const auto idle = std::chrono::duration_cast<Clock::duration>(options.idle_timeout);
    return idle.count() > 0 ? std::min(grace, idle) : grace;
}

// Reads one request into the parser's Request. The head stays in the connection's buffer until
// it is complete, so the Service's minimum receive rate sees it arriving; the body is consumed
// as it is parsed (the parser copies it out) and its rate is checked here.
Outcome read_request(Connection &conn, RequestParser &parser, const HttpServerOptions &options)
{
    std::size_t fed = 0;
    RequestParser::Result result{RequestParser::Step::NeedMore, 0};
    std::string_view view;
    while (result.step == RequestParser::Step::NeedMore) {
        view = conn.peek(fed + 1);
        result = parser.feed(view.substr(fed));
        fed += result.parsed;
    }
    if (result.step == RequestParser::Step::Failed)
        return Outcome::Failed;
    const bool body_buffered = view.size() > fed;
    conn.consume(fed);
    if (result.step == RequestParser::Step::MessageComplete)
        return Outcome::Complete;

    if (parser.expects_continue() && !body_buffered)
        conn.send("HTTP/1.1 100 Continue\r\n\r\n");
    const auto since = Clock::now();
    std::size_t received = 0;
    for (;;) {
        if (conn.buffered() == 0 && options.min_receive_rate > 0) {
            const auto allowed =
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                    static_cast<double>(received) / options.min_receive_rate));
            if (!conn.wait_readable(since + rate_grace(options) + allowed))
                return Outcome::TimedOut;
        }
        view = conn.peek(1);
        result = parser.feed(view);
        conn.consume(result.parsed);
        received += result.parsed;
        if (result.step == RequestParser::Step::Failed)
            return Outcome::Failed;
        if (result.step == RequestParser::Step::MessageComplete)
            return Outcome::Complete;
    }
}

// RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host; 505 for another major version.
std::optional<int> check_head(const Request &request)
{
    if (request.version_major != 1)
        return 505;
    const auto hosts = std::count_if(request.headers.begin(), request.headers.end(),
                                     [](const Field &f) { return iequals(f.name, "Host"); });
    if (hosts > 1 || (request.version_minor >= 1 && hosts == 0))
        return 400;
    return std::nullopt;
}

void split_target(Request &request)
{
    std::string_view target = request.target;
    const auto fragment = target.find('#');
    target = target.substr(0, fragment);
    const auto question = target.find('?');
    request.path = percent_decode(target.substr(0, question));
    if (question != std::string_view::npos) {
        request.query_string = std::string(target.substr(question + 1));
        request.query = parse_query(request.query_string);
    }
}

// Answers a request the server refused and ends the connection.
void refuse(Connection &conn, const ServerShared &shared, int status, std::string_view why,
            std::string &scratch)
{
    Response response = Response::error(status);
    if (!why.empty())
        response.body = std::to_string(status) + ' ' + std::string(reason_phrase(status)) + ": " +
                        std::string(why) + '\n';
    ResponseContext context;
    context.keep_alive = false;
    context.server_name = shared.options.server_name;
    write_response(conn, response, context, scratch);
    drain_before_close(conn);
}

// Counts a request as in flight from its head to the end of its response; the last one to end
// while the server shuts down wakes shutdown().
class InFlight
{
public:
    explicit InFlight(ServerShared &shared)
        : m_shared(shared)
    {
        ++m_shared.in_flight;
    }
    ~InFlight()
    {
        ++m_shared.requests;
        if (--m_shared.in_flight == 0 && m_shared.stopping)
            m_shared.drained.set();
    }
    InFlight(const InFlight &) = delete;
    InFlight &operator=(const InFlight &) = delete;

private:
    ServerShared &m_shared;
};

// Runs the handler; an exception is this request's 500, not the connection's end.
Response call_handler(ServerShared &shared, Request &request)
{
    try {
        return shared.handler(request);
    } catch (const std::exception &e) {
        qCWarning(lcHttp, "%s %s from %s: handler failed: %s", request.method.c_str(),
                  request.target.c_str(), request.peer.to_string().c_str(), e.what());
        return Response::error(500);
    }
}

} // namespace

void drain_before_close(Connection &conn)
{
    constexpr std::size_t kMaxDropped = 16 * 1024 * 1024;
    const auto until = Clock::now() + std::chrono::seconds(2);
    std::size_t dropped = 0;
    try {
        while (dropped < kMaxDropped &&
               conn.wait_readable(std::min(until, Clock::now() + std::chrono::milliseconds(500)))) {
            const std::size_t n = conn.peek(1).size();
            conn.consume(n);
            dropped += n;
        }
    } catch (const ConnectionClosed &) {
        // The client closed: the refusal has been read or never will be.
    }
}

void serve_connection(ServerShared &shared, const Address &peer)
{
    Connection &conn = current_connection("http server");
    ExchangePool &exchanges = ExchangePool::of_this_thread();
    // A 101 response's new protocol, run once its request no longer counts as in flight.
    std::function<void(Connection &)> upgrade;
    try {
        for (;;) {
            conn.peek(1); // an idle connection holds no Exchange
            const ExchangeLease exchange(exchanges);
            Request &request = exchange->request.emplace();
            request.peer = peer;
            RequestParser &parser = exchange->parser.emplace(shared.options.limits);
            std::string &scratch = exchange->head;
            parser.start(request);
            switch (read_request(conn, parser, shared.options)) {
            case Outcome::Failed:
                refuse(conn, shared, parser.status(), parser.reason(), scratch);
                return;
            case Outcome::TimedOut:
                refuse(conn, shared, 408, "the body came too slowly", scratch);
                return;
            case Outcome::Complete:
                break;
            }
            InFlight in_flight(shared);
            if (const auto status = check_head(request)) {
                refuse(conn, shared, *status, {}, scratch);
                return;
            }
            split_target(request);
            const bool keep_alive = parser.keep_alive() && !shared.stopping;
            Response response = call_handler(shared, request);
            ResponseContext context;
            context.head_request = request.method == "HEAD";
            context.http10 = request.version_minor == 0;
            context.keep_alive = keep_alive && !response.headers.has_token("Connection", "close");
            context.server_name = shared.options.server_name;
            bool stays_open = false;
            try {
                stays_open = write_response(conn, response, context, scratch);
            } catch (const ConnectionClosed &) {
                throw;
            } catch (const std::exception &e) {
                // Only a stream can fail here, after its head went out: the client sees the
                // body end early (no final chunk) and the connection close.
                qCWarning(lcHttp, "%s %s from %s: streamed body failed: %s", request.method.c_str(),
                          request.target.c_str(), peer.to_string().c_str(), e.what());
                return;
            }
            if (response.status == 101 && response.upgrade) {
                upgrade = std::move(response.upgrade);
                break;
            }
            if (!stays_open || shared.stopping)
                return;
        }
        upgrade(conn);
    } catch (const ConnectionClosed &) {
        // The client went away, or an idle or rate limit closed it: nobody to answer.
    }
}

} // namespace diesel::http::detail
