// SPDX-License-Identifier: MIT
// The workspace's events as log lines: items starting, stopping and failing (from the
// controllers), connections opening and closing and Loops failing (from the runtime's observer).
// The window shows them in its log panel; --headless prints the same lines to stdout.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/core/observer.h>

#include <QObject>
#include <QStringList>

namespace workbench {

class EventLog : public QObject, private diesel::Observer
{
    Q_OBJECT

public:
    explicit EventLog(diesel::Hub &hub, QObject *parent = nullptr);
    ~EventLog() override;

    /// Adds a line (timestamped).
    void add(const QString &text);
    /// The most recent lines (at most kKept).
    const QStringList &lines() const noexcept { return m_lines; }
    static constexpr int kKept = 2000;

Q_SIGNALS:
    void lineAdded(const QString &line);

private:
    unsigned interests() const override { return Connections | Lifecycle; }
    void connection_opened(const diesel::ConnectionInfo &info) override;
    void connection_closed(const diesel::ConnectionInfo &info, std::string_view reason) override;
    void loop_ended(const diesel::Loop &loop, std::string_view error) override;

    diesel::Hub &m_hub;
    QStringList m_lines;
};

} // namespace workbench
