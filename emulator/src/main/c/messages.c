#include "messages.h"

/* Texts from dismapi.h and DismApi.dll's message table, and from Windows for the generic codes. */
static const struct {
    uint32_t result;
    const char *text;
} messages[] = {
    {0xC0040001u, "DISM API was not initialized for this process."},
    {0xC0040002u, "A DismSession was being shutdown when another operation was called on it."},
    {0xC0040003u, "A DismShutdown was called while there were open DismSession handles."},
    {0xC0040004u, "An invalid DismSession handle was passed into a DISMAPI function."},
    {0xC0040005u, "An invalid image index was specified."},
    {0xC0040006u, "An invalid image name was specified."},
    {0xC0040007u, "An image that is not a mounted WIM or mounted VHD was attempted to be unmounted."},
    {0xC0040009u, "Failed to gain access to the log file user specified. Logging has been disabled."},
    {0xC004000Au, "A DismSession with open handles was attempted to be unmounted."},
    {0xC004000Bu, "A DismSession with open handles was attempted to be mounted."},
    {0xC004000Cu, "A DismSession with open handles was attempted to be remounted."},
    {0xC1510114u, "The image needs to be remounted before any servicing operation."},
    {0x800F0902u, "The current package and feature servicing infrastructure is busy. Wait a bit and try the operation again."},
    {0x800702E4u, "The requested operation requires elevation."},
    {0x800704DFu, "An attempt was made to perform an initialization operation when initialization has already been completed."},
    {0x80070057u, "The parameter is incorrect."},
    {0x80004005u, "Unspecified error"},
    {0xC1420117u, "The directory could not be completely unmounted. This is usually due to applications that still have files "
                  "opened within the mount directory. Close these files and unmount again to complete the unmount process."},
    {0xC1420127u, "The specified image in the specified wim is already mounted for read/write access."},
};

const char *standard_message(HRESULT result) {
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++) {
        if (messages[i].result == (uint32_t)result) return messages[i].text;
    }
    return NULL;
}
