/*
 * The DismAPI emulator: the eight DismApi.dll functions that dismagent calls, with the same C ABI,
 * over a mount table kept in a text file (see state_file.h). A test and demo double, not DISM.
 *
 * Every call: reads the state file, sleeps for an injected @delay (DismUnmountImage spreads it over its
 * progress), fails with an injected @fail,
 * otherwise does its work; then appends a line to the trace. As DISM documents, the last-error
 * message is per thread and DismShutdown, DismDelete and DismGetLastErrorMessage neither set nor
 * clear it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "allocations.h"
#include "dismapi_abi.h"
#include "last_error.h"
#include "messages.h"
#include "state_file.h"
#include "trace.h"
#include "utf16.h"

/* DismInitialize's state is per process, as DISM's is. */
static pthread_mutex_t api_lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized;
static char *dism_log_path; /* DismInitialize's LogFilePath, as UTF-8 */

/* Serialises the read-modify-write of calls that change the mount table. */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct call {
    const char *function;
    int keeps_last_error; /* DismShutdown, DismDelete, DismGetLastErrorMessage */
    mount_table table;
    HRESULT result;
} call;

static int is_initialized(void) {
    pthread_mutex_lock(&api_lock);
    int value = initialized;
    pthread_mutex_unlock(&api_lock);
    return value;
}

/* Appends a line to the DISM log named at DismInitialize, as DISM logs its failures. */
static void dism_log(const char *function, HRESULT result, const char *message) {
    pthread_mutex_lock(&api_lock);
    if (dism_log_path) {
        FILE *f = fopen(dism_log_path, "a");
        if (f) {
            time_t now = time(NULL);
            struct tm utc;
            gmtime_r(&now, &utc);
            char stamp[32];
            strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &utc);
            fprintf(f, "%s, %s DISM API: %s: 0x%08X %s\n", stamp, result < 0 ? "Error  " : "Info   ", function,
                    (unsigned)result, message);
            fclose(f);
        }
    }
    pthread_mutex_unlock(&api_lock);
}

static HRESULT fail(call *c, HRESULT result, const char *format, ...) {
    char message[8192];
    if (format) {
        va_list args;
        va_start(args, format);
        vsnprintf(message, sizeof message, format, args);
        va_end(args);
    } else {
        const char *standard = standard_message(result);
        if (standard) {
            snprintf(message, sizeof message, "%s", standard);
        } else {
            snprintf(message, sizeof message, "Error 0x%08X.", (unsigned)result);
        }
    }
    c->result = result;
    if (!c->keeps_last_error) last_error_set(message);
    dism_log(c->function, result, message);
    return result;
}

static void sleep_milliseconds(long ms) {
    struct timespec remaining = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&remaining, &remaining) != 0 && errno == EINTR) {
    }
}

/*
 * Reads the state file and applies the injections. Returns 1 when the call should go on.
 * DismDelete and DismGetLastErrorMessage go on with an empty table when the file is malformed,
 * so that a caller can still free what it holds and read why the previous call failed.
 */
static int begin(call *c, const char *function, int keeps_last_error) {
    memset(c, 0, sizeof *c);
    c->function = function;
    c->keeps_last_error = keeps_last_error;
    char error[1024] = "";
    if (mount_table_load(&c->table, error, sizeof error) != 0) {
        /* Also on stderr: a broken state file is a test author's mistake, and DismInitialize's
         * message cannot be read while DISM is not initialised. */
        fprintf(stderr, "%s (in %s)\n", error, function);
        int tolerant = strcmp(function, "DismDelete") == 0 || strcmp(function, "DismGetLastErrorMessage") == 0;
        if (!tolerant) {
            fail(c, E_FAIL, "%s", error);
            return 0;
        }
    }
    long delay = strcmp(function, "DismUnmountImage") == 0 ? 0 : mount_table_delay(&c->table, function);
    if (delay > 0) sleep_milliseconds(delay);
    const injected_failure *injected = mount_table_failure(&c->table, function);
    if (injected) {
        if (injected->message.length > 0) {
            fail(c, injected->result, "%.*s", (int)injected->message.length, injected->message.start);
        } else {
            fail(c, injected->result, NULL);
        }
        return 0;
    }
    if (strcmp(function, "DismInitialize") != 0 && !is_initialized()) {
        fail(c, DISMAPI_E_DISMAPI_NOT_INITIALIZED, NULL);
        return 0;
    }
    return 1;
}

