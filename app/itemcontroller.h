// SPDX-License-Identifier: MIT
// The common face of the workspace's items (of every registered kind): a controller that owns
// the item's runtime objects, starts and stops them, and reports its state by signals.
#pragma once

#include "workspace.h"

#include <diesel/core/types.h>

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace workbench {

struct ItemType;

enum class ItemState { Stopped, Running, Error };

/// One number an item offers the charts: a level (a Queue's depth, connections open now) or a
/// running total (messages, bytes) that a chart shows as a rate per second.
struct ItemMeasure
{
    enum class Kind { Level, Total };
    /// What it counts: things (lines, requests, Loops) or bytes. Bytes are shown scaled
    /// ("1.2 MB", "1.2 MB/s") and charted apart from counts.
    enum class Unit { Count, Bytes };
    QString name; ///< "depth", "messages", "bytes in": also the series' name on the chart
    double value = 0;
    Kind kind = Kind::Level;
    Unit unit = Unit::Count;
};

/// "stopped", "running", "error".
QString toString(ItemState state);

class ItemController : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Its kind (set by the workspace when it creates the item).
    const ItemType &type() const noexcept { return *m_type; }
    /// Its stable id in the workspace: links between items name it.
    QString id() const { return m_id; }
    /// Called once by the workspace that creates it.
    void setIdentity(const ItemType &type, const QString &id)
    {
        m_type = &type;
        m_id = id;
    }
    /// Its settings as its kind writes them in a workspace file.
    virtual QJsonObject settings() const = 0;
    /// The tree group it belongs in: an index into type().groups.
    virtual int group() const { return 0; }
    /// Where it listens, for Clients and Pools aimed at it and for free ports (nothing: it does
    /// not listen).
    virtual std::optional<Endpoint> endpoint() const { return std::nullopt; }
    /// The owner name its connections carry in the traffic view ("" : none).
    virtual QString trafficOwner() const { return {}; }
    /// The id of the item it uses while it runs (a proxy's Pool, a Queue's Pool; "": none). The
    /// workspace stops it before that item, so it never sees its link go away at shutdown.
    virtual QString linkedItem() const { return {}; }
    /// Its Loop, selected when a person looks inside it (0: none).
    virtual diesel::LoopId loop() const { return 0; }
    /// True while it is on its way up in the background (a Client connecting): headless mode
    /// counts it as running.
    virtual bool starting() const { return false; }
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
    /// Its numbers for the charts, read at the views' rate (none: it has no chart).
    virtual std::vector<ItemMeasure> measures() const { return {}; }

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
    /// How an item takes new settings (see takeSettings()).
    struct SettingsSwap
    {
        bool restart = false;  ///< start it again after: it was running
        bool stopFirst = true; ///< stop it before (its kind may leave an idle item as it is)
    };
    /// New settings, the one way every kind takes them: stops it (if `swap.stopFirst`), lets
    /// `take` store them, says it changed, and starts it again (if `swap.restart`).
    void takeSettings(SettingsSwap swap, const std::function<void()> &take);

private:
    const ItemType *m_type = nullptr;
    QString m_id;
    ItemState m_state = ItemState::Stopped;
    QString m_error;
};

} // namespace workbench
