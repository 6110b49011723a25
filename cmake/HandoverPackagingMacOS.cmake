# macOS package (included by HandoverPackaging.cmake): a disk image with Handover.app, which carries the console,
# handover-server and handover-wa-sim in Contents/MacOS and everything they load in Contents/Frameworks and
# Contents/PlugIns. packaging/macos/codesign.cmake signs it before the image is made; the release workflow
# checks the image (packaging/macos/check-dmg). The oldest macOS it runs on is CMAKE_OSX_DEPLOYMENT_TARGET
# (CMakeLists.txt), which Info.plist repeats.
set(HANDOVER_BUNDLE "Handover.app")

# --- The bundle: Info.plist, icon, and the programs next to the console ----------------------------------------
set(HANDOVER_ICNS "${HANDOVER_PACKAGING_DIR}/macos/handover.icns")
target_sources(handover PRIVATE "${HANDOVER_ICNS}")
# Source properties belong to the directory of the target that uses them, not to this one.
set_source_files_properties("${HANDOVER_ICNS}" TARGET_DIRECTORY handover PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
set_target_properties(handover PROPERTIES
    OUTPUT_NAME Handover
    MACOSX_BUNDLE_INFO_PLIST "${HANDOVER_PACKAGING_DIR}/macos/Info.plist.in"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${HANDOVER_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME "Handover"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE "handover.icns")
# Installed programs find Qt and the other libraries in the bundle's Frameworks folder.
set_target_properties(handover handover-server handover-wa-sim PROPERTIES
    INSTALL_RPATH "@executable_path/../Frameworks")
install(TARGETS handover-server handover-wa-sim
    RUNTIME DESTINATION "${HANDOVER_BUNDLE}/Contents/MacOS" COMPONENT console)
install(FILES "${HANDOVER_PACKAGING_DIR}/copyright.txt"
    DESTINATION "${HANDOVER_BUNDLE}/Contents/Resources" COMPONENT console)

# --- Qt and the other libraries: macdeployqt copies them into the bundle for all three programs ------------------
# (Qt 6.5 or newer, as on Windows.) Libraries outside Qt must have absolute install names for it to find them:
# Homebrew's (libsodium, simdjson) do, and the release workflow builds QtKeychain so.
if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
    qt_generate_deploy_script(TARGET handover OUTPUT_SCRIPT handover_deploy_script CONTENT "
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${HANDOVER_BUNDLE}\"
    ADDITIONAL_EXECUTABLES
        \"${HANDOVER_BUNDLE}/Contents/MacOS/$<TARGET_FILE_NAME:handover-server>\"
        \"${HANDOVER_BUNDLE}/Contents/MacOS/$<TARGET_FILE_NAME:handover-wa-sim>\")
")
    install(SCRIPT "${handover_deploy_script}" COMPONENT console)
    handover_install_sqlite_driver_only(${HANDOVER_BUNDLE}/Contents/PlugIns/sqldrivers)
else()
    message(WARNING "Qt ${Qt6_VERSION}: the macOS disk image needs Qt 6.5 or newer to carry Qt with it")
endif()

# --- Disk image: the bundle and a link to /Applications, without a licence prompt ------------------------------
set(CPACK_DMG_VOLUME_NAME "Handover")
set(CPACK_DMG_FORMAT "UDZO")
# The licence prompt needs tools Apple has deprecated; the licence is in Contents/Resources/copyright.txt.
set(CPACK_DMG_SLA_USE_RESOURCE_FILE_LICENSE OFF)
set(CPACK_HANDOVER_ENTITLEMENTS "${HANDOVER_PACKAGING_DIR}/macos/entitlements.plist")
set(CPACK_PRE_BUILD_SCRIPTS "${HANDOVER_PACKAGING_DIR}/macos/codesign.cmake")
