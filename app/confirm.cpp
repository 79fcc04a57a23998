// SPDX-License-Identifier: MIT
#include "confirm.h"

#include <QMessageBox>

namespace workbench {

bool askWithMessageBox(QWidget *parent, const QString &question)
{
    return QMessageBox::question(parent, QStringLiteral("Diesel Workbench"), question,
                                 QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

} // namespace workbench
