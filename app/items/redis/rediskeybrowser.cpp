// SPDX-License-Identifier: MIT
#include "readonlytable.h"
#include "rediscontroller.h"
#include "rediskeybrowser.h"
#include "redisvalueview.h"
#include "replytree.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace workbench {

namespace {

QString ttlText(qint64 ttl)
{
    if (ttl == -1)
        return QStringLiteral("no expiry");
    if (ttl == -2)
        return QStringLiteral("gone");
    return QStringLiteral("%1 s").arg(ttl);
}

QString sizeText(qint64 size)
{
    return size < 0 ? QString() : QString::number(size);
}

} // namespace

RedisKeyBrowser::RedisKeyBrowser(QWidget *parent)
    : QWidget(parent)
    , m_pattern(new QLineEdit(QStringLiteral("*"), this))
    , m_count(new QSpinBox(this))
    , m_status(new QLabel(this))
    , m_keys(new AppendTableModel({QStringLiteral("key"), QStringLiteral("type"),
                                   QStringLiteral("TTL"), QStringLiteral("size")},
                                  0, this))
    , m_table(makeReadOnlyTable(m_keys, this))
    , m_value(new RedisValueView(this))
{
    m_pattern->setToolTip(QStringLiteral("SCAN's MATCH pattern: * any text, ? one character, "
                                         "[abc] one of them"));
    m_count->setRange(1, 100000);
    m_count->setValue(200);
    m_count->setToolTip(QStringLiteral("SCAN's COUNT: how much work the server does per step "
                                       "(each step adds one batch of rows)"));
    auto *scanButton = new QPushButton(QStringLiteral("S&can"), this);
    auto *deleteButton = new QPushButton(QStringLiteral("&Delete key\u2026"), this);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // The key takes the room; type, TTL and size are short.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(Key, QHeaderView::Stretch);

    auto *line = new QHBoxLayout;
    auto *matchLabel = new QLabel(QStringLiteral("&Match"), this);
    matchLabel->setBuddy(m_pattern);
    line->addWidget(matchLabel);
    line->addWidget(m_pattern, 1);
    line->addWidget(new QLabel(QStringLiteral("Count"), this));
    line->addWidget(m_count);
    line->addWidget(scanButton);
    line->addWidget(deleteButton);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_value);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(line);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(scanButton, &QPushButton::clicked, this, &RedisKeyBrowser::scan);
    connect(m_pattern, &QLineEdit::returnPressed, this, &RedisKeyBrowser::scan);
    connect(deleteButton, &QPushButton::clicked, this, &RedisKeyBrowser::deleteSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const int row = current.row();
                if (row < 0)
                    m_value->clear();
                else
                    m_value->showKey(m_keys->rowData(row), m_keys->text(row, Type),
                                     m_keys->text(row, Size).toLongLong());
            });
    connect(m_value, &RedisValueView::stringSaved, this,
            [this](const QByteArray &key, qint64 size) {
                m_keys->setText(rowOf(key), Size, sizeText(size));
            });
    showStatus();
}

void RedisKeyBrowser::setController(RedisController *controller)
{
    if (m_controller && m_scanning)
        m_controller->cancelScan();
    m_controller = controller;
    m_value->setController(controller);
    m_keys->clear();
    m_seen.clear();
    m_scanning = false;
    m_batches = 0;
    m_scanError.clear();
    showStatus();
}

void RedisKeyBrowser::scan()
{
    if (!m_controller)
        return;
    m_keys->clear();
    m_seen.clear();
    m_value->clear();
    m_batches = 0;
    m_scanError.clear();
    m_scanning = true;
    showStatus();
    const QString pattern = m_pattern->text().isEmpty() ? QStringLiteral("*") : m_pattern->text();
    const int number = ++m_scanNumber;
    m_controller->scan(
        pattern, m_count->value(), this,
        [this, number](const std::vector<RedisKeyRow> &batch, bool finished, const QString &error) {
            addBatch(number, batch, finished, error);
        });
}

void RedisKeyBrowser::addBatch(int scan, const std::vector<RedisKeyRow> &batch, bool finished,
                               const QString &error)
{
    if (!m_scanning || scan != m_scanNumber)
        return;
    ++m_batches;
    std::vector<AppendTableModel::Row> rows;
    rows.reserve(batch.size());
    for (const RedisKeyRow &k : batch) {
        if (m_seen.contains(k.key))
            continue;
        m_seen.insert(k.key);
        rows.push_back(
            {{displayBytes(k.key.toStdString()), k.type, ttlText(k.ttl), sizeText(k.size)}, k.key});
    }
    m_keys->append(std::move(rows));
    if (finished) {
        m_scanning = false;
        m_scanError = error;
    }
    showStatus();
}

void RedisKeyBrowser::showStatus()
{
    QString text;
    if (!m_controller)
        text = QStringLiteral("Select a Redis item");
    else if (m_scanning)
        text = QStringLiteral("%1 keys \u00b7 scanning\u2026").arg(m_keys->rowCount());
    else if (!m_scanError.isEmpty())
        text = QStringLiteral("%1 keys \u00b7 the scan stopped: %2")
                   .arg(m_keys->rowCount())
                   .arg(m_scanError);
    else if (m_batches > 0)
        text = QStringLiteral("%1 keys").arg(m_keys->rowCount());
    else
        text = QStringLiteral("Press Scan to list the keys that match the pattern");
    m_status->setText(text);
}

int RedisKeyBrowser::rowOf(const QByteArray &key) const
{
    for (int row = 0; row < m_keys->rowCount(); ++row)
        if (m_keys->rowData(row) == key)
            return row;
    return -1;
}

void RedisKeyBrowser::selectRow(int row)
{
    m_table->setCurrentIndex(m_keys->index(row, 0));
}

int RedisKeyBrowser::selectedRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

bool RedisKeyBrowser::deleteSelected()
{
    const int row = selectedRow();
    if (!m_controller || row < 0)
        return false;
    const QByteArray key = m_keys->rowData(row);
    if (!m_confirm(this, QStringLiteral("Delete the key \u201c%1\u201d from %2?")
                             .arg(displayBytes(key.toStdString()), m_controller->server())))
        return false;
    m_controller->run({"DEL", key.toStdString()}, this,
                      [this, key](const diesel::redis::Reply &reply) {
                          if (reply.is_error()) {
                              m_status->setText(QStringLiteral("not deleted: ") +
                                                QString::fromStdString(reply.str()));
                              return;
                          }
                          if (m_value->key() == key)
                              m_value->clear();
                          m_seen.remove(key);
                          m_keys->removeAt(rowOf(key));
                          showStatus();
                      });
    return true;
}

} // namespace workbench
