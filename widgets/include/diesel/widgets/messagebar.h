// SPDX-License-Identifier: MIT
// A non-modal message area: a coloured strip with an icon, a text and a close button. For
// problems that must be seen but must not stop anything (a workspace file that cannot be read).
#pragma once

#include <diesel/widgets/export.h>

#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

namespace diesel::widgets {

class DIESEL_WIDGETS_EXPORT MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Info, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows `text`; an Info message hides itself after a while, the others stay until closed.
    void showMessage(Kind kind, const QString &text);
    QString text() const;
    Kind kind() const noexcept { return m_kind; }

public Q_SLOTS:
    void dismiss();

Q_SIGNALS:
    /// Shown (true) or dismissed (false).
    void visibilityChanged(bool visible);

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QTimer m_hide;
    Kind m_kind = Kind::Info;
};

} // namespace diesel::widgets
