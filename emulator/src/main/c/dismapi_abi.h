/*
 * The DismAPI ABI as dismapi.h (Windows ADK) declares it, for the emulator.
 *
 * Everything here must match DismApi.dll byte for byte: structs are packed to 1 byte,
 * enums are 4 bytes, strings are UTF-16LE (16-bit code units, never the platform's wchar_t,
 * which is 4 bytes on Linux and macOS), every function returns a 32-bit HRESULT.
 */
#ifndef DISMAPI_ABI_H
#define DISMAPI_ABI_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t HRESULT;
typedef uint16_t DISM_WCHAR; /* one UTF-16 code unit, as Windows' WCHAR */
typedef const DISM_WCHAR *DISM_PCWSTR;

/* WINAPI: stdcall matters only on 32-bit x86; every 64-bit ABI has one convention. */
#if defined(__i386__)
#define DISM_WINAPI __attribute__((stdcall))
#else
#define DISM_WINAPI
#endif

#define DISM_EXPORT __attribute__((visibility("default")))

/* enum DismLogLevel */
#define DismLogErrors 0
#define DismLogErrorsWarnings 1
#define DismLogErrorsWarningsInfo 2
#define DismLogErrorsWarningsInfoDebug 3 /* Windows 10 20H2 and later */

/* enum DismMountMode */
#define DismReadWrite 0
#define DismReadOnly 1

/* enum DismMountStatus */
#define DismMountStatusOk 0
#define DismMountStatusNeedsRemount 1
#define DismMountStatusInvalid 2

/* DismUnmountImage's Flags */
#define DISM_COMMIT_IMAGE 0x00000000
#define DISM_DISCARD_IMAGE 0x00000001

/* typedef void (CALLBACK *DISM_PROGRESS_CALLBACK)(UINT Current, UINT Total, PVOID UserData);
 * CALLBACK is stdcall on 32-bit x86, like WINAPI: a caller's callback must be declared so (in JNA,
 * a StdCallCallback), or the stack is unbalanced after every progress report. */
typedef void (DISM_WINAPI *DISM_PROGRESS_CALLBACK)(uint32_t Current, uint32_t Total, void *UserData);

#pragma pack(push, 1)
typedef struct DismMountedImageInfo {
    DISM_PCWSTR MountPath;
    DISM_PCWSTR ImageFilePath;
    uint32_t ImageIndex;  /* UINT */
    int32_t MountMode;    /* enum DismMountMode, 4 bytes */
    int32_t MountStatus;  /* enum DismMountStatus, 4 bytes */
} DismMountedImageInfo;

typedef struct DismString {
    DISM_PCWSTR Value;
} DismString;
#pragma pack(pop)

/* 28 bytes on 64-bit, 20 on 32-bit: natural alignment would give 32 and shift every later element. */
_Static_assert(sizeof(DismMountedImageInfo) == 2 * sizeof(void *) + 12, "DismMountedImageInfo must be packed");
_Static_assert(offsetof(DismMountedImageInfo, ImageIndex) == 2 * sizeof(void *), "ImageIndex offset");
_Static_assert(offsetof(DismMountedImageInfo, MountStatus) == 2 * sizeof(void *) + 8, "MountStatus offset");
_Static_assert(sizeof(DismString) == sizeof(void *), "DismString is one pointer");

/* HRESULTs. The DISMAPI_* values are from dismapi.h; the others are the usual Windows ones. */
#define S_OK ((HRESULT)0x00000000)
#define E_FAIL ((HRESULT)0x80004005)
#define E_INVALIDARG ((HRESULT)0x80070057)
#define DISMAPI_E_DISMAPI_NOT_INITIALIZED ((HRESULT)0xC0040001)
/* dismapi.h names DISMAPI_E_DISMAPI_ALREADY_INITIALIZED but gives no value; this is the emulator's
 * default: HRESULT_FROM_WIN32(ERROR_ALREADY_INITIALIZED). The state file's '@already-initialized
 * <0xHRESULT>' replaces it, so that tests can prove dismagent right whatever the real value is. */
#define EMULATOR_E_ALREADY_INITIALIZED ((HRESULT)0x800704DF)

#endif
