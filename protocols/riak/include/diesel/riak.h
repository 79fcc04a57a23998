// SPDX-License-Identifier: MIT
// diesel::riak: RiakClient (Riak's Protocol Buffers API) and the guide's Bucket.
#pragma once

#include <diesel/riak/bucket.h>
#include <diesel/riak/client.h>
#include <diesel/riak/error.h>
#include <diesel/riak/json.h>
#include <diesel/riak/types.h>
