# SPDX-License-Identifier: MIT
# Windows: an NSIS installer (and a zip) of the same install tree, with Qt's DLLs and plugins
# copied in by Qt's deployment script (windeployqt), a Start-menu entry and "Open with" for
# workspace files. NOT BUILT OR TESTED: no Windows machine builds this project yet (README,
# "Packages"); it is kept small so that a first Windows build has little to correct.
qt_generate_deploy_app_script(TARGET diesel-workbench
    OUTPUT_SCRIPT diesel_deploy_script
    NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${diesel_deploy_script} COMPONENT workbench)

set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Diesel Workbench")
set(CPACK_NSIS_PACKAGE_NAME "Diesel Workbench ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Diesel Workbench")
# The Start-menu entry: bin\diesel-workbench.exe, named "Diesel Workbench".
set(CPACK_PACKAGE_EXECUTABLES diesel-workbench "Diesel Workbench")
set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\diesel-workbench.exe)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# Workspace files are *.diesel.json. Windows associates by the last extension only, so taking
# over .json would be rude: a ProgID of our own is offered in .json's "Open with" list instead.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  WriteRegStr SHCTX "Software\Classes\DieselWorkbench.Workspace" "" "Diesel Workbench workspace"
  WriteRegStr SHCTX "Software\Classes\DieselWorkbench.Workspace\DefaultIcon" "" "$INSTDIR\bin\diesel-workbench.exe,0"
  WriteRegStr SHCTX "Software\Classes\DieselWorkbench.Workspace\shell\open\command" "" '"$INSTDIR\bin\diesel-workbench.exe" "%1"'
  WriteRegStr SHCTX "Software\Classes\.json\OpenWithProgids" "DieselWorkbench.Workspace" ""
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  DeleteRegValue SHCTX "Software\Classes\.json\OpenWithProgids" "DieselWorkbench.Workspace"
  DeleteRegKey SHCTX "Software\Classes\DieselWorkbench.Workspace"
]=])
