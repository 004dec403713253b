/*
 * The call trace: when DISMAPI_EMULATOR_TRACE names a file, every call appends
 * "<epoch-millis>\t<FunctionName>\t<0xHRESULT>\n" to it.
 */
#ifndef DISMAPI_EMULATOR_TRACE_H
#define DISMAPI_EMULATOR_TRACE_H

#include "dismapi_abi.h"

void trace_call(const char *function, HRESULT result);

#endif
