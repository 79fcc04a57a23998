// SPDX-License-Identifier: MIT
// Small pieces the item panels share: the state line (icon, name, state word) and the red error
// label that keeps an item's problem next to it.
#pragma once

#include "itemcontroller.h"

#include <QWidget>

class QLabel;

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

} // namespace workbench
