# Where `make install` / `cmake --install` puts the kiosk: the layout the Debian package ships
# (packaging/debian) and the binary expects. Included from the top-level CMakeLists.txt:
#
#   include(packaging/install.cmake)
#
# or, before that line exists, through -DCMAKE_PROJECT_INCLUDE=<this file> (packaging/build-debs
# does that), which is why the rules are deferred to the end of the top-level directory: the
# kiosk target does not exist yet when a project include runs.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(kiosk_install_rules)
    # The binary looks for /usr/share/kiosk/fonts (kiosk/text/fonts.c) when KIOSK_FONTS_DIR is
    # unset and it does not run from the source tree, so the data dir is share/kiosk under the
    # prefix, and the package's prefix is /usr.
    set(data "${CMAKE_INSTALL_DATADIR}/kiosk")
    install(TARGETS kiosk RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/fonts/" DESTINATION "${data}/fonts"
            FILES_MATCHING PATTERN "*.ttf" PATTERN "LICENSE-OFL.txt" PATTERN "SHA256SUMS")
    # Demo content, the initial show: each playlists/<city> folder holds its own media (a
    # playlist's files lie inside its folder), so the top-level media/ is not installed.
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/playlists/" DESTINATION "${data}/playlists")
    # `kiosk new` copies a template from /usr/share/kiosk/templates (kiosk/cli/cmd_new.c).
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/templates/" DESTINATION "${data}/templates")
    # `kiosk studio` serves its page from /usr/share/kiosk/studio (kiosk/studio/server.c); the
    # drag-and-drop list comes from Debian's libjs-sortable, not from here.
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/kiosk/studio/web/" DESTINATION "${data}/studio")
endfunction()

cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL kiosk_install_rules)
