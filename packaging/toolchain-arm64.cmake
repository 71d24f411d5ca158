# Cross build for Raspberry Pi OS arm64 on Debian x86-64 with multiarch
# (crossbuild-essential-arm64 and the :arm64 -dev packages; packaging/ci-arm64.sh --deps).
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-arm64.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# pkg-config must see only the arm64 .pc files (and the arch-independent ones).
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# ctest runs the test programs through qemu; the arm64 loader and libraries are the multiarch
# ones in /lib/aarch64-linux-gnu, so no -L sysroot is needed.
find_program(KIOSK_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(KIOSK_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${KIOSK_QEMU_AARCH64}")
endif()
