// SPDX-License-Identifier: MIT
// Small pieces the item panels share: the state line (icon, name, state word), the red error
// label that keeps an item's problem next to it, the form and controls every editor builds
// alike (Apply, Start and Stop among them), and applying settings checked as a workspace file
// checks them.
#pragma once

#include "itemcontroller.h"
#include "itempanel.h"
#include "jsonfields.h"
#include "workspacecontroller.h"

#include <QLabel>
#include <QWidget>

#include <functional>

class QBoxLayout;
class QComboBox;
class QFormLayout;
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

/// The start and stop buttons of an editor's button row, for the caller's names and tooltips.
struct StartStopButtons
{
    QPushButton *start;
    QPushButton *stop;
};

/// Adds Apply, then a start button (play icon) calling `start` and a stop button (stop icon)
/// calling `stop`, as the last row of `layout`.
StartStopButtons addButtonRow(QBoxLayout *layout, QWidget *parent, QPushButton *apply,
                              const QString &startText, std::function<void()> start,
                              const QString &stopText, std::function<void()> stop);

/// addButtonRow with "&Start" and "S&top" starting and stopping the item `panel` shows.
template<class Controller>
StartStopButtons addStartStopRow(QBoxLayout *layout, ItemPanel<Controller> *panel,
                                 QPushButton *apply)
{
    return addButtonRow(
        layout, panel, apply, QStringLiteral("&Start"),
        [panel] {
            if (Controller *item = panel->controller())
                item->start();
        },
        QStringLiteral("S&top"),
        [panel] {
            if (Controller *item = panel->controller())
                item->stop();
        });
}

/// Gives `controller` the settings `check()` returns (it reads them as a workspace file would,
/// throwing Invalid): false, with the reason shown on `error`, when it throws; true otherwise,
/// marking the workspace modified when they changed.
template<class Controller, class Check>
bool applyChecked(Controller *controller, QLabel *error, WorkspaceController &workspace,
                  Check check)
{
    if (!controller)
        return false;
    try {
        const auto spec = check();
        if (spec == controller->spec())
            return true;
        controller->setSpec(spec);
    } catch (const Invalid &invalid) {
        error->setText(invalid.message);
        error->show();
        return false;
    }
    workspace.markModified();
    return true;
}

} // namespace workbench
