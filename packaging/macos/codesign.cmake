# CPack pre-build script (macOS): signs Handover.app in CPack's staging folder, after macdeployqt and before
# the disk image is made, when HANDOVER_CODESIGN_IDENTITY names a Developer ID certificate in the keychain.
# Without it the app stays unsigned (local builds, CI runs without the signing secrets).
set(identity "$ENV{HANDOVER_CODESIGN_IDENTITY}")
if(identity STREQUAL "")
    message(STATUS "codesign: HANDOVER_CODESIGN_IDENTITY is not set; Handover.app stays unsigned")
    return()
endif()
file(GLOB_RECURSE bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.app")
list(FILTER bundles INCLUDE REGEX "\\.app$")
if(NOT bundles)
    message(FATAL_ERROR "codesign: no .app in ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(bundle IN LISTS bundles)
    # Hardened runtime and a secure timestamp are what notarization requires.
    execute_process(COMMAND codesign --force --deep --timestamp --options runtime
        --entitlements "${CPACK_HANDOVER_ENTITLEMENTS}" --sign "${identity}" "${bundle}"
        COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND codesign --verify --deep --strict --verbose=2 "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
