/*
 * The emulator's machine-wide mount table: a UTF-8 text file named by DISMAPI_EMULATOR_STATE,
 * read at every call and written back atomically (temporary file, then rename) when a call
 * changes it. One image a line, five tab-separated fields:
 *
 *   MountPath <TAB> ImageFilePath <TAB> ImageIndex <TAB> MountMode <TAB> MountStatus
 *
 * '#' lines are comments. Directives inject behaviour:
 *
 *   @delay <Function> <ms>                    every call of that function first sleeps that long
 *   @fail <Function> <0xHRESULT> [message]    every call of that function fails with that HRESULT
 *   @already-initialized <0xHRESULT>          what DismInitialize returns while DISM is initialised
 *                                             already (default 0x800704DF): the real value of
 *                                             DISMAPI_E_DISMAPI_ALREADY_INITIALIZED is undocumented
 *
 * An unset variable or a missing file is an empty table.
 */
#ifndef DISMAPI_EMULATOR_STATE_FILE_H
#define DISMAPI_EMULATOR_STATE_FILE_H

#include "dismapi_abi.h"

typedef struct text_span {
    const char *start;
    size_t length;
} text_span;

typedef struct mount_row {
    size_t line;                   /* index into mount_table.lines */
    text_span fields[5];           /* as written in the file */
    long mount_path_units;         /* UTF-16 code units; 0 for an empty field (a NULL pointer) */
    long image_path_units;
    uint32_t image_index;
    int32_t mount_mode;            /* a DismMountMode, or any number the file gave */
    int32_t mount_status;          /* a DismMountStatus, or any number the file gave */
    int status_changed;            /* set by a call that changes the row's status */
    int removed;                   /* set by a call that removes the row */
} mount_row;

typedef struct injected_failure {
    text_span function;
    HRESULT result;
    text_span message;             /* empty: the emulator's standard text for that HRESULT */
} injected_failure;

typedef struct injected_delay {
    text_span function;
    long milliseconds;
} injected_delay;

typedef struct mount_table {
    char *path;                    /* NULL when DISMAPI_EMULATOR_STATE is unset */
    char *text;
    size_t text_length;
    text_span *lines;
    size_t line_count;
    mount_row *rows;
    size_t row_count;
    injected_failure *failures;
    size_t failure_count;
    injected_delay *delays;
    size_t delay_count;
    HRESULT already_initialized;   /* from @already-initialized; 0 when not given */
} mount_table;

/* Reads and parses the file. Returns 0, or -1 with a UTF-8 explanation in error. */
int mount_table_load(mount_table *table, char *error, size_t error_size);

/* Writes the table back with its changed and removed rows. Returns 0, or -1 with error. */
int mount_table_save(const mount_table *table, char *error, size_t error_size);

void mount_table_free(mount_table *table);

/* The injected delay for a function in milliseconds, 0 when none (the last line wins). */
long mount_table_delay(const mount_table *table, const char *function);

/* The injected failure for a function, NULL when none (the last line wins). */
const injected_failure *mount_table_failure(const mount_table *table, const char *function);

/* The state-file spelling of a status: Ok, NeedsRemount, Invalid, or its number. */
void mount_status_name(int32_t status, char *out, size_t out_size);

#endif
