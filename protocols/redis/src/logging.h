// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace diesel::redis::detail {
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
}
