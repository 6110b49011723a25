# CPack pre-build script (macOS): signs Handover.app in CPack's staging folder after macdeployqt and
# install_name_tool have changed its binaries, and before the disk image is made. The signature goes inside out:
# loose libraries and plug-ins, then frameworks, then the programs beside the main one, then the bundle (which
# seals the main program, Info.plist and the resources).
#
# With HANDOVER_CODESIGN_IDENTITY (a "Developer ID Application" certificate in the keychain) every part gets the
# hardened runtime and a secure timestamp, as notarization requires. Without it (local builds, a release
# workflow without the signing secrets) the bundle is signed ad hoc: Apple Silicon runs no code without a
# valid signature, and changing a binary breaks the one the linker gave it.
set(identity "$ENV{HANDOVER_CODESIGN_IDENTITY}")
if(identity STREQUAL "")
    message(STATUS "codesign: HANDOVER_CODESIGN_IDENTITY is not set; signing ad hoc")
    set(sign codesign --force --sign -)
    set(entitlements "")
else()
    message(STATUS "codesign: signing with ${identity}")
    set(sign codesign --force --timestamp --options runtime --sign "${identity}")
    set(entitlements --entitlements "${CPACK_HANDOVER_ENTITLEMENTS}")
endif()

function(handover_sign path)
    execute_process(COMMAND ${sign} ${ARGN} "${path}" COMMAND_ERROR_IS_FATAL ANY)
endfunction()

file(GLOB_RECURSE bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.app")
list(FILTER bundles INCLUDE REGEX "\\.app$")
if(NOT bundles)
    message(FATAL_ERROR "codesign: no .app in ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(bundle IN LISTS bundles)
    set(contents "${bundle}/Contents")

    file(GLOB_RECURSE libraries "${contents}/Frameworks/*.dylib" "${contents}/PlugIns/*.dylib")
    list(FILTER libraries EXCLUDE REGEX "\\.framework/")
    foreach(library IN LISTS libraries)
        if(NOT IS_SYMLINK "${library}")
            handover_sign("${library}")
        endif()
    endforeach()

    file(GLOB frameworks LIST_DIRECTORIES true "${contents}/Frameworks/*.framework")
    foreach(framework IN LISTS frameworks)
        handover_sign("${framework}")
    endforeach()

    # The main program is the bundle's name; the bundle's own signature covers it.
    get_filename_component(main "${bundle}" NAME_WE)
    file(GLOB programs "${contents}/MacOS/*")
    foreach(program IN LISTS programs)
        get_filename_component(name "${program}" NAME)
        if(NOT name STREQUAL main)
            handover_sign("${program}" ${entitlements})
        endif()
    endforeach()

    handover_sign("${bundle}" ${entitlements})
    execute_process(COMMAND codesign --verify --deep --strict --verbose=2 "${bundle}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
