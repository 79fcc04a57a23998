// SPDX-License-Identifier: MIT
// diesel::http in one include: HttpServer with its Request and Response, the App web layer,
// HttpClient and Session, WebSocket.
#pragma once

#include <diesel/http/app.h>
#include <diesel/http/client.h>
#include <diesel/http/headers.h>
#include <diesel/http/limits.h>
#include <diesel/http/middleware.h>
#include <diesel/http/request.h>
#include <diesel/http/response.h>
#include <diesel/http/server.h>
#include <diesel/http/session.h>
#include <diesel/http/static_files.h>
#include <diesel/http/url.h>
#include <diesel/http/websocket.h>
#include <diesel/http/websocket_client.h>
#include <diesel/http/websocket_server.h>
