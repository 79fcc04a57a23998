// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace workbench {
Q_DECLARE_LOGGING_CATEGORY(lcApp)
}
