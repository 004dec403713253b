#include "utf16.h"

#include <stdlib.h>

static long put_code_point(uint32_t cp, DISM_WCHAR *out, long at) {
    if (cp < 0x10000) {
        if (out) out[at] = (DISM_WCHAR)cp;
        return 1;
    }
    cp -= 0x10000;
    if (out) {
        out[at] = (DISM_WCHAR)(0xD800 + (cp >> 10));
        out[at + 1] = (DISM_WCHAR)(0xDC00 + (cp & 0x3FF));
    }
    return 2;
}

long utf8_to_utf16(const char *in, size_t n, DISM_WCHAR *out) {
    const unsigned char *s = (const unsigned char *)in;
    long units = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t extra;
        unsigned char b = s[i];
        if (b < 0x80) {
            cp = b;
            extra = 0;
        } else if (b >= 0xC2 && b <= 0xDF) {
            cp = b & 0x1F;
            extra = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            cp = b & 0x0F;
            extra = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            cp = b & 0x07;
            extra = 3;
        } else {
            return -1;
        }
        if (i + extra >= n && extra > 0) return -1; /* truncated sequence */
        for (size_t k = 1; k <= extra; k++) {
            unsigned char c = s[i + k];
            if ((c & 0xC0) != 0x80) return -1;
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return -1;
        if (cp >= 0xD800 && cp <= 0xDFFF) return -1;
        units += put_code_point(cp, out, units);
        i += extra + 1;
    }
    return units;
}

size_t utf16_length(DISM_PCWSTR s) {
    size_t n = 0;
    while (s[n] != 0) n++;
    return n;
}

static size_t put_utf8(uint32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

char *utf16_to_utf8(DISM_PCWSTR s) {
    size_t n = utf16_length(s);
    char *out = malloc(n * 3 + 1); /* a code unit never takes more than 3 UTF-8 bytes */
    if (!out) return NULL;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            i++;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        at += put_utf8(cp, out + at);
    }
    out[at] = 0;
    return out;
}

static DISM_WCHAR ascii_fold(DISM_WCHAR c) {
    return (c >= 'a' && c <= 'z') ? (DISM_WCHAR)(c - 'a' + 'A') : c;
}

int utf16_path_equals(DISM_PCWSTR a, const DISM_WCHAR *b, size_t b_length) {
    size_t i = 0;
    for (; i < b_length; i++) {
        if (a[i] == 0 || ascii_fold(a[i]) != ascii_fold(b[i])) return 0;
    }
    return a[i] == 0;
}
