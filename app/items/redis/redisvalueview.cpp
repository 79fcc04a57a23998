// SPDX-License-Identifier: MIT
#include "readonlytable.h"
#include "rediscontroller.h"
#include "redisvalueview.h"
#include "replytree.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

namespace {

using diesel::redis::Reply;

// The command that fetches (the first maxElements of) a value of `type`, and its columns.
struct ValueQuery
{
    std::vector<std::string> words;
    QStringList columns;
    bool sorted = false; ///< the server gives no useful order: sort by the first column
};

std::optional<ValueQuery> queryFor(const QString &type, const std::string &key)
{
    const std::string n = std::to_string(RedisValueView::maxElements);
    const std::string last = std::to_string(RedisValueView::maxElements - 1);
    if (type == QLatin1String("string"))
        return ValueQuery{{"GET", key}, {}};
    if (type == QLatin1String("hash"))
        return ValueQuery{{"HRANDFIELD", key, n, "WITHVALUES"},
                          {QStringLiteral("field"), QStringLiteral("value")},
                          true};
    if (type == QLatin1String("list"))
        return ValueQuery{{"LRANGE", key, "0", last},
                          {QStringLiteral("index"), QStringLiteral("value")}};
    if (type == QLatin1String("set"))
        return ValueQuery{{"SRANDMEMBER", key, n}, {QStringLiteral("member")}, true};
    if (type == QLatin1String("zset"))
        return ValueQuery{{"ZRANGE", key, "0", last, "WITHSCORES"},
                          {QStringLiteral("member"), QStringLiteral("score")}};
    if (type == QLatin1String("stream"))
        return ValueQuery{{"XRANGE", key, "-", "+", "COUNT", n},
                          {QStringLiteral("id"), QStringLiteral("fields")}};
    return std::nullopt;
}

QStandardItem *cell(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

// A stream entry's fields as "f1=v1, f2=v2".
QString streamFields(const Reply &fields)
{
    QStringList parts;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2)
        parts << replyText(fields[i]) + QLatin1Char('=') + replyText(fields[i + 1]);
    return parts.join(QStringLiteral(", "));
}

} // namespace

RedisValueView::RedisValueView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_string(new QPlainTextEdit(this))
    , m_save(new QPushButton(QStringLiteral("&Save"), this))
    , m_elements(new QStandardItemModel(this))
    , m_table(makeReadOnlyTable(m_elements, this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save->setToolTip(QStringLiteral("SET the key to this text, keeping its TTL"));
    auto *stringBox = new QWidget(this);
    auto *stringLayout = new QVBoxLayout(stringBox);
    stringLayout->setContentsMargins(0, 0, 0, 0);
    stringLayout->addWidget(m_string, 1);
    auto *saveLine = new QHBoxLayout;
    saveLine->addStretch(1);
    saveLine->addWidget(m_save);
    stringLayout->addLayout(saveLine);
    m_stack->addWidget(m_table);
    m_stack->addWidget(stringBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_stack, 1);
    connect(m_save, &QPushButton::clicked, this, &RedisValueView::saveString);
    clear();
}

void RedisValueView::setController(RedisController *controller)
{
    m_controller = controller;
    clear();
}

void RedisValueView::clear()
{
    m_key.clear();
    m_type.clear();
    m_loading = false;
    m_elements->clear();
    m_string->clear();
    m_stack->setCurrentWidget(m_table);
    m_status->setText(QStringLiteral("Select a key to see its value"));
}

QString RedisValueView::status() const
{
    return m_status->text();
}

void RedisValueView::showKey(const QByteArray &key, const QString &type, qint64 size)
{
    clear();
    m_key = key;
    m_type = type;
    const QString name = displayBytes(key.toStdString());
    const std::optional<ValueQuery> query = queryFor(type, key.toStdString());
    if (!m_controller || !query) {
        m_status->setText(QStringLiteral("%1 (%2): no viewer for this type").arg(name, type));
        return;
    }
    QString shown = QStringLiteral("%1 \u00b7 %2").arg(name, type);
    if (type != QLatin1String("string") && size > maxElements)
        shown += QStringLiteral(" \u00b7 the first %1 of %2 elements").arg(maxElements).arg(size);
    m_status->setText(shown + QStringLiteral(" \u00b7 loading\u2026"));
    m_elements->setHorizontalHeaderLabels(query->columns);
    m_loading = true;
    m_controller->run(query->words, this,
                      [this, key, type, shown, sorted = query->sorted](const Reply &reply) {
                          if (key != m_key || type != m_type)
                              return; // another key was selected meanwhile
                          m_loading = false;
                          if (reply.is_error()) {
                              m_status->setText(shown + QStringLiteral(" \u00b7 ") +
                                                QString::fromStdString(reply.str()));
                              return;
                          }
                          m_status->setText(shown);
                          showReply(reply);
                          if (sorted)
                              m_elements->sort(0);
                      });
}

void RedisValueView::showReply(const Reply &reply)
{
    if (m_type == QLatin1String("string")) {
        m_string->setPlainText(reply.is_string() ? QString::fromStdString(reply.str()) : QString());
        m_stack->setCurrentIndex(1);
        return;
    }
    m_stack->setCurrentWidget(m_table);
    const bool pairs = m_type == QLatin1String("hash") || m_type == QLatin1String("zset");
    for (std::size_t i = 0; i < reply.size(); ++i) {
        const Reply &e = reply[i];
        if (pairs && i + 1 < reply.size()) {
            m_elements->appendRow({cell(replyText(e)), cell(replyText(reply[i + 1]))});
            ++i;
        } else if (m_type == QLatin1String("list")) {
            m_elements->appendRow({cell(QString::number(i)), cell(replyText(e))});
        } else if (m_type == QLatin1String("stream") && e.size() == 2) {
            m_elements->appendRow({cell(replyText(e[0])), cell(streamFields(e[1]))});
        } else {
            m_elements->appendRow(cell(replyText(e)));
        }
    }
}

bool RedisValueView::saveString()
{
    if (!m_controller || m_type != QLatin1String("string") || m_key.isEmpty())
        return false;
    const QByteArray key = m_key;
    const std::string value = m_string->toPlainText().toStdString();
    m_controller->run({"SET", key.toStdString(), value, "KEEPTTL"}, this,
                      [this, key, size = qint64(value.size())](const Reply &reply) {
                          if (reply.is_error()) {
                              m_status->setText(QStringLiteral("%1 \u00b7 not saved: %2")
                                                    .arg(displayBytes(key.toStdString()),
                                                         QString::fromStdString(reply.str())));
                              return;
                          }
                          m_status->setText(QStringLiteral("%1 \u00b7 string \u00b7 saved")
                                                .arg(displayBytes(key.toStdString())));
                          Q_EMIT stringSaved(key, size);
                      });
    return true;
}

} // namespace workbench
