// SPDX-License-Identifier: MIT
// The Traffic view's "Decoded" tab: the decoded messages of the shown connection or Service (time,
// direction, summary, latency), the selected message whole below them, and the "Decode as"
// choice. It renders and forwards; the view owns the model and decides what a choice does.
#pragma once

#include <diesel/core/types.h>
#include <diesel/widgets/export.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace diesel::widgets {

class DecodedTrafficModel;
class ScopeFilterProxy;
struct DecodedRow;

class DIESEL_WIDGETS_EXPORT DecodedTrafficPane : public QWidget
{
    Q_OBJECT

public:
    /// Shows `model`'s rows.
    explicit DecodedTrafficPane(DecodedTrafficModel &model, QWidget *parent = nullptr);

    /// Shows only the messages of this owner ("" for every one).
    void setOwner(const QString &owner);
    /// Shows only the messages of this connection (0 for every one), and its choice.
    void setConnection(ConnectionId id);
    /// Messages (and notes) shown.
    int shownMessages() const;
    /// The row shown at `row`, or null.
    const DecodedRow *shownRow(int row) const;
    /// Lists the decoders of the model's registry in the choice (after one was added).
    void fillChoices();
    /// Shows `choice` as the current one, without emitting decodeAsChosen().
    void showChoice(const QString &choice);
    /// Says what decodes the shown connection, why it stopped, or how many messages are shown.
    void updateStatus();

Q_SIGNALS:
    /// The person chose how to decode ("auto", "raw" or a decoder id).
    void decodeAsChosen(const QString &choice);
    /// The person asked for the bytes of the shown row `row`.
    void bytesRequested(int row);
    /// The person asked for one connection's messages only.
    void connectionRequested(diesel::ConnectionId id);

private:
    const DecodedTrafficModel &m_model;
    ScopeFilterProxy *m_proxy;
    ConnectionId m_connection = 0;
    QComboBox *m_choice;
    QLabel *m_status;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
};

} // namespace diesel::widgets
