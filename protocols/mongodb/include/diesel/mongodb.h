// SPDX-License-Identifier: MIT
// diesel::mongodb: the guide's PyMongo-like MongoClient on mongo-c-driver over diesel's sockets.
#pragma once

#include <diesel/mongodb/client.h>
#include <diesel/mongodb/collection.h>
#include <diesel/mongodb/cursor.h>
#include <diesel/mongodb/database.h>
#include <diesel/mongodb/document.h>
#include <diesel/mongodb/error.h>
