# SPDX-License-Identifier: MIT
# Precompiled headers. Parsing Qt and the standard library is most of each translation unit's
# compile time, and the test programs (one file each) are most of the build: a library gets one
# precompiled header of its own, and the test programs of one folder that link the same
# libraries share one (GCC uses a precompiled header only where the macros it saw are the same,
# and QtTest's macros name each folder).
option(DIESEL_PCH "Precompile the Qt and standard library headers" ON)

set(DIESEL_PCH_CORE_HEADERS
    <algorithm> <chrono> <cstddef> <cstdint> <functional> <memory> <optional> <span> <string>
    <string_view> <utility> <vector>
    <QtCore/QByteArray> <QtCore/QObject> <QtCore/QString> <QtCore/QTimer>)
set(DIESEL_PCH_WIDGETS_HEADERS <QtWidgets/QWidget> <QtWidgets/QAbstractItemView>
    <QtCore/QAbstractItemModel> <QtGui/QPainter>)

# Whether `libs` (a list of targets) bring Qt Widgets into the compile.
function(_diesel_pch_uses_widgets out)
    set(${out} FALSE PARENT_SCOPE)
    foreach(lib IN LISTS ARGN)
        if(lib MATCHES "Widgets|widgets|workbench")
            set(${out} TRUE PARENT_SCOPE)
        endif()
    endforeach()
endfunction()

function(_diesel_pch_headers out)
    cmake_parse_arguments(ARG "TEST" "" "LIBS" ${ARGN})
    set(headers ${DIESEL_PCH_CORE_HEADERS})
    _diesel_pch_uses_widgets(widgets ${ARG_LIBS})
    if(widgets)
        list(APPEND headers ${DIESEL_PCH_WIDGETS_HEADERS})
    endif()
    if(ARG_TEST)
        list(APPEND headers <QtTest/QTest>)
    endif()
    set(${out} ${headers} PARENT_SCOPE)
endfunction()

# diesel_precompile_library(<target> [LIBS ...]): a precompiled header for a library's sources.
function(diesel_precompile_library target)
    cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
    if(NOT DIESEL_PCH)
        return()
    endif()
    _diesel_pch_headers(headers LIBS ${ARG_LIBS})
    target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# diesel_precompile_program(<target> [TEST] [LIBS ...]): the first program with these libraries
# (and, for tests, of this folder) builds the precompiled header; the others reuse it.
function(diesel_precompile_program target)
    cmake_parse_arguments(ARG "TEST" "" "LIBS" ${ARGN})
    if(NOT DIESEL_PCH)
        return()
    endif()
    set(key "${ARG_TEST};${ARG_LIBS}")
    if(ARG_TEST)
        string(APPEND key ";${CMAKE_CURRENT_SOURCE_DIR}")
    endif()
    string(MD5 flavour "${key}")
    # The moc file of a one-file program is all but empty: loading the header would cost more.
    set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${target}_autogen/mocs_compilation.cpp
        PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    get_property(donor GLOBAL PROPERTY DIESEL_PCH_DONOR_${flavour})
    if(donor)
        target_precompile_headers(${target} REUSE_FROM ${donor})
    else()
        if(ARG_TEST)
            _diesel_pch_headers(headers TEST LIBS ${ARG_LIBS})
        else()
            _diesel_pch_headers(headers LIBS ${ARG_LIBS})
        endif()
        target_precompile_headers(${target} PRIVATE ${headers})
        set_property(GLOBAL PROPERTY DIESEL_PCH_DONOR_${flavour} ${target})
    endif()
endfunction()
