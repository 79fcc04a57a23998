// SPDX-License-Identifier: MIT
#include "readonlytable.h"
#include "rediscontroller.h"
#include "redispubsubpane.h"
#include "replytree.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

RedisPubSubPane::RedisPubSubPane(QWidget *parent)
    : QWidget(parent)
    , m_channels(new QLineEdit(this))
    , m_subscriptions(new QListWidget(this))
    , m_messages(new AppendTableModel({QStringLiteral("time"), QStringLiteral("channel"),
                                       QStringLiteral("pattern"), QStringLiteral("message")},
                                      maxMessages, this))
    , m_publishChannel(new QLineEdit(this))
    , m_publishMessage(new QLineEdit(this))
    , m_publishResult(new QLabel(this))
{
    m_channels->setPlaceholderText(QStringLiteral("news alerts.* (a name with *, ? or [ is a "
                                                  "pattern)"));
    auto *subscribeButton = new QPushButton(QStringLiteral("&Subscribe"), this);
    auto *unsubscribeButton = new QPushButton(QStringLiteral("&Unsubscribe"), this);
    m_publishChannel->setPlaceholderText(QStringLiteral("channel"));
    m_publishMessage->setPlaceholderText(QStringLiteral("message"));
    auto *publishButton = new QPushButton(QStringLiteral("&Publish"), this);
    QTableView *table = makeReadOnlyTable(m_messages, this);

    auto *subscribeLine = new QHBoxLayout;
    subscribeLine->addWidget(m_channels, 1);
    subscribeLine->addWidget(subscribeButton);
    subscribeLine->addWidget(unsubscribeButton);
    auto *publishLine = new QHBoxLayout;
    publishLine->addWidget(m_publishChannel);
    publishLine->addWidget(m_publishMessage, 1);
    publishLine->addWidget(publishButton);
    publishLine->addWidget(m_publishResult);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_subscriptions);
    split->addWidget(table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(subscribeLine);
    layout->addWidget(split, 1);
    layout->addLayout(publishLine);

    connect(subscribeButton, &QPushButton::clicked, this, &RedisPubSubPane::subscribe);
    connect(m_channels, &QLineEdit::returnPressed, this, &RedisPubSubPane::subscribe);
    connect(unsubscribeButton, &QPushButton::clicked, this, &RedisPubSubPane::unsubscribeSelected);
    connect(publishButton, &QPushButton::clicked, this, &RedisPubSubPane::publish);
    connect(m_publishMessage, &QLineEdit::returnPressed, this, &RedisPubSubPane::publish);
    connect(table->model(), &QAbstractItemModel::rowsInserted, table, &QTableView::scrollToBottom);
}

void RedisPubSubPane::setController(RedisController *controller)
{
    if (m_controller)
        disconnect(m_controller, &RedisController::messagesArrived, this, nullptr);
    m_controller = controller;
    m_messages->clear();
    m_publishResult->clear();
    if (controller)
        connect(controller, &RedisController::messagesArrived, this, &RedisPubSubPane::addMessages);
    refresh();
}

void RedisPubSubPane::refresh()
{
    m_subscriptions->clear();
    if (!m_controller)
        return;
    for (const RedisSubscription &s : m_controller->subscriptions()) {
        QString text = s.channels.join(QLatin1Char(' '));
        if (!s.error.isEmpty())
            text += QStringLiteral(" \u00b7 failed: ") + s.error;
        else if (!s.confirmed)
            text += QStringLiteral(" \u00b7 subscribing\u2026");
        auto *item = new QListWidgetItem(text, m_subscriptions);
        item->setData(Qt::UserRole, s.id);
    }
}

bool RedisPubSubPane::subscribe()
{
    const QStringList channels = m_channels->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!m_controller || channels.isEmpty())
        return false;
    m_controller->subscribe(channels);
    m_channels->clear();
    return true;
}

bool RedisPubSubPane::unsubscribeSelected()
{
    QListWidgetItem *item = m_subscriptions->currentItem();
    if (!m_controller || !item)
        return false;
    m_controller->unsubscribe(item->data(Qt::UserRole).toInt());
    return true;
}

bool RedisPubSubPane::publish()
{
    const QString channel = m_publishChannel->text().trimmed();
    if (!m_controller || channel.isEmpty())
        return false;
    m_publishResult->setText(QStringLiteral("publishing\u2026"));
    m_controller->run({"PUBLISH", channel.toStdString(), m_publishMessage->text().toStdString()},
                      this, [this](const diesel::redis::Reply &reply) {
                          if (reply.is_integer())
                              m_publishResult->setText(
                                  reply.integer() == 1
                                      ? QStringLiteral("1 receiver")
                                      : QStringLiteral("%1 receivers").arg(reply.integer()));
                          else
                              m_publishResult->setText(replyText(reply));
                      });
    return true;
}

QString RedisPubSubPane::publishResult() const
{
    return m_publishResult->text();
}

void RedisPubSubPane::addMessages(const std::vector<RedisPubSubMessage> &messages)
{
    std::vector<AppendTableModel::Row> rows;
    rows.reserve(messages.size());
    for (const RedisPubSubMessage &m : messages)
        rows.push_back({{m.time.toString(QStringLiteral("HH:mm:ss.zzz")), m.channel, m.pattern,
                         displayBytes(m.message.toStdString())},
                        m.message});
    m_messages->append(std::move(rows));
}

} // namespace workbench
