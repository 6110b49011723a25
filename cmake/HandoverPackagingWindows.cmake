# Windows packages (included by HandoverPackaging.cmake): one MSI and one ZIP with both programs in bin/, and
# next to them everything a PC without Qt, vcpkg or the Visual C++ redistributable needs to start them. The
# release workflow checks the result (packaging/windows/check-package.ps1).

# --- Installer (WiX): Start-menu entry, uninstall through Settings, upgrades replace older versions -------------
set(CPACK_WIX_UPGRADE_GUID "6C1B6A4E-2F0B-4A8E-9C55-3B7E1D0A9F21")
set(CPACK_WIX_PRODUCT_ICON "${HANDOVER_PACKAGING_DIR}/windows/handover.ico")
set(CPACK_WIX_PROGRAM_MENU_FOLDER "Handover")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")

# --- The console's icon and version in handover.exe -------------------------------------------------------------
configure_file("${HANDOVER_PACKAGING_DIR}/windows/handover.rc.in" "${PROJECT_BINARY_DIR}/packaging/handover.rc" @ONLY)
target_sources(handover PRIVATE "${PROJECT_BINARY_DIR}/packaging/handover.rc")

# --- Qt: windeployqt copies the Qt DLLs all three programs load into bin/ and the plug-ins into plugins/ --------
# (Qt 6.5 or newer: older deploy scripts know no ADDITIONAL_EXECUTABLES with NO_COMPILER_RUNTIME.) The compiler's
# runtime comes from InstallRequiredSystemLibraries below, not as windeployqt's redistributable installer.
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
    qt_generate_deploy_script(TARGET handover OUTPUT_SCRIPT handover_deploy_script CONTENT "
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:handover>\"
    ADDITIONAL_EXECUTABLES
        \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:handover-server>\"
        \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:handover-wa-sim>\"
    GENERATE_QT_CONF
    NO_COMPILER_RUNTIME)
")
    install(SCRIPT "${handover_deploy_script}" COMPONENT console)
    handover_install_sqlite_driver_only(plugins/sqldrivers)
else()
    message(WARNING "Qt ${Qt6_VERSION}: the Windows packages need Qt 6.5 or newer to carry Qt with them")
endif()

# --- The Visual C++ runtime (vcruntime140*.dll, msvcp140*.dll) next to the programs -----------------------------
# Windows 10 and 11 carry the Universal CRT themselves.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
set(CMAKE_INSTALL_SYSTEM_RUNTIME_COMPONENT console)
include(InstallRequiredSystemLibraries)
if(MSVC AND NOT CMAKE_INSTALL_SYSTEM_RUNTIME_LIBS)
    message(WARNING "The Visual C++ runtime DLLs were not found: the packages would need the redistributable")
endif()

# --- Other DLLs: libsodium and simdjson from vcpkg, QtKeychain (packaging/windows/install-dlls.cmake) ----------
# Each must be found exactly once, so builds for packages turn vcpkg's copies next to each program
# (VCPKG_APPLOCAL_DEPS) off.
set(HANDOVER_WIN_DLL_DIRS "" CACHE STRING "Folders with the non-Qt DLLs the programs load (vcpkg's bin, QtKeychain's bin)")
set(handover_dll_dirs "")
foreach(dir IN LISTS HANDOVER_WIN_DLL_DIRS)
    string(REPLACE "\\" "/" dir "${dir}")
    string(APPEND handover_dll_dirs " \"${dir}\"")
endforeach()
# dumpbin, beside the compiler, reads the DLLs a program imports.
get_filename_component(handover_compiler_dir "${CMAKE_CXX_COMPILER}" DIRECTORY)
find_program(HANDOVER_DUMPBIN dumpbin HINTS "${handover_compiler_dir}")
if(HANDOVER_DUMPBIN)
    install(CODE "
        set(CMAKE_GET_RUNTIME_DEPENDENCIES_TOOL dumpbin)
        set(CMAKE_GET_RUNTIME_DEPENDENCIES_COMMAND \"${HANDOVER_DUMPBIN}\")
    " COMPONENT console)
endif()
install(CODE "
    set(HANDOVER_PROGRAMS \"$<TARGET_FILE:handover>\" \"$<TARGET_FILE:handover-server>\"
        \"$<TARGET_FILE:handover-wa-sim>\")
    set(HANDOVER_DLL_DIRS ${handover_dll_dirs})
" COMPONENT console)
install(SCRIPT "${HANDOVER_PACKAGING_DIR}/windows/install-dlls.cmake" COMPONENT console)
