/* DISM's own texts for the HRESULTs the emulator returns, used when a failure comes with no message. */
#ifndef DISMAPI_EMULATOR_MESSAGES_H
#define DISMAPI_EMULATOR_MESSAGES_H

#include "dismapi_abi.h"

/* The standard text for an HRESULT, or NULL when the emulator knows none. */
const char *standard_message(HRESULT result);

#endif
