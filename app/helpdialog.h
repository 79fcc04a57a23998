// SPDX-License-Identifier: MIT
// Help > Concepts: the guide's ideas in one short page, and the workbench's colour legend.
#pragma once

#include <QDialog>

namespace workbench {

class HelpDialog : public QDialog
{
    Q_OBJECT

public:
    explicit HelpDialog(QWidget *parent = nullptr);
};

} // namespace workbench
