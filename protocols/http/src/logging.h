// SPDX-License-Identifier: MIT
// The diesel.http logging category.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)
