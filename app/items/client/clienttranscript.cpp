// SPDX-License-Identifier: MIT
#include "clienttranscript.h"

#include <diesel/widgets/format.h>
#include <diesel/widgets/glyphicon.h>
#include <diesel/widgets/visuals.h>

#include <QBrush>
#include <QFontDatabase>

namespace workbench {

namespace dw = diesel::widgets;

ClientTranscript::ClientTranscript(QObject *parent)
    : QAbstractListModel(parent)
{}

int ClientTranscript::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ClientTranscript::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const TranscriptEntry &e = m_entries[std::size_t(index.row())];
    using Kind = TranscriptEntry::Kind;
    switch (role) {
    case Qt::DisplayRole: {
        const QString time = e.at.toString(QStringLiteral("HH:mm:ss.zzz"));
        const QString bytes = m_hex ? dw::hexText(e.bytes, 256) : dw::escapedText(e.bytes, 800);
        switch (e.kind) {
        case Kind::Sent:
            return QStringLiteral("%1  \u2192 %2").arg(time, bytes);
        case Kind::Received:
            return QStringLiteral("%1  \u2190 %2").arg(time, bytes);
        case Kind::Reply:
            return QStringLiteral("%1  \u2190 %2   (reply after %3)").arg(time, bytes, e.text);
        case Kind::Timeout:
            return QStringLiteral("%1  \u231b %2").arg(time, e.text);
        case Kind::Error:
            return QStringLiteral("%1  \u2716 %2").arg(time, e.text);
        case Kind::Info:
            return QStringLiteral("%1  %2").arg(time, e.text);
        }
        break;
    }
    case Qt::ForegroundRole:
        switch (e.kind) {
        case Kind::Sent:
            return QBrush(dw::directionColor(diesel::Direction::Out));
        case Kind::Received:
        case Kind::Reply:
            return QBrush(dw::directionColor(diesel::Direction::In));
        case Kind::Timeout:
            return QBrush(dw::stateColor(dw::VisualState::Ready));
        case Kind::Error:
            return QBrush(dw::stateColor(dw::VisualState::Dead));
        case Kind::Info:
            break;
        }
        break;
    case Qt::FontRole: {
        static const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return mono;
    }
    case Qt::ToolTipRole:
        return e.at.toString(Qt::ISODateWithMs) +
               (e.bytes.isEmpty() ? QString()
                                  : QStringLiteral("\n%1 bytes\n").arg(e.bytes.size()) +
                                        dw::hexText(e.bytes, 512));
    case KindRole:
        return int(e.kind);
    case BytesRole:
        return e.bytes;
    }
    return {};
}

void ClientTranscript::append(TranscriptEntry entry)
{
    if (m_entries.size() >= kCapacity) {
        // Drop a tenth at once: one removal instead of one per entry.
        const int drop = int(kCapacity / 10);
        beginRemoveRows({}, 0, drop - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(std::move(entry));
    endInsertRows();
}

void ClientTranscript::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void ClientTranscript::setHex(bool hex)
{
    if (hex == m_hex)
        return;
    m_hex = hex;
    if (!m_entries.empty())
        Q_EMIT dataChanged(index(0), index(int(m_entries.size()) - 1));
}

} // namespace workbench
