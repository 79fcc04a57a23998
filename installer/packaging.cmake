# SPDX-License-Identifier: MIT
# The packages: `cmake --build build --target package` makes the Debian package
# diesel-workbench_<version>_amd64.deb and the relocatable diesel-workbench-<version>-Linux.tar.gz
# of the same tree (see README, "Packages"). Included from the top-level CMakeLists.txt, so that
# CPack's configuration lands in the top of the build tree. Components: runtime (the shared
# libraries), development (headers, static or link libraries, the CMake package), workbench (the
# program and its desktop integration), examples (the guide's programs).
set(installer_dir ${CMAKE_CURRENT_LIST_DIR})
set(installer_out ${PROJECT_BINARY_DIR}/installer)
set(share_dir ${CMAKE_INSTALL_DATADIR}/diesel-workbench)
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/diesel-workbench)

if(TARGET diesel-workbench)
    install(TARGETS diesel-workbench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT workbench)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/diesel-workbench.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT workbench)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/diesel-workbench.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT workbench)
    # Rendered once from the SVG (README, "Packages" says how), so the build needs no SVG tool.
    foreach(size 16 24 32 48 64 128 256 512)
        install(FILES ${installer_dir}/icons/diesel-workbench-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME diesel-workbench.png COMPONENT workbench)
    endforeach()
    configure_file(${installer_dir}/diesel-workbench.metainfo.xml
        ${installer_out}/diesel-workbench.metainfo.xml @ONLY)
    install(FILES ${installer_out}/diesel-workbench.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT workbench)
    # The built-in demo (app/demoworkspace.cpp reads this same file from the resources).
    install(FILES ${PROJECT_SOURCE_DIR}/resources/workspaces/demo.json
        DESTINATION ${share_dir}/workspaces COMPONENT workbench)

    # Debian wants manual pages and changelogs compressed, reproducibly (no name, no time).
    add_custom_command(OUTPUT ${installer_out}/diesel-workbench.1.gz
        COMMAND gzip -9n -c ${installer_dir}/diesel-workbench.1 > ${installer_out}/diesel-workbench.1.gz
        DEPENDS ${installer_dir}/diesel-workbench.1 VERBATIM)
    configure_file(${installer_dir}/changelog.in ${installer_out}/changelog @ONLY)
    add_custom_command(OUTPUT ${installer_out}/changelog.gz
        COMMAND gzip -9n -c ${installer_out}/changelog > ${installer_out}/changelog.gz
        DEPENDS ${installer_out}/changelog VERBATIM)
    add_custom_target(diesel_installer_docs ALL
        DEPENDS ${installer_out}/diesel-workbench.1.gz ${installer_out}/changelog.gz)
    install(FILES ${installer_out}/diesel-workbench.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT workbench)
    install(FILES ${installer_out}/changelog.gz ${installer_dir}/copyright
        DESTINATION ${doc_dir} COMPONENT workbench)
endif()

# The guide's programs, out of PATH (their names are the guide's, too generic for /usr/bin), in
# the package's private folder; they find the libraries two folders up.
get_property(examples GLOBAL PROPERTY DIESEL_EXAMPLES)
if(examples)
    set(examples_dir ${CMAKE_INSTALL_LIBDIR}/diesel-workbench/examples)
    file(RELATIVE_PATH examples_to_lib ${CMAKE_INSTALL_PREFIX}/${examples_dir}
        ${CMAKE_INSTALL_FULL_LIBDIR})
    set_target_properties(${examples} PROPERTIES INSTALL_RPATH "$ORIGIN/${examples_to_lib}")
    install(TARGETS ${examples} RUNTIME DESTINATION ${examples_dir} COMPONENT examples)
endif()

set(CPACK_PACKAGE_NAME diesel-workbench)
set(CPACK_PACKAGE_VENDOR "Diesel Workbench")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "network workbench and diesel-style fiber runtime for Qt")
# Debian's extended description: lines under 80 characters.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Diesel Workbench builds TCP and UDP services and clients in panels and shows\n"
    "every Loop (a fiber of its runtime), their schedule and every byte live;\n"
    "--headless runs a workspace without a window. The package also holds the\n"
    "runtime as C++ shared libraries (diesel::core, redis, riak, http, mongodb,\n"
    "widgets) with their headers and CMake package (find_package(Diesel)), and\n"
    "the guide's example programs.")
set(CPACK_PACKAGE_CONTACT "Diesel Workbench maintainers <maintainers@diesel-workbench.invalid>"
    CACHE STRING "The packages' maintainer (Debian's Maintainer field)")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")

if(WIN32)
    include(${installer_dir}/windows.cmake)
elseif(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(CPACK_GENERATOR DEB TGZ)
else()
    set(CPACK_GENERATOR TGZ)
endif()

# Debian: one package with every component; Depends computed by dpkg-shlibdeps from what the
# binaries link; the shlibs file and ldconfig trigger for the shared libraries.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins Qt loads at run time, which dpkg-shlibdeps cannot see: the platform plugins (a window on
# X11 or Wayland) and the SVG plugins (the window's icon, resources/icons/*.svg).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# Debian policy wants the ldconfig trigger (lintian's lacks-ldconfig-trigger is an error); CPack
# still adds its own ldconfig call to postinst, which lintian only warns about.
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${installer_dir}/triggers)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The tarball unpacks to diesel-workbench-<version>-Linux/{bin,lib,include,share}.
set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
set(CPACK_DEB_COMPONENT_INSTALL OFF)

include(CPack)
