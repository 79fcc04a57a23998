// SPDX-License-Identifier: MIT
// The Redis console's command tab: a command line split like redis-cli's, command names
// completed (the server's, from COMMAND LIST), each reply shown as a typed tree, and the history
// (Up/Down in the line, and a list).
#pragma once

#include <QWidget>

class QCompleter;
class QLineEdit;
class QListWidget;
class QStandardItemModel;
class QStringListModel;
class QTreeView;

namespace workbench {

class RedisController;

class RedisCommandPane : public QWidget
{
    Q_OBJECT

public:
    explicit RedisCommandPane(QWidget *parent = nullptr);

    void setController(RedisController *controller);
    /// Runs what the command line holds; false if nothing was sent (empty, bad quoting, a
    /// command refused here: its error row says why).
    bool runInput();
    QLineEdit *input() const { return m_input; }
    QCompleter *completer() const { return m_completer; }
    /// One top-level row per command (its text, the reply's type and value), elements below.
    QStandardItemModel &replies() const { return *m_replies; }
    /// Commands run, oldest first.
    QListWidget *history() const { return m_history; }
    /// Commands sent whose reply has not come yet.
    int pending() const noexcept { return m_pending; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addRefusal(const QString &command, const QString &why);
    void remember(const QString &command);
    // The completer offers the server's command names when it gave them, else a built-in list.
    void updateCommandNames();

    RedisController *m_controller = nullptr;
    QLineEdit *m_input;
    QStringListModel *m_names;
    QCompleter *m_completer;
    QStandardItemModel *m_replies;
    QTreeView *m_tree;
    QListWidget *m_history;
    int m_historyPos = 0;
    int m_pending = 0;
};

} // namespace workbench
