/*
 * The structures the emulator hands out. DismDelete accepts exactly the pointers that a DismAPI
 * function returned and not yet deleted; anything else (NULL, a second delete, a pointer from
 * elsewhere) is refused with E_INVALIDARG, so that a binding's double free shows up in tests.
 */
#ifndef DISMAPI_EMULATOR_ALLOCATIONS_H
#define DISMAPI_EMULATOR_ALLOCATIONS_H

#include <stddef.h>

/* Zeroed memory of at least size bytes (never NULL for size 0), registered for DismDelete. */
void *allocation_new(size_t size);

/*
 * Releases a registered allocation and returns 1, or returns 0 if p is not one. The memory is
 * overwritten before it is freed, so that a caller who reads it after DismDelete sees garbage
 * instead of plausible data.
 */
int allocation_release(void *p);

#endif
