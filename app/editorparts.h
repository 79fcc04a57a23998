// SPDX-License-Identifier: MIT
// Small pieces the item panels share: the state line (icon, name, state word), the red error
// label that keeps an item's problem next to it, and the form and controls every editor builds
// alike.
#pragma once

#include "itemcontroller.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace workbench {

/// An icon and a title with the item's state word: "● holla :4321 — running".
class StateLine : public QWidget
{
    Q_OBJECT

public:
    explicit StateLine(QWidget *parent = nullptr);
    void display(ItemState state, const QString &title);
    void displayText(const QString &text);
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_text;
};

/// A selectable, word-wrapped label in the error colour.
QLabel *makeErrorLabel(QWidget *parent);

/// Shows `item`'s state on `line` with `title`, and its error text on `error` while it is in the
/// Error state (`error` is hidden otherwise).
void showState(StateLine *line, QLabel *error, const ItemController &item, const QString &title);

/// An editor's form: long rows wrap, so the narrow properties panel stays readable.
QFormLayout *makeForm();
/// "&Apply" on Ctrl+Return, with `toolTip` if there is one.
QPushButton *makeApplyButton(QWidget *parent, const QString &toolTip = {});
/// A choice of TCP and UDP (the Transport as item data), with `toolTip`.
QComboBox *makeTransportBox(QWidget *parent, const QString &toolTip);

} // namespace workbench
