// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace diesel::detail {
Q_DECLARE_LOGGING_CATEGORY(lcCore)
}
