// SPDX-License-Identifier: MIT
#include "logging_p.h"

namespace diesel::widgets {
Q_LOGGING_CATEGORY(lcWidgets, "diesel.widgets", QtInfoMsg)
}
