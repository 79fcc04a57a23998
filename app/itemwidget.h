// SPDX-License-Identifier: MIT
// The face of a kind's editor and console to the Properties and Console panels: they create one
// per kind through the registry and hand it the selected item of that kind.
#pragma once

#include "confirm.h"

#include <QWidget>

namespace workbench {

class ItemController;

class ItemWidget : public QWidget
{
public:
    using QWidget::QWidget;
    /// Shows `item`, an item of this widget's kind (nullptr: none).
    virtual void showItem(ItemController *item) = 0;
    /// How it asks before dropping connections (editors that restart items use it).
    virtual void setConfirm(const Confirm &) {}
};

} // namespace workbench
