// SPDX-License-Identifier: MIT
#include <diesel/mongodb/error.h>

namespace diesel::mongodb {

MongoError::MongoError(const std::string &message, std::int32_t server_code, std::uint32_t domain,
                       std::uint32_t driver_code)
    : Error(message)
    , m_server_code(server_code)
    , m_domain(domain)
    , m_driver_code(driver_code)
{}

bool MongoError::is_duplicate_key() const noexcept
{
    return m_server_code == 11000 || m_server_code == 11001 || m_server_code == 12582;
}

} // namespace diesel::mongodb
