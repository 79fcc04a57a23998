// SPDX-License-Identifier: MIT
#include <diesel/core/types.h>
#include <diesel/http/middleware.h>

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttpAccess, "diesel.http.access", QtInfoMsg)

namespace diesel::http {

Middleware access_log()
{
    return [](Request &request, const Handler &next) {
        const auto start = Clock::now();
        Response response = next(request);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        const std::string size =
            response.stream ? std::string("-") : std::to_string(response.body.size());
        qCInfo(lcHttpAccess, "%s \"%s %s HTTP/%d.%d\" %d %s %.1fms",
               request.peer.to_string().c_str(), request.method.c_str(), request.target.c_str(),
               request.version_major, request.version_minor, response.status, size.c_str(), ms);
        return response;
    };
}

} // namespace diesel::http
