// SPDX-License-Identifier: MIT
// The curl error category and the exceptions of the curl layer.
#include <diesel/http/curl.h>

namespace diesel::http {

namespace {

class CurlCategory final : public std::error_category
{
public:
    const char *name() const noexcept override { return "curl"; }
    std::string message(int code) const override
    {
        return curl_easy_strerror(static_cast<CURLcode>(code));
    }
};

} // namespace

const std::error_category &curl_category() noexcept
{
    static const CurlCategory category;
    return category;
}

CurlError::CurlError(const std::string &what, CURLcode code)
    : Error(what, std::error_code(code, curl_category()))
{}

CurlTimeout::CurlTimeout(const std::string &what)
    : RequestTimeout(what, std::error_code(CURLE_OPERATION_TIMEDOUT, curl_category()))
{}

} // namespace diesel::http
