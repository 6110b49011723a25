# Project-wide compile settings, carried by one INTERFACE target that every target links.
add_library(handover_settings INTERFACE)
add_library(Handover::Settings ALIAS handover_settings)

target_compile_features(handover_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(handover_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    HANDOVER_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(handover_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(HANDOVER_WARNINGS_AS_ERRORS)
        target_compile_options(handover_settings INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(handover_settings INTERFACE /W4 /permissive- /utf-8)
    if(HANDOVER_WARNINGS_AS_ERRORS)
        target_compile_options(handover_settings INTERFACE /WX)
    endif()
endif()

include(Sanitizers)

set(CMAKE_AUTOMOC ON)
