#include "last_error.h"

#include <string.h>

#include "utf16.h"

#define MESSAGE_CAPACITY 4096

/* Thread-local storage, not heap: nothing to free when a thread ends. */
static __thread DISM_WCHAR message[MESSAGE_CAPACITY];
static __thread size_t message_length;

void last_error_set(const char *utf8_message) {
    size_t n = strlen(utf8_message);
    long units = utf8_to_utf16(utf8_message, n, NULL);
    if (units < 0) {
        static const char fallback[] = "(the emulator's message was not valid UTF-8)";
        utf8_message = fallback;
        n = sizeof fallback - 1;
        units = (long)n;
    }
    /* Shorten byte by byte until it fits, so that a multi-byte character is never split. */
    while (units >= MESSAGE_CAPACITY) {
        n--;
        units = utf8_to_utf16(utf8_message, n, NULL);
        if (units < 0) units = MESSAGE_CAPACITY;
    }
    utf8_to_utf16(utf8_message, n, message);
    message[units] = 0;
    message_length = (size_t)units;
}

void last_error_clear(void) {
    message[0] = 0;
    message_length = 0;
}

DISM_PCWSTR last_error_get(size_t *length) {
    *length = message_length;
    return message;
}
