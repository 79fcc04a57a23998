// SPDX-License-Identifier: MIT
// The Redis console's pub/sub monitor: subscriptions to channels and patterns on the item's
// RedisSubHub, the messages received with their time (the newest 10,000), and a publish box.
#pragma once

#include "appendtablemodel.h"

#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace workbench {

class RedisController;
struct RedisPubSubMessage;

class RedisPubSubPane : public QWidget
{
    Q_OBJECT

public:
    /// Messages kept in the list; older ones go.
    static constexpr int maxMessages = 10000;
    enum Column { Time, Channel, Pattern, Message };

    explicit RedisPubSubPane(QWidget *parent = nullptr);

    void setController(RedisController *controller);
    /// Shows the controller's subscriptions.
    void refresh();

    /// Subscribes to the channels and patterns of the subscribe field (words split by blanks).
    bool subscribe();
    /// Ends the subscription selected in the list.
    bool unsubscribeSelected();
    /// PUBLISHes the message field to the channel field; the receivers' count shows below.
    bool publish();

    QLineEdit *channels() const { return m_channels; }
    QListWidget *subscriptionList() const { return m_subscriptions; }
    QLineEdit *publishChannel() const { return m_publishChannel; }
    QLineEdit *publishMessage() const { return m_publishMessage; }
    /// What the last publish did ("2 receivers", or its error).
    QString publishResult() const;
    /// The messages received: time, channel, pattern, message.
    AppendTableModel &messages() const { return *m_messages; }

private:
    void addMessages(const std::vector<RedisPubSubMessage> &messages);

    RedisController *m_controller = nullptr;
    QLineEdit *m_channels;
    QListWidget *m_subscriptions;
    AppendTableModel *m_messages;
    QLineEdit *m_publishChannel;
    QLineEdit *m_publishMessage;
    QLabel *m_publishResult;
};

} // namespace workbench
