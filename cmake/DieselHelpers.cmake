# SPDX-License-Identifier: MIT
# Helpers shared by every layer: one way to declare a library, a test and an example.
include(CMakePackageConfigHelpers)
include(DieselPch)
include(GenerateExportHeader)

set(DIESEL_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)

# diesel_add_library(NAME <short> SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# Creates diesel_<short> with alias diesel::<short>, public headers in ./include, exported.
# Shared with DIESEL_SHARED, else static. Either way only what include/ marks with
# DIESEL_<SHORT>_EXPORT (the generated <diesel/<short>/export.h>) is visible outside the library.
function(diesel_add_library)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    set(target diesel_${ARG_NAME})
    if(DIESEL_SHARED)
        add_library(${target} SHARED ${ARG_SOURCES})
    else()
        add_library(${target} STATIC ${ARG_SOURCES})
    endif()
    add_library(diesel::${ARG_NAME} ALIAS ${target})
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${ARG_NAME} POSITION_INDEPENDENT_CODE ON
        CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
        VERSION ${PROJECT_VERSION} SOVERSION ${DIESEL_SOVERSION}
        INSTALL_RPATH "$ORIGIN") # its sibling libraries, wherever the folder is
    string(TOUPPER ${ARG_NAME} upper)
    set(export_dir ${CMAKE_CURRENT_BINARY_DIR}/export)
    generate_export_header(${target} BASE_NAME DIESEL_${upper}
        EXPORT_FILE_NAME ${export_dir}/diesel/${ARG_NAME}/export.h)
    if(NOT DIESEL_SHARED)
        target_compile_definitions(${target} PUBLIC DIESEL_${upper}_STATIC_DEFINE)
    endif()
    install(FILES ${export_dir}/diesel/${ARG_NAME}/export.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/diesel/${ARG_NAME} COMPONENT development)
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
        $<BUILD_INTERFACE:${export_dir}>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE ${DIESEL_WARNINGS})
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
    diesel_precompile_library(${target} LIBS ${ARG_PUBLIC_LIBS} ${ARG_PRIVATE_LIBS})
    install(TARGETS ${target} EXPORT DieselTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
            NAMELINK_COMPONENT development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
    install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
    set_property(GLOBAL APPEND PROPERTY DIESEL_COMPONENTS ${ARG_NAME})

    # Every public header must compile on its own: one tiny translation unit per header.
    file(GLOB_RECURSE headers RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/include
         CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/*.h)
    set(check_sources)
    foreach(header IN LISTS headers)
        string(MAKE_C_IDENTIFIER ${header} stem)
        set(source ${CMAKE_CURRENT_BINARY_DIR}/header_check/${stem}.cpp)
        file(CONFIGURE OUTPUT ${source} CONTENT "#include <${header}>\n")
        list(APPEND check_sources ${source})
    endforeach()
    if(check_sources AND DIESEL_HEADER_CHECK)
        add_library(${target}_header_check OBJECT ${check_sources})
        target_link_libraries(${target}_header_check PRIVATE ${target})
        target_compile_options(${target}_header_check PRIVATE ${DIESEL_WARNINGS})
    endif()
endfunction()

# diesel_add_test(NAME <tst_name> SOURCES ... LIBS ... [TIMEOUT s] [LABELS ...])
function(diesel_add_test)
    cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    set_target_properties(${ARG_NAME} PROPERTIES AUTOMOC ON)
    target_compile_options(${ARG_NAME} PRIVATE ${DIESEL_WARNINGS})
    target_link_libraries(${ARG_NAME} PRIVATE diesel_testlib ${ARG_LIBS})
    diesel_precompile_program(${ARG_NAME} TEST LIBS ${ARG_LIBS})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0;UBSAN_OPTIONS=print_stacktrace=1")
endfunction()

# diesel_add_example(NAME <name> SOURCES ... LIBS ...)
function(diesel_add_example)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_compile_options(${ARG_NAME} PRIVATE ${DIESEL_WARNINGS})
    target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS})
    diesel_precompile_program(${ARG_NAME} LIBS ${ARG_LIBS})
    set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/examples)
    set_property(GLOBAL APPEND PROPERTY DIESEL_EXAMPLES ${ARG_NAME})
endfunction()

# diesel_add_subfolders([BUILD_PREFIX dir]): adds every subfolder of the current source folder
# that has a CMakeLists.txt. With BUILD_PREFIX their build trees go under that folder, so that the
# programs they make can be named after the folders in the same output directory.
function(diesel_add_subfolders)
    cmake_parse_arguments(ARG "" "BUILD_PREFIX" "" ${ARGN})
    file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
    foreach(dir IN LISTS children)
        if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/CMakeLists.txt)
            if(ARG_BUILD_PREFIX)
                get_filename_component(name ${dir} NAME)
                add_subdirectory(${dir} ${CMAKE_CURRENT_BINARY_DIR}/${ARG_BUILD_PREFIX}/${name})
            else()
                add_subdirectory(${dir})
            endif()
        endif()
    endforeach()
endfunction()

# Installs the export set and DieselConfig.cmake so that find_package(Diesel COMPONENTS ...) works.
function(diesel_install_package)
    set(cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Diesel)
    if(DIESEL_SHARED)
        set(DIESEL_STATIC FALSE)
    else()
        set(DIESEL_STATIC TRUE)
    endif()
    install(EXPORT DieselTargets NAMESPACE diesel:: DESTINATION ${cmake_dir} COMPONENT development)
    configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/DieselConfig.cmake.in
        ${PROJECT_BINARY_DIR}/DieselConfig.cmake INSTALL_DESTINATION ${cmake_dir})
    write_basic_package_version_file(${PROJECT_BINARY_DIR}/DieselConfigVersion.cmake
        COMPATIBILITY SameMinorVersion)
    install(FILES ${PROJECT_BINARY_DIR}/DieselConfig.cmake
        ${PROJECT_BINARY_DIR}/DieselConfigVersion.cmake DESTINATION ${cmake_dir}
        COMPONENT development)
endfunction()
