// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace diesel::widgets {
Q_DECLARE_LOGGING_CATEGORY(lcWidgets)
}
