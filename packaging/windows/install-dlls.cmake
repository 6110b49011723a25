# Install script (Windows): copies into bin/ the DLLs that the programs load and that neither Windows nor
# windeployqt (Qt) nor InstallRequiredSystemLibraries (the Visual C++ runtime) provide: libsodium and simdjson
# from vcpkg, and QtKeychain. cmake/HandoverPackagingWindows.cmake sets HANDOVER_PROGRAMS (the built programs) and
# HANDOVER_DLL_DIRS (where those DLLs are) before it runs.
#
# Every DLL must come from exactly one place: a second copy (vcpkg's next to each program when
# VCPKG_APPLOCAL_DEPS is on) stops the packaging here instead of shipping whichever was found first.
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${HANDOVER_PROGRAMS}
    DIRECTORIES ${HANDOVER_DLL_DIRS}
    RESOLVED_DEPENDENCIES_VAR resolved
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    CONFLICTING_DEPENDENCIES_PREFIX conflicting
    # Names are matched in lower case. qt6keychain.dll is not one of Qt's own DLLs.
    PRE_INCLUDE_REGEXES [[^qt6keychain]]
    PRE_EXCLUDE_REGEXES [[^api-ms-]] [[^ext-ms-]] [[^qt6]] [[^vcruntime]] [[^msvcp]] [[^concrt]])

if(unresolved)
    message(FATAL_ERROR "install-dlls: not found in ${HANDOVER_DLL_DIRS}: ${unresolved}")
endif()
foreach(name IN LISTS conflicting_FILENAMES)
    message(FATAL_ERROR "install-dlls: ${name} is in more than one folder: ${conflicting_${name}}")
endforeach()

file(TO_CMAKE_PATH "$ENV{SystemRoot}" system_root)
string(TOLOWER "${system_root}/" system_root)
set(dlls "")
foreach(dll IN LISTS resolved)
    string(TOLOWER "${dll}" path)
    string(FIND "${path}" "${system_root}" at)
    if(at EQUAL 0)
        continue() # Windows' own
    endif()
    set(known FALSE)
    foreach(dir IN LISTS HANDOVER_DLL_DIRS)
        string(TOLOWER "${dir}/" dir)
        string(FIND "${path}" "${dir}" at)
        if(at EQUAL 0)
            set(known TRUE)
        endif()
    endforeach()
    if(NOT known)
        message(FATAL_ERROR "install-dlls: ${dll} comes from outside ${HANDOVER_DLL_DIRS}")
    endif()
    list(APPEND dlls "${dll}")
endforeach()
message(STATUS "install-dlls: ${dlls}")
file(INSTALL ${dlls} DESTINATION "${CMAKE_INSTALL_PREFIX}/bin")
