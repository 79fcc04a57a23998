// SPDX-License-Identifier: MIT
// The everyday API in one include: Loops, I/O, first(), Services, Clients, quickstart().
#pragma once

#include <diesel/core/address.h>
#include <diesel/core/application.h>
#include <diesel/core/client.h>
#include <diesel/core/connection.h>
#include <diesel/core/dispatcher.h>
#include <diesel/core/error.h>
#include <diesel/core/event.h>
#include <diesel/core/fanout.h>
#include <diesel/core/faults.h>
#include <diesel/core/first.h>
#include <diesel/core/hub.h>
#include <diesel/core/io.h>
#include <diesel/core/lock.h>
#include <diesel/core/loop.h>
#include <diesel/core/loop_pool.h>
#include <diesel/core/pool.h>
#include <diesel/core/queue.h>
#include <diesel/core/runtime.h>
#include <diesel/core/service.h>
#include <diesel/core/signal.h>
#include <diesel/core/tls.h>
