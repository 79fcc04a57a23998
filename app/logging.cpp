// SPDX-License-Identifier: MIT
#include "logging.h"

namespace workbench {
Q_LOGGING_CATEGORY(lcApp, "diesel.app", QtInfoMsg)
}