static HRESULT finish(call *c) {
    if (c->result >= 0 && !c->keeps_last_error) last_error_clear();
    trace_call(c->function, c->result);
    mount_table_free(&c->table);
    return c->result;
}

static void copy_string(DISM_WCHAR **cursor, text_span utf8, long units, DISM_PCWSTR *field) {
    if (units == 0) {
        *field = NULL; /* an empty field in the state file is a NULL pointer */
        return;
    }
    utf8_to_utf16(utf8.start, utf8.length, *cursor);
    (*cursor)[units] = 0;
    *field = *cursor;
    *cursor += units + 1;
}

DISM_EXPORT HRESULT DISM_WINAPI DismInitialize(int32_t LogLevel, DISM_PCWSTR LogFilePath, DISM_PCWSTR ScratchDirectory) {
    call c;
    if (begin(&c, "DismInitialize", 0)) {
        if (LogLevel < DismLogErrors || LogLevel > DismLogErrorsWarningsInfoDebug) {
            fail(&c, E_INVALIDARG, "LogLevel %d is not a DismLogLevel (0 to 3).", LogLevel);
        } else {
            pthread_mutex_lock(&api_lock);
            int already = initialized;
            if (!already) {
                initialized = 1;
                dism_log_path = LogFilePath ? utf16_to_utf8(LogFilePath) : NULL;
            }
            pthread_mutex_unlock(&api_lock);
            if (already) {
                HRESULT code = c.table.already_initialized ? c.table.already_initialized : EMULATOR_E_ALREADY_INITIALIZED;
                fail(&c, code, "DismInitialize was already called by this process without DismShutdown.");
            } else {
                char *scratch = ScratchDirectory ? utf16_to_utf8(ScratchDirectory) : NULL;
                char detail[4200];
                snprintf(detail, sizeof detail, "LogLevel=%d ScratchDirectory=%s", LogLevel, scratch ? scratch : "(default)");
                free(scratch);
                dism_log("DismInitialize", S_OK, detail);
            }
        }
    }
    return finish(&c);
}

DISM_EXPORT HRESULT DISM_WINAPI DismShutdown(void) {
    call c;
    if (begin(&c, "DismShutdown", 1)) {
        dism_log("DismShutdown", S_OK, "");
        pthread_mutex_lock(&api_lock);
        initialized = 0;
        free(dism_log_path);
        dism_log_path = NULL;
        pthread_mutex_unlock(&api_lock);
    }
    return finish(&c);
}

DISM_EXPORT HRESULT DISM_WINAPI DismGetMountedImageInfo(DismMountedImageInfo **MountedImageInfo, uint32_t *Count) {
    if (MountedImageInfo) *MountedImageInfo = NULL;
    if (Count) *Count = 0;
    call c;
    if (begin(&c, "DismGetMountedImageInfo", 0)) {
        if (!MountedImageInfo || !Count) {
            fail(&c, E_INVALIDARG, "MountedImageInfo and Count must not be NULL.");
            return finish(&c);
        }
        size_t size = c.table.row_count * sizeof(DismMountedImageInfo);
        for (size_t i = 0; i < c.table.row_count; i++) {
            const mount_row *row = &c.table.rows[i];
            if (row->mount_path_units) size += (size_t)(row->mount_path_units + 1) * sizeof(DISM_WCHAR);
            if (row->image_path_units) size += (size_t)(row->image_path_units + 1) * sizeof(DISM_WCHAR);
        }
        /* One block, strings after the array, so that one DismDelete frees it all. An empty table
         * still returns a block the caller must delete: the stricter of the two behaviours. */
        DismMountedImageInfo *array = allocation_new(size);
        if (!array) {
            fail(&c, (HRESULT)0x8007000E, "Out of memory.");
            return finish(&c);
        }
        DISM_WCHAR *strings = (DISM_WCHAR *)(void *)((char *)array + c.table.row_count * sizeof(DismMountedImageInfo));
        for (size_t i = 0; i < c.table.row_count; i++) {
            const mount_row *row = &c.table.rows[i];
            DismMountedImageInfo *info = &array[i];
            copy_string(&strings, row->fields[0], row->mount_path_units, &info->MountPath);
            copy_string(&strings, row->fields[1], row->image_path_units, &info->ImageFilePath);
            info->ImageIndex = row->image_index;
            info->MountMode = row->mount_mode;
            info->MountStatus = row->mount_status;
        }
        *MountedImageInfo = array;
        *Count = (uint32_t)c.table.row_count;
    }
    return finish(&c);
}

