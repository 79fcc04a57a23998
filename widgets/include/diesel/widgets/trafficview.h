// SPDX-License-Identifier: MIT
// The traffic view: connections on the left, the transcript of what crossed them on the right
// (time, direction, Loop, bytes as text or hex), live, filterable, copyable and exportable.
#pragma once

#include <diesel/core/hub.h>
#include <diesel/widgets/decoderregistry.h>
#include <diesel/widgets/export.h>
#include <diesel/widgets/trafficexport.h>

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QSplitter;
class QToolButton;

namespace diesel::widgets {

class ConnectionListModel;
class FollowTail;
class TrafficModel;
class TrafficRecorder;
class ScopeFilterProxy;
class ConnectionFilterProxy;
class DecodedTrafficModel;
class DecodedTrafficPane;
class StreamView;

class DIESEL_WIDGETS_EXPORT TrafficView : public QWidget
{
    Q_OBJECT

public:
    /// Captures the traffic of `hub` from now on.
    explicit TrafficView(Hub &hub, QWidget *parent = nullptr);
    /// Wide: it is the main view.
    QSize sizeHint() const override { return QSize(900, 380); }
    ~TrafficView() override;

    TrafficModel &model() const noexcept { return *m_model; }
    ConnectionListModel &connections() const noexcept { return *m_connections; }
    TrafficRecorder &recorder() const noexcept { return *m_recorder; }
    /// The transcript decoded as protocol messages (the "Decoded" tab).
    DecodedTrafficModel &decoded() const noexcept { return *m_decoded; }
    /// Rows shown by the current filter.
    int shownRows() const;
    /// Whether the Decoded tab is shown: only then is the traffic decoded.
    bool decoding() const;
    /// Decoded messages (and notes) shown by the current filter.
    int shownMessages() const;
    /// Offers one more decoder (MongoDB's, from diesel::widgets_mongodb) in Auto and the choice.
    void addDecoder(DecoderFactory factory);
    bool capturing() const;
    bool following() const;

    /// Whether closed connections are left out of the connection list.
    bool hidingClosed() const;
    /// Past this many closed connections the list hides them, unless the person chose.
    void setAutoHideClosedAbove(std::size_t closed) { m_autoHideClosedAbove = closed; }

    /// Writes the shown rows as text to `path`; false (with `error`) on failure.
    bool exportText(const QString &path, QString *error = nullptr) const;
    /// Writes the captured traffic within `scope` to `path` as pcapng, after taking what the
    /// capture holds now.
    PcapngExport exportPcapng(const TrafficScope &scope, const QString &path);

public Q_SLOTS:
    /// Takes what the capture holds now (the timer does this ten times a second).
    void poll();
    void setCapturing(bool capturing);
    void setHex(bool hex);
    /// Shows only the connections of this Service or Client ("" for every one).
    void filterOwner(const QString &owner);
    /// Leaves closed connections out of the list (the button shows how many).
    void setHideClosed(bool hide);
    /// Shows one connection's transcript (0 for every connection).
    void showConnection(diesel::ConnectionId id);
    /// Shows the Decoded tab (decoding what the transcript holds, then the new traffic).
    void showDecoded();
    /// Decodes the shown connection (every connection when none is shown) as `choice`:
    /// DecodedTrafficModel::autoChoice(), rawChoice() or a decoder id; decodes the capture again.
    void decodeAs(const QString &choice);
    /// Shows the bytes of the decoded message in row `row` of the Decoded tab, selected in the
    /// stream window.
    diesel::widgets::StreamView *showMessageBytes(int row);
    /// Copies the selected rows as text.
    void copySelection() const;
    /// Asks for a file and exports the shown rows.
    void exportWithDialog();
    /// Opens the "follow stream" window on connection `id` (its whole conversation).
    diesel::widgets::StreamView *followStream(diesel::ConnectionId id);
    /// Opens that window on one chunk (by its seq): its bytes and hex dump.
    diesel::widgets::StreamView *showChunkBytes(std::uint64_t seq);
    /// Asks for the scope (everything, one Service or Client, the shown connection) and a file,
    /// and exports pcapng for Wireshark.
    void exportPcapngWithDialog();

Q_SIGNALS:
    /// A chunk was selected: the Loop that read or wrote it.
    void loopSelected(diesel::LoopId id);
    /// A connection was selected in the list.
    void connectionSelected(diesel::ConnectionId id);
    /// A connection was double-clicked: look inside it (its Loop).
    void connectionActivated(diesel::ConnectionId id);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateStatus();
    void onTranscriptCurrent(const QModelIndex &index);
    void onConnectionCurrent(const QModelIndex &index);
    void addOwner(const QString &owner);
    /// Selects the shown connection's row in the list, or clears the selection when it has none
    /// (dropped, filtered out); true when it is selected.
    bool reselectConnection();
    void updateHiddenCount();

    TrafficRecorder *m_recorder;
    TrafficModel *m_model;
    ConnectionListModel *m_connections;
    ScopeFilterProxy *m_proxy;
    ConnectionFilterProxy *m_connectionProxy;
    QTimer m_timer;
    QToolButton *m_capture;
    QComboBox *m_owner;
    QToolButton *m_hex;
    QCheckBox *m_follow;
    QToolButton *m_allConnections;
    QToolButton *m_hideClosed;
    bool m_hideClosedChosen = false;
    std::size_t m_autoHideClosedAbove = 300;
    QLabel *m_status;
    QTableView *m_connectionView;
    QTableView *m_transcript;
    QSplitter *m_split;
    DecodedTrafficModel *m_decoded;
    DecodedTrafficPane *m_decodedPane;
    QTabWidget *m_tabs;
    int m_listWidth = 0; // the connection list's columns at their default widths
    FollowTail *m_tail;
    QToolButton *m_streamButton;
    StreamView *m_stream = nullptr; // made when first asked for
    bool m_quietSelection = false;  // the selection changes by the view's own doing
};

} // namespace diesel::widgets
