/*
 * DISM's last-error message, kept per thread as DismGetLastErrorMessage documents: a failure on
 * one thread never changes the message another thread reads.
 */
#ifndef DISMAPI_EMULATOR_LAST_ERROR_H
#define DISMAPI_EMULATOR_LAST_ERROR_H

#include "dismapi_abi.h"

/* Sets this thread's message from UTF-8 text (truncated past 4095 code units). */
void last_error_set(const char *utf8_message);

void last_error_clear(void);

/* This thread's message, zero-terminated; empty when there is none. */
DISM_PCWSTR last_error_get(size_t *length);

#endif