/* Reloads the table under table_lock for a read-modify-write; returns 0 or fails the call. */
static int reload_for_change(call *c) {
    char error[1024] = "";
    mount_table_free(&c->table);
    if (mount_table_load(&c->table, error, sizeof error) != 0) {
        fail(c, E_FAIL, "%s", error);
        return -1;
    }
    return 0;
}

static void save_changes(call *c) {
    char error[1024] = "";
    if (mount_table_save(&c->table, error, sizeof error) != 0) fail(c, E_FAIL, "%s", error);
}

/* The row mounted at this path, compared as Windows compares paths (see utf16_path_equals); NULL if none. */
static mount_row *find_mounted(mount_table *table, DISM_PCWSTR MountPath) {
    size_t length = utf16_length(MountPath);
    for (size_t i = 0; i < table->row_count; i++) {
        mount_row *row = &table->rows[i];
        if (row->mount_path_units == 0 || row->removed) continue;
        DISM_WCHAR *path = malloc((size_t)(row->mount_path_units + 1) * sizeof *path);
        if (!path) return NULL;
        utf8_to_utf16(row->fields[0].start, row->fields[0].length, path);
        path[row->mount_path_units] = 0;
        int equal = utf16_path_equals(path, MountPath, length);
        free(path);
        if (equal) return row;
    }
    return NULL;
}

DISM_EXPORT HRESULT DISM_WINAPI DismRemountImage(DISM_PCWSTR MountPath) {
    call c;
    if (begin(&c, "DismRemountImage", 0)) {
        if (!MountPath) {
            fail(&c, E_INVALIDARG, "MountPath must not be NULL.");
            return finish(&c);
        }
        pthread_mutex_lock(&table_lock);
        if (reload_for_change(&c) == 0) {
            mount_row *found = find_mounted(&c.table, MountPath);
            char *shown = utf16_to_utf8(MountPath);
            if (!found) {
                fail(&c, E_INVALIDARG, "No image is mounted at %s.", shown ? shown : "?");
            } else if (found->mount_status == DismMountStatusNeedsRemount) {
                found->mount_status = DismMountStatusOk;
                found->status_changed = 1;
                save_changes(&c);
            } else if (found->mount_status == DismMountStatusInvalid) {
                fail(&c, E_FAIL, "The image mounted at %s is invalid and cannot be remounted. Unmount it with discard, "
                                 "then clean up the mount points.", shown ? shown : "?");
            } else if (found->mount_status != DismMountStatusOk) {
                fail(&c, E_FAIL, "The image mounted at %s has mount status %d, which cannot be remounted.",
                     shown ? shown : "?", found->mount_status);
            }
            free(shown);
        }
        pthread_mutex_unlock(&table_lock);
    }
    return finish(&c);
}


/*
 * Progress as DISM reports it: on the calling thread, from 0 to Total, never after the call returns.
 * The function's @delay is spread over the steps (instead of slept before the call, as the other
 * functions do) so that a test can watch the progress of a long unmount.
 */
#define UNMOUNT_PROGRESS_TOTAL 100
#define UNMOUNT_PROGRESS_STEPS 10

static void report_unmount_progress(long delay, DISM_PROGRESS_CALLBACK Progress, void *UserData) {
    for (int step = 0; step <= UNMOUNT_PROGRESS_STEPS; step++) {
        if (step > 0 && delay > 0) sleep_milliseconds(delay / UNMOUNT_PROGRESS_STEPS);
        if (Progress) Progress((uint32_t)(step * UNMOUNT_PROGRESS_TOTAL / UNMOUNT_PROGRESS_STEPS), UNMOUNT_PROGRESS_TOTAL, UserData);
    }
}

