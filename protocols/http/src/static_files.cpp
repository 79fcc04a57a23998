// SPDX-License-Identifier: MIT
// Files from a folder, read on a worker thread: MIME types, ETag/If-None-Match, single byte
// ranges, and no way out of the folder.
#include "response_writer.h"

#include <diesel/core/runtime.h>
#include <diesel/http/headers.h>
#include <diesel/http/static_files.h>

#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

namespace diesel::http {

namespace fs = std::filesystem;

namespace {

struct MimeEntry
{
    std::string_view extension;
    std::string_view type;
};

constexpr MimeEntry kMime[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"txt", "text/plain; charset=utf-8"},
    {"md", "text/markdown; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"xml", "application/xml"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/vnd.microsoft.icon"},
    {"avif", "image/avif"},
    {"wasm", "application/wasm"},
    {"pdf", "application/pdf"},
    {"zip", "application/zip"},
    {"gz", "application/gzip"},
    {"mp4", "video/mp4"},
    {"webm", "video/webm"},
    {"mp3", "audio/mpeg"},
    {"ogg", "audio/ogg"},
    {"wav", "audio/wav"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
};

// A byte range of a file of `size` bytes, [first, last].
struct Range
{
    std::uint64_t first;
    std::uint64_t last;
};

std::optional<std::uint64_t> parse_u64(std::string_view s) noexcept
{
    std::uint64_t value = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return value;
}

// RFC 9110 §14.1.2, one range only: nullopt ignores the field (several ranges, or not bytes=),
// a Range with first > last reports an unsatisfiable one.
std::optional<Range> parse_range(std::string_view field, std::uint64_t size)
{
    constexpr std::string_view kUnit = "bytes=";
    if (!field.starts_with(kUnit) || field.find(',') != std::string_view::npos)
        return std::nullopt;
    const std::string_view spec = field.substr(kUnit.size());
    const auto dash = spec.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const std::string_view a = spec.substr(0, dash);
    const std::string_view b = spec.substr(dash + 1);
    if (a.empty()) {
        const auto suffix = parse_u64(b);
        if (!suffix)
            return std::nullopt;
        if (*suffix == 0 || size == 0)
            return Range{1, 0};
        return Range{size - std::min(*suffix, size), size - 1};
    }
    const auto first = parse_u64(a);
    const auto last = b.empty() ? std::optional<std::uint64_t>(size ? size - 1 : 0) : parse_u64(b);
    if (!first || !last || *last < *first)
        return std::nullopt;
    if (*first >= size)
        return Range{1, 0};
    return Range{*first, std::min(*last, size - 1)};
}

// Weak comparison (RFC 9110 §8.8.3.2) of an If-None-Match list with our tag.
bool none_match(std::string_view field, std::string_view etag)
{
    if (field.find('*') != std::string_view::npos)
        return true;
    const auto strip = [](std::string_view tag) {
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t'))
            tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t'))
            tag.remove_suffix(1);
        if (tag.starts_with("W/"))
            tag.remove_prefix(2);
        return tag;
    };
    while (!field.empty()) {
        const auto comma = field.find(',');
        if (strip(field.substr(0, comma)) == strip(etag))
            return true;
        if (comma == std::string_view::npos)
            break;
        field.remove_prefix(comma + 1);
    }
    return false;
}

// Refuses what could leave the folder or confuse the file system before touching it.
bool safe_relative(std::string_view relative)
{
    if (relative.find('\0') != std::string_view::npos ||
        relative.find('\\') != std::string_view::npos)
        return false;
    while (!relative.empty()) {
        const auto slash = relative.find('/');
        if (relative.substr(0, slash) == "..")
            return false;
        if (slash == std::string_view::npos)
            break;
        relative.remove_prefix(slash + 1);
    }
    return true;
}

bool inside(const fs::path &root, const fs::path &path)
{
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (p == path.end() || *r != *p)
            return false;
    }
    return true;
}

std::string read_bytes(const fs::path &path, std::uint64_t first, std::uint64_t count)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path.string());
    in.seekg(static_cast<std::streamoff>(first));
    std::string bytes(static_cast<std::size_t>(count), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(count));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// The part that touches the file system; runs on a worker thread.
Response answer(const std::string &folder, std::string relative, std::string if_none_match,
                std::string range_field, std::string if_range)
{
    std::error_code ec;
    const fs::path root = fs::canonical(folder, ec);
    if (ec)
        return Response::error(404);
    while (!relative.empty() && relative.front() == '/')
        relative.erase(0, 1);
    fs::path path = root / fs::path(relative);
    if (fs::is_directory(path, ec))
        path /= "index.html";
    const fs::path real = fs::canonical(path, ec);
    if (ec || !inside(root, real) || !fs::is_regular_file(real, ec))
        return Response::error(404);
    const std::uint64_t size = fs::file_size(real, ec);
    const auto modified = fs::last_write_time(real, ec);
    if (ec)
        return Response::error(404);
    const auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::file_clock::to_sys(modified).time_since_epoch())
                                 .count();
    std::string etag = '"' + std::to_string(size) + '-' + std::to_string(since_epoch) + '"';
    const auto modified_seconds = static_cast<std::time_t>(since_epoch / 1000000000);

    Response response;
    response.headers.add("ETag", etag);
    response.headers.add("Last-Modified", detail::format_http_date(modified_seconds));
    response.headers.add("Accept-Ranges", "bytes");
    if (!if_none_match.empty() && none_match(if_none_match, etag)) {
        response.status = 304;
        return response;
    }
    response.headers.add("Content-Type", std::string(mime_type(real.filename().string())));
    std::optional<Range> range;
    if (!range_field.empty() && (if_range.empty() || if_range == etag))
        range = parse_range(range_field, size);
    if (range && range->first > range->last) {
        response.status = 416;
        response.headers.add("Content-Range", "bytes */" + std::to_string(size));
        return response;
    }
    if (range) {
        response.status = 206;
        response.headers.add("Content-Range", "bytes " + std::to_string(range->first) + '-' +
                                                  std::to_string(range->last) + '/' +
                                                  std::to_string(size));
        response.body = read_bytes(real, range->first, range->last - range->first + 1);
    } else {
        response.body = read_bytes(real, 0, size);
    }
    return response;
}

} // namespace

std::string_view mime_type(std::string_view file_name) noexcept
{
    const auto dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        const std::string_view extension = file_name.substr(dot + 1);
        for (const MimeEntry &entry : kMime) {
            if (iequals(entry.extension, extension))
                return entry.type;
        }
    }
    return "application/octet-stream";
}

Response serve_file(const Request &request, const std::string &folder, std::string_view relative)
{
    if (request.method != "GET" && request.method != "HEAD") {
        Response response = Response::error(405);
        response.headers.add("Allow", "GET, HEAD");
        return response;
    }
    if (!safe_relative(relative))
        return Response::error(404);
    return diesel::thread([&] {
        return answer(folder, std::string(relative),
                      std::string(request.headers.value("If-None-Match")),
                      std::string(request.headers.value("Range")),
                      std::string(request.headers.value("If-Range")));
    });
}

} // namespace diesel::http
