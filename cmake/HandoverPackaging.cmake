# Installed files beyond the executables, and the CPack packages built from them (scripts/package).
# Two components: `console` (handover and its desktop integration) and `server` (handover-server,
# handover-wa-sim, the service files). Every version below comes from project(VERSION). Windows and macOS have
# their own files: HandoverPackagingWindows.cmake and HandoverPackagingMacOS.cmake.
include(GNUInstallDirs)

set(HANDOVER_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")
set(HANDOVER_RESOURCES_DIR "${PROJECT_SOURCE_DIR}/resources")
set(HANDOVER_APP_ID "io.handover.Handover")
set(HANDOVER_ICON_SIZES 16 22 24 32 48 64 128 256)

# The release date in the AppStream file is the configure date, or SOURCE_DATE_EPOCH for reproducible builds.
string(TIMESTAMP HANDOVER_RELEASE_DATE "%Y-%m-%d" UTC)
configure_file("${HANDOVER_RESOURCES_DIR}/linux/${HANDOVER_APP_ID}.metainfo.xml"
    "${PROJECT_BINARY_DIR}/packaging/${HANDOVER_APP_ID}.metainfo.xml" @ONLY)

# --- CPack -----------------------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME "handover")
set(CPACK_PACKAGE_VENDOR "Handover contributors")
set(CPACK_PACKAGE_CONTACT "Handover maintainers <maintainers@handover.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Handover")
set(CPACK_PACKAGE_EXECUTABLES "handover" "Handover")
set(CPACK_RESOURCE_FILE_LICENSE "${HANDOVER_PACKAGING_DIR}/copyright.txt")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL console server)
set(CPACK_COMPONENT_CONSOLE_DISPLAY_NAME "Handover console")
set(CPACK_COMPONENT_CONSOLE_DESCRIPTION "The agent and supervisor console, with a local demo mode")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Handover server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "The API, sync and WhatsApp channel server, and the WhatsApp simulator")
set(CPACK_PROJECT_CONFIG_FILE "${PROJECT_BINARY_DIR}/packaging/HandoverCPackOptions.cmake")
configure_file("${HANDOVER_PACKAGING_DIR}/HandoverCPackOptions.cmake.in" "${CPACK_PROJECT_CONFIG_FILE}" @ONLY)

if(WIN32)
    set(CPACK_GENERATOR WIX ZIP)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
else()
    set(CPACK_GENERATOR TGZ DEB)
    find_program(HANDOVER_RPMBUILD rpmbuild)
    if(HANDOVER_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()
endif()

# Each package's own summary (first line) and description. The Debian one is taken whole: the shared
# CPACK_PACKAGE_DESCRIPTION_SUMMARY is kept out of the .debs in packaging/HandoverCPackOptions.cmake.in.
set(HANDOVER_CONSOLE_SUMMARY "agent console for WhatsApp Business chat automation")
set(HANDOVER_CONSOLE_DESCRIPTION "Handover is the desktop console of a WhatsApp Business chat service: agents
answer the chatrooms that automation hands over to them, supervisors watch and
reassign them. Without a server it starts a local demo with simulated
customers.")
set(HANDOVER_SERVER_SUMMARY "server for Handover, the WhatsApp Business agent console")
set(HANDOVER_SERVER_DESCRIPTION "handover-server is the HTTP API for automation, the sync server of the
consoles, the WhatsApp Cloud API channel and the org webhook relay, with its
data in SQLite. The package runs it as a systemd service and ships an nginx
site for TLS, and handover-wa-sim, a local simulator of the Cloud API.")
foreach(component IN ITEMS CONSOLE SERVER)
    set(CPACK_DEBIAN_${component}_DESCRIPTION
        "${HANDOVER_${component}_SUMMARY}\n${HANDOVER_${component}_DESCRIPTION}")
    set(CPACK_RPM_${component}_PACKAGE_SUMMARY "${HANDOVER_${component}_SUMMARY}")
    set(CPACK_RPM_${component}_PACKAGE_DESCRIPTION "${HANDOVER_${component}_DESCRIPTION}")
endforeach()

# --- Debian: one package per component, dependencies from dpkg-shlibdeps plus the Qt plugins it cannot see ------
set(HANDOVER_DEB_DIR "${HANDOVER_PACKAGING_DIR}/linux/deb")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME "handover")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "handover-server")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${HANDOVER_DEB_DIR}/handover-server/conffiles;${HANDOVER_DEB_DIR}/handover-server/postinst;${HANDOVER_DEB_DIR}/handover-server/prerm;${HANDOVER_DEB_DIR}/handover-server/postrm")

# --- RPM: the same two packages, built where rpmbuild exists --------------------------------------------------
set(HANDOVER_RPM_DIR "${HANDOVER_PACKAGING_DIR}/linux/rpm")
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_LICENSE "Apache-2.0")
set(CPACK_RPM_PACKAGE_GROUP "Applications/Internet")
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_RELOCATABLE OFF)
# No /usr/lib/.build-id links: both packages would own the same folders there.
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
set(CPACK_RPM_CONSOLE_PACKAGE_NAME "handover")
set(CPACK_RPM_SERVER_PACKAGE_NAME "handover-server")
set(CPACK_RPM_SERVER_PACKAGE_REQUIRES_PRE "shadow-utils")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) %attr(0640,root,root) /etc/handover/server.env")
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE "${HANDOVER_RPM_DIR}/server-post.sh")
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE "${HANDOVER_RPM_DIR}/server-preun.sh")
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE "${HANDOVER_RPM_DIR}/server-postun.sh")
# Directories owned by the filesystem, systemd, hicolor-icon-theme and the like, not by these packages.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /etc /usr/lib/systemd /usr/lib/systemd/system /usr/share/applications /usr/share/metainfo
    /usr/share/icons /usr/share/icons/hicolor)
