// SPDX-License-Identifier: MIT
// The key browser's value viewer: a string in an editor (saved with SET ... KEEPTTL), a hash,
// list, set, sorted set or stream as a table of its first 1,000 elements.
#pragma once

#include <diesel/redis/reply.h>

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace workbench {

class RedisController;

class RedisValueView : public QWidget
{
    Q_OBJECT

public:
    /// Elements shown at most for a hash, list, set, sorted set or stream.
    static constexpr int maxElements = 1000;

    explicit RedisValueView(QWidget *parent = nullptr);

    void setController(RedisController *controller);
    /// Fetches and shows the value of `key`, of `type`, with `size` elements (or bytes).
    void showKey(const QByteArray &key, const QString &type, qint64 size);
    /// Shows nothing.
    void clear();
    /// Saves the string editor's text as the key's value; false when no string is shown.
    bool saveString();

    /// The key shown ("" : none).
    QByteArray key() const { return m_key; }
    /// True while the value is being fetched.
    bool loading() const noexcept { return m_loading; }
    /// The elements of a non-string value (columns by type: field/value, index/value, member,
    /// member/score, id/fields).
    QStandardItemModel &elements() const { return *m_elements; }
    QPlainTextEdit *stringEditor() const { return m_string; }
    /// The line above the value: its key, type and what is shown, or the last error.
    QString status() const;

Q_SIGNALS:
    /// The string value was saved; `size` is its new length.
    void stringSaved(const QByteArray &key, qint64 size);

private:
    void showReply(const diesel::redis::Reply &reply);

    RedisController *m_controller = nullptr;
    QByteArray m_key;
    QString m_type;
    bool m_loading = false;
    QLabel *m_status;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_string;
    QPushButton *m_save;
    QStandardItemModel *m_elements;
    QTableView *m_table;
};

} // namespace workbench