DISM_EXPORT HRESULT DISM_WINAPI DismUnmountImage(DISM_PCWSTR MountPath, uint32_t Flags, void *CancelEvent,
                                                 DISM_PROGRESS_CALLBACK Progress, void *UserData) {
    (void)CancelEvent; /* the emulator's unmount cannot be cancelled */
    call c;
    if (begin(&c, "DismUnmountImage", 0)) {
        char *shown = MountPath ? utf16_to_utf8(MountPath) : NULL;
        if (!MountPath) {
            fail(&c, E_INVALIDARG, "MountPath must not be NULL.");
        } else if (Flags != DISM_COMMIT_IMAGE && Flags != DISM_DISCARD_IMAGE) {
            fail(&c, E_INVALIDARG, "Flags 0x%08X is neither DISM_COMMIT_IMAGE (0) nor DISM_DISCARD_IMAGE (1).", (unsigned)Flags);
        } else if (!find_mounted(&c.table, MountPath)) {
            fail(&c, E_INVALIDARG, "No image is mounted at %s.", shown ? shown : "?");
        } else {
            report_unmount_progress(mount_table_delay(&c.table, "DismUnmountImage"), Progress, UserData);
            pthread_mutex_lock(&table_lock);
            if (reload_for_change(&c) == 0) {
                mount_row *found = find_mounted(&c.table, MountPath);
                if (!found) {
                    fail(&c, E_INVALIDARG, "No image is mounted at %s any more.", shown ? shown : "?");
                } else {
                    /* Commit and discard both end the mount; what happens to the image file is not emulated. */
                    found->removed = 1;
                    save_changes(&c);
                }
            }
            pthread_mutex_unlock(&table_lock);
        }
        free(shown);
    }
    return finish(&c);
}

#ifndef DISMAPI_EMULATOR_WITHOUT_CLEANUP
/* Left out of the "without-cleanup" build, which stands for a DismApi.dll that lacks an export. */
DISM_EXPORT HRESULT DISM_WINAPI DismCleanupMountpoints(void) {
    call c;
    if (begin(&c, "DismCleanupMountpoints", 0)) {
        pthread_mutex_lock(&table_lock);
        if (reload_for_change(&c) == 0) {
            int removed = 0;
            for (size_t i = 0; i < c.table.row_count; i++) {
                if (c.table.rows[i].mount_status == DismMountStatusInvalid) {
                    c.table.rows[i].removed = 1;
                    removed++;
                }
            }
            if (removed) save_changes(&c);
        }
        pthread_mutex_unlock(&table_lock);
    }
    return finish(&c);
}
#endif

DISM_EXPORT HRESULT DISM_WINAPI DismGetLastErrorMessage(DismString **ErrorMessage) {
    if (ErrorMessage) *ErrorMessage = NULL;
    call c;
    if (begin(&c, "DismGetLastErrorMessage", 1)) {
        if (!ErrorMessage) {
            fail(&c, E_INVALIDARG, NULL);
            return finish(&c);
        }
        size_t length;
        DISM_PCWSTR message = last_error_get(&length);
        DismString *result = allocation_new(sizeof(DismString) + (length + 1) * sizeof(DISM_WCHAR));
        if (!result) {
            fail(&c, (HRESULT)0x8007000E, NULL);
            return finish(&c);
        }
        DISM_WCHAR *text = (DISM_WCHAR *)(void *)(result + 1);
        memcpy(text, message, (length + 1) * sizeof(DISM_WCHAR));
        result->Value = text;
        *ErrorMessage = result;
    }
    return finish(&c);
}

DISM_EXPORT HRESULT DISM_WINAPI DismDelete(void *DismStructure) {
    call c;
    if (begin(&c, "DismDelete", 1) && !allocation_release(DismStructure)) {
        fail(&c, E_INVALIDARG, NULL);
    }
    return finish(&c);
}
