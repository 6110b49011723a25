# Sanitizer builds, carried by Handover::Settings like every other compile setting.
#
# HANDOVER_SANITIZE (the asan preset): AddressSanitizer and UndefinedBehaviorSanitizer on every target; any
# undefined behaviour stops the process, so a test cannot pass over it.
#
# HANDOVER_FUZZ (the fuzz preset, clang only): the same sanitizers plus libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link) on everything that is compiled; the targets in tests/fuzz add libFuzzer's own
# main when they link. Qt comes from the system as it is, without instrumentation.
option(HANDOVER_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(HANDOVER_FUZZ "Configure only the libFuzzer targets of tests/fuzz (needs clang)" OFF)

set(_handover_sanitizers address,undefined)
if(HANDOVER_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "HANDOVER_FUZZ needs clang: configure with the fuzz preset (clang++-15).")
    endif()
    target_compile_options(handover_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()

if(HANDOVER_SANITIZE OR HANDOVER_FUZZ)
    # Frame pointers give the reports whole stacks.
    target_compile_options(handover_settings INTERFACE
        -fsanitize=${_handover_sanitizers} -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(handover_settings INTERFACE -fsanitize=${_handover_sanitizers})
endif()
if(HANDOVER_FUZZ)
    # A fuzzer's worth is its executions per second: optimise the instrumented code.
    target_compile_options(handover_settings INTERFACE -O1)
endif()
