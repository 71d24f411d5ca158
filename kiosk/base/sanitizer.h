#ifndef KIOSK_BASE_SANITIZER_H
#define KIOSK_BASE_SANITIZER_H

/* KIOSK_UNDER_SANITIZER is 1 in a build with AddressSanitizer or ThreadSanitizer (gcc and clang
 * say so differently). Both reserve terabytes of address space for their shadow memory, which
 * a limit on address space (RLIMIT_AS) would forbid, and both inflate the memory a process
 * uses (shadow, quarantine), so that peaks measured in tests mean nothing there. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KIOSK_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KIOSK_UNDER_SANITIZER 1
#endif
#endif
#ifndef KIOSK_UNDER_SANITIZER
#define KIOSK_UNDER_SANITIZER 0
#endif

#endif