foreach(size IN LISTS HANDOVER_ICON_SIZES)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        "/usr/share/icons/hicolor/${size}x${size}" "/usr/share/icons/hicolor/${size}x${size}/apps")
endforeach()
list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)

if(UNIX AND NOT APPLE)
    # Settings belong in /etc even though the packages' prefix is /usr.
    set(HANDOVER_SYSCONF_DESTINATION "/etc")

    # Console: desktop entry, AppStream metadata, hicolor icons.
    install(FILES "${HANDOVER_RESOURCES_DIR}/linux/handover.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" COMPONENT console)
    install(FILES "${PROJECT_BINARY_DIR}/packaging/${HANDOVER_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo" COMPONENT console)
    install(FILES "${HANDOVER_RESOURCES_DIR}/icons/handover.svg"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" COMPONENT console)
    foreach(size IN LISTS HANDOVER_ICON_SIZES)
        install(FILES "${HANDOVER_RESOURCES_DIR}/icons/hicolor/${size}x${size}/handover.png"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps" COMPONENT console)
    endforeach()

    # Server: systemd unit, default settings (absolute: /etc even when the prefix is /usr), nginx site to
    # copy and edit, the operations guide the unit's Documentation= points at.
    install(FILES "${HANDOVER_PACKAGING_DIR}/linux/systemd/handover-server.service"
        DESTINATION "lib/systemd/system" COMPONENT server)
    install(FILES "${HANDOVER_PACKAGING_DIR}/linux/server.env"
        DESTINATION "${HANDOVER_SYSCONF_DESTINATION}/handover"
        COMPONENT server)
    install(FILES "${HANDOVER_PACKAGING_DIR}/linux/nginx/handover.conf"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/handover-server/nginx" COMPONENT server)
    install(FILES "${PROJECT_SOURCE_DIR}/docs/operations.md" "${PROJECT_SOURCE_DIR}/docs/install.md"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/handover-server" COMPONENT server)

    # Debian wants a copyright file and a compressed changelog in each package's doc directory.
    string(TIMESTAMP HANDOVER_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
    foreach(component IN ITEMS console server)
        string(TOUPPER "${component}" upper)
        set(HANDOVER_DEB_PACKAGE "${CPACK_DEBIAN_${upper}_PACKAGE_NAME}")
        set(doc "${PROJECT_BINARY_DIR}/packaging/doc/${HANDOVER_DEB_PACKAGE}")
        file(MAKE_DIRECTORY "${doc}")
        configure_file("${HANDOVER_PACKAGING_DIR}/linux/changelog.Debian.in" "${doc}/changelog.Debian" @ONLY)
        execute_process(COMMAND gzip -9nf "${doc}/changelog.Debian" COMMAND_ERROR_IS_FATAL ANY)
        install(FILES "${doc}/changelog.Debian.gz"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${HANDOVER_DEB_PACKAGE}" COMPONENT ${component})
        install(FILES "${HANDOVER_PACKAGING_DIR}/copyright.txt" RENAME copyright
            DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${HANDOVER_DEB_PACKAGE}" COMPONENT ${component})
    endforeach()
endif()

# --- Windows and macOS: their own files ----------------------------------------------------------------------
# Of the SQL drivers Qt's deploy tools copy into DIR (relative to the installation), keeps only SQLite's: the
# others need client libraries (libpq, Mimer SQL) that the packages do not carry.
function(handover_install_sqlite_driver_only dir)
    install(CODE "
        file(GLOB drivers \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${dir}/*\")
        list(FILTER drivers EXCLUDE REGEX \"/(lib)?qsqlite[.](dll|dylib)$\")
        if(drivers)
            file(REMOVE \${drivers})
        endif()
    " COMPONENT console)
endfunction()

if(WIN32)
    include(HandoverPackagingWindows)
elseif(APPLE)
    include(HandoverPackagingMacOS)
endif()

include(CPack)
