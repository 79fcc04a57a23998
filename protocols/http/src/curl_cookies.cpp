// SPDX-License-Identifier: MIT
// CookieJar: a curl share handle holding cookies, locked so that Loops of several Hubs (threads)
// may share one jar.
#include "curl_multi.h"

#include <diesel/core/error.h>
#include <diesel/http/curl.h>

#include <array>
#include <memory>
#include <mutex>

namespace diesel::http {

namespace {

using Locks = std::array<std::mutex, CURL_LOCK_DATA_LAST>;

void lock(CURL *, curl_lock_data data, curl_lock_access, void *locks)
{
    (*static_cast<Locks *>(locks))[static_cast<std::size_t>(data)].lock();
}

void unlock(CURL *, curl_lock_data data, void *locks)
{
    (*static_cast<Locks *>(locks))[static_cast<std::size_t>(data)].unlock();
}

} // namespace

struct CookieJar::State
{
    CURLSH *share = nullptr;
    Locks locks;
};

CookieJar::CookieJar()
    : d(std::make_unique<State>())
{
    detail::ensure_curl_global();
    d->share = curl_share_init();
    if (!d->share)
        throw Error("curl_share_init failed");
    curl_share_setopt(d->share, CURLSHOPT_LOCKFUNC, &lock);
    curl_share_setopt(d->share, CURLSHOPT_UNLOCKFUNC, &unlock);
    curl_share_setopt(d->share, CURLSHOPT_USERDATA, &d->locks);
    curl_share_setopt(d->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
}

CookieJar::~CookieJar()
{
    curl_share_cleanup(d->share);
}

std::vector<std::string> CookieJar::cookies() const
{
    // curl lists cookies only through an easy handle that uses the share.
    const detail::EasyHandle easy(curl_easy_init());
    if (!easy)
        throw Error("curl_easy_init failed");
    curl_easy_setopt(easy.get(), CURLOPT_SHARE, d->share);
    curl_easy_setopt(easy.get(), CURLOPT_COOKIEFILE, "");
    curl_slist *list = nullptr;
    std::vector<std::string> out;
    if (curl_easy_getinfo(easy.get(), CURLINFO_COOKIELIST, &list) == CURLE_OK) {
        for (curl_slist *item = list; item; item = item->next)
            out.emplace_back(item->data);
        curl_slist_free_all(list);
    }
    return out;
}

CURLSH *CookieJar::native_handle() const noexcept
{
    return d->share;
}

} // namespace diesel::http
