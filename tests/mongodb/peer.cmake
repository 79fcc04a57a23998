# SPDX-License-Identifier: MIT
# The MongoDB wire-protocol test peer (tests/peers/mongo, Node.js with npm's bson and mingo).
# Defines DIESEL_MONGO_PEER (peer.js) and DIESEL_MONGO_PEER_MODULES (the build-tree folder whose
# node_modules the mongo_peer_npm_ci fixture fills; run the peer with NODE_PATH pointing there).
# mongo_peer_check checks the peer with the official Node.js driver.
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
