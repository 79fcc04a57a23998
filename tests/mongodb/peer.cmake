# SPDX-License-Identifier: MIT
# The MongoDB wire-protocol test peer (tests/peers/mongo, Node.js with npm's bson and mingo).
# Defines DIESEL_MONGO_PEER (peer.js) and DIESEL_MONGO_PEER_MODULES (the build-tree folder whose
# node_modules the mongo_peer_npm_ci fixture fills; run the peer with NODE_PATH pointing there).
# mongo_peer_check checks the peer with the official Node.js driver, mongo_peer_c_driver with
# mongo-c-driver on its own blocking sockets.
find_program(DIESEL_NODE node)
find_program(DIESEL_NPM npm)
set(mongo_peer_dir ${PROJECT_SOURCE_DIR}/tests/peers/mongo)
set(DIESEL_MONGO_PEER ${mongo_peer_dir}/peer.js)
set(DIESEL_MONGO_PEER_MODULES ${CMAKE_CURRENT_BINARY_DIR}/mongo-peer)

if(DIESEL_NODE AND DIESEL_NPM)
    configure_file(${mongo_peer_dir}/package.json ${DIESEL_MONGO_PEER_MODULES}/package.json COPYONLY)
    configure_file(${mongo_peer_dir}/package-lock.json ${DIESEL_MONGO_PEER_MODULES}/package-lock.json
        COPYONLY)
    add_test(NAME mongo_peer_npm_ci
        COMMAND ${DIESEL_NPM} ci --no-audit --no-fund --loglevel=error
        WORKING_DIRECTORY ${DIESEL_MONGO_PEER_MODULES})
    set_tests_properties(mongo_peer_npm_ci PROPERTIES FIXTURES_SETUP mongo_peer_modules
        TIMEOUT 300 LABELS mongodb)
    add_test(NAME mongo_peer_check COMMAND ${DIESEL_NODE} ${mongo_peer_dir}/check/check.js)
    set_tests_properties(mongo_peer_check PROPERTIES FIXTURES_REQUIRED mongo_peer_modules
        TIMEOUT 120 LABELS mongodb ENVIRONMENT "NODE_PATH=${DIESEL_MONGO_PEER_MODULES}/node_modules")
endif()

# The C driver's view of the peer, with no diesel code in between: a handshake or framing
# mismatch fails here rather than inside the MongoClient's stream.
find_package(mongoc-1.0 1.23 QUIET)
if(DIESEL_NODE AND DIESEL_NPM AND mongoc-1.0_FOUND)
    add_executable(mongo_peer_c_driver_check ${mongo_peer_dir}/check/c_driver_check.cpp)
    target_compile_options(mongo_peer_c_driver_check PRIVATE ${DIESEL_WARNINGS})
    target_link_libraries(mongo_peer_c_driver_check PRIVATE mongo::mongoc_shared)
    add_test(NAME mongo_peer_c_driver
        COMMAND ${DIESEL_NODE} ${mongo_peer_dir}/check/with_peer.js
            $<TARGET_FILE:mongo_peer_c_driver_check>)
    set_tests_properties(mongo_peer_c_driver PROPERTIES FIXTURES_REQUIRED mongo_peer_modules
        TIMEOUT 120 LABELS mongodb ENVIRONMENT "NODE_PATH=${DIESEL_MONGO_PEER_MODULES}/node_modules")
endif()
