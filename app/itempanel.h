// SPDX-License-Identifier: MIT
// The wiring every item panel (each kind's editor and console) shares:
// it shows one controller at a time, lets go of it when the controller is destroyed, and is
// disabled while it has none.
#pragma once

#include "itemcontroller.h"
#include "itemwidget.h"

namespace workbench {

/// Whether a panel redraws on its controller's changed() signal or on its own timer.
enum class RefreshOn { Changed, OwnTimer };

/// A panel that shows one `Controller` (an ItemController) at a time. Subclasses fill their
/// fields in loadController() and draw the controller's state in refresh().
template<class Controller>
class ItemPanel : public ItemWidget
{
public:
    explicit ItemPanel(RefreshOn refreshOn, QWidget *parent = nullptr)
        : ItemWidget(parent)
        , m_refreshOn(refreshOn)
    {}

    /// The registry hands this panel only items of its kind; anything else shows as none.
    void showItem(ItemController *item) override
    {
        setController(qobject_cast<Controller *>(item));
    }

    /// The item shown (nullptr: none).
    void setController(Controller *controller)
    {
        if (m_controller)
            disconnect(m_controller, nullptr, this, nullptr);
        m_controller = controller;
        if (controller)
            connect(controller, &QObject::destroyed, this, [this] { setController(nullptr); });
        setEnabled(controller != nullptr);
        loadController(controller);
        if (controller && m_refreshOn == RefreshOn::Changed)
            connect(controller, &ItemController::changed, this, &ItemPanel::refresh);
        refresh();
    }
    Controller *controller() const { return m_controller; }

protected:
    /// Called by setController() once the panel holds `controller` (nullptr: none): fill the
    /// fields from it. refresh() follows.
    virtual void loadController(Controller *controller) = 0;
    /// Shows the controller's state (or that there is none).
    virtual void refresh() = 0;

    Controller *m_controller = nullptr;

private:
    RefreshOn m_refreshOn;
};

} // namespace workbench
