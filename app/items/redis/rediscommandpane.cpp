// SPDX-License-Identifier: MIT
#include "commandwords.h"
#include "rediscommandpane.h"
#include "rediscontroller.h"
#include "replytree.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPersistentModelIndex>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench {

namespace {

// Commands that would turn the console's shared connection into a stream of pushes.
bool takesOverTheConnection(const QString &name)
{
    static const QStringList names{QStringLiteral("SUBSCRIBE"), QStringLiteral("PSUBSCRIBE"),
                                   QStringLiteral("SSUBSCRIBE"), QStringLiteral("MONITOR")};
    return names.contains(name.toUpper());
}

} // namespace

RedisCommandPane::RedisCommandPane(QWidget *parent)
    : QWidget(parent)
    , m_input(new QLineEdit(this))
    , m_names(new QStringListModel(redisCommandNames(), this))
    , m_completer(new QCompleter(m_names, this))
    , m_replies(new QStandardItemModel(0, ReplyColumns, this))
    , m_tree(new QTreeView(this))
    , m_history(new QListWidget(this))
{
    m_input->setPlaceholderText(QStringLiteral("A command, as in redis-cli: SET greeting \"hello "
                                               "world\" (Up/Down: history)"));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_input->setCompleter(m_completer);
    m_input->installEventFilter(this);
    auto *run = new QPushButton(QStringLiteral("&Run"), this);

    m_replies->setHorizontalHeaderLabels(
        {QStringLiteral("command / element"), QStringLiteral("type"), QStringLiteral("value")});
    m_tree->setModel(m_replies);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(ReplyLabel, 260);
    m_tree->setColumnWidth(ReplyType, 70);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setToolTip(QStringLiteral("Click to edit again, double-click to run again"));

    auto *line = new QHBoxLayout;
    line->addWidget(m_input, 1);
    line->addWidget(run);
    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(QStringLiteral("History"), historyBox));
    historyLayout->addWidget(m_history);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split, 1);
    layout->addLayout(line);

    connect(run, &QPushButton::clicked, this, &RedisCommandPane::runInput);
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        // Return picks a completion first when the popup is open.
        if (!m_completer->popup()->isVisible())
            runInput();
    });
    connect(m_history, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { m_input->setText(item->text()); });
    connect(m_history, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        m_input->setText(item->text());
        runInput();
    });
}

void RedisCommandPane::setController(RedisController *controller)
{
    if (m_controller)
        disconnect(m_controller, &RedisController::serverCommandsChanged, this, nullptr);
    m_controller = controller;
    if (controller)
        connect(controller, &RedisController::serverCommandsChanged, this,
                &RedisCommandPane::updateCommandNames);
    updateCommandNames();
}

void RedisCommandPane::updateCommandNames()
{
    const bool fromServer = m_controller && !m_controller->serverCommands().isEmpty();
    m_names->setStringList(fromServer ? m_controller->serverCommands() : redisCommandNames());
}

void RedisCommandPane::addRefusal(const QString &command, const QString &why)
{
    m_replies->appendRow(replyRow(command, diesel::redis::Reply::error(why.toStdString())));
    m_tree->scrollToBottom();
}

void RedisCommandPane::remember(const QString &command)
{
    const QList<QListWidgetItem *> same = m_history->findItems(command, Qt::MatchExactly);
    for (QListWidgetItem *item : same)
        delete m_history->takeItem(m_history->row(item));
    m_history->addItem(command);
    m_history->scrollToBottom();
    m_historyPos = m_history->count();
}

bool RedisCommandPane::runInput()
{
    const QString command = m_input->text().trimmed();
    if (command.isEmpty() || !m_controller)
        return false;
    remember(command);
    m_input->clear();
    const auto words = splitCommandLine(command.toStdString());
    if (!words) {
        addRefusal(command, QStringLiteral("ERR unbalanced quotes in the command line"));
        return false;
    }
    if (words->empty())
        return false;
    if (takesOverTheConnection(QString::fromStdString(words->front()))) {
        addRefusal(command, QStringLiteral("ERR the console does not subscribe or monitor: use the "
                                           "Pub/Sub tab"));
        return false;
    }
    // A row waits for the reply; the reply replaces it where it stands.
    QList<QStandardItem *> waiting{new QStandardItem(command),
                                   new QStandardItem(QStringLiteral("\u2026")), new QStandardItem};
    for (QStandardItem *item : waiting)
        item->setEditable(false);
    m_replies->appendRow(waiting);
    const QPersistentModelIndex where = m_replies->index(m_replies->rowCount() - 1, 0);
    ++m_pending;
    m_controller->run(*words, this, [this, where, command](const diesel::redis::Reply &reply) {
        --m_pending;
        if (!where.isValid())
            return;
        const int row = where.row();
        m_replies->removeRow(row);
        m_replies->insertRow(row, replyRow(command, reply));
        m_tree->expand(m_replies->index(row, 0));
        m_tree->scrollTo(m_replies->index(row, 0));
    });
    m_tree->scrollToBottom();
    return true;
}

bool RedisCommandPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress && m_history->count() > 0 &&
        !m_completer->popup()->isVisible()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            m_historyPos =
                std::clamp(m_historyPos + (key == Qt::Key_Up ? -1 : 1), 0, m_history->count());
            m_input->setText(m_historyPos < m_history->count()
                                 ? m_history->item(m_historyPos)->text()
                                 : QString());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace workbench
