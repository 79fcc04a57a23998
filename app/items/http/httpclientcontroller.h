// SPDX-License-Identifier: MIT
// Owns one workspace HTTP client: a Loop that sends its request (once, N times at a rate, or
// until stopped) over a kept-alive connection, and the history of the exchanges, newest last.
// It is Running while requests go out and Stopped between; a failed request is an Error with
// the reason, also kept in the history.
#pragma once

#include "httpclientspec.h"
#include "httpexchange.h"
#include "itemcontroller.h"

#include <deque>
#include <memory>

namespace workbench {

class HttpClientController : public ItemController
{
    Q_OBJECT

public:
    /// Exchanges kept in the history; older ones are dropped.
    static constexpr std::size_t kHistory = 500;

    explicit HttpClientController(HttpClientSpec spec, QObject *parent = nullptr);
    ~HttpClientController() override;

    QString name() const override { return m_spec.name; }
    QString summary() const override;
    bool autostart() const override { return false; }
    /// Sends the request repeatCount times (0: until stopped), repeatInterval apart.
    bool start() override;
    /// Cancels the requests still to go (the one in flight too).
    void stop() override;
    QJsonObject settings() const override { return httpClientJson(m_spec); }
    QString trafficOwner() const override { return httpClientLabel(m_spec); }
    diesel::LoopId loop() const override { return m_loop; }
    bool starting() const override { return m_loop != 0; }
    std::vector<ItemMeasure> measures() const override;

    const HttpClientSpec &spec() const noexcept { return m_spec; }
    /// New settings; they apply to the next Send.
    void setSpec(const HttpClientSpec &spec);
    /// The exchanges so far, oldest first.
    const std::deque<HttpExchange> &history() const noexcept { return m_history; }
    /// Empties the history.
    void clearHistory();
    /// Requests sent in the current (or last) run.
    int sentInRun() const noexcept { return m_sentInRun; }

Q_SIGNALS:
    /// A response (or an error) came in: history().back().
    void exchanged();

private:
    void record(HttpExchange exchange);
    void finished(const QString &why);

    HttpClientSpec m_spec;
    std::shared_ptr<HttpConnection> m_connection;
    std::deque<HttpExchange> m_history;
    diesel::LoopId m_loop = 0;
    int m_numbered = 0;
    int m_sentInRun = 0;
};

} // namespace workbench
