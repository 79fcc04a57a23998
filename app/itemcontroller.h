// SPDX-License-Identifier: MIT
// The common face of the workspace's items (Services, Clients, Queues): a controller that owns
// the item's runtime objects, starts and stops them, and reports its state by signals.
#pragma once

#include <QObject>
#include <QString>

namespace workbench {

enum class ItemKind { Service, Client, Queue };
enum class ItemState { Stopped, Running, Error };

/// "stopped", "running", "error".
QString toString(ItemState state);

class ItemController : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual ItemKind kind() const = 0;
    /// The name a person gave it.
    virtual QString name() const = 0;
    /// One line for the tree: "holla :4321 · holla · 3 connections".
    virtual QString summary() const = 0;
    /// Whether it starts with its workspace.
    virtual bool autostart() const = 0;
    /// Starts it; false (with errorText() and the Error state) when it cannot.
    virtual bool start() = 0;
    /// Stops it; connections it holds close.
    virtual void stop() = 0;
    /// Connections it holds now (for confirmations before dropping them).
    virtual std::size_t liveConnections() const { return 0; }

    ItemState state() const noexcept { return m_state; }
    /// Why it is in the Error state.
    QString errorText() const { return m_error; }

Q_SIGNALS:
    /// Its state, settings or counts changed.
    void changed();
    /// Something happened that belongs in the event log.
    void logLine(const QString &line);

protected:
    void setState(ItemState state, const QString &error = {});

private:
    ItemState m_state = ItemState::Stopped;
    QString m_error;
};

} // namespace workbench
