/* UTF-8 <-> UTF-16LE conversion and comparison for the emulator's strings. */
#ifndef DISMAPI_EMULATOR_UTF16_H
#define DISMAPI_EMULATOR_UTF16_H

#include "dismapi_abi.h"

/*
 * Decodes n bytes of UTF-8. Returns the number of UTF-16 code units it takes, or -1 if the bytes
 * are not well-formed UTF-8 (overlong forms, encoded surrogates and values past U+10FFFF
 * included). When out is not NULL the code units are written there (no terminator).
 */
long utf8_to_utf16(const char *in, size_t n, DISM_WCHAR *out);

/* Number of code units before the terminating zero. */
size_t utf16_length(DISM_PCWSTR s);

/* A malloc'd UTF-8 copy of a zero-terminated UTF-16 string; unpaired surrogates become U+FFFD. */
char *utf16_to_utf8(DISM_PCWSTR s);

/* Windows path equality as the file system sees it: ASCII letters compare case-insensitively. */
int utf16_path_equals(DISM_PCWSTR a, const DISM_WCHAR *b, size_t b_length);

#endif
