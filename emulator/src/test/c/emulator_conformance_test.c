/*
 * Conformance test of the DismAPI emulator, written from dismapi.h and docs/reference.md ("Emulator state file") only:
 * it declares its own types, loads the library with dlopen like any DismApi.dll client, and runs
 * under AddressSanitizer and LeakSanitizer.
 *
 * Usage: emulator_conformance_test <path of libDismAPI> <scratch directory>
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int32_t HRESULT;
typedef uint16_t WCHAR16;

#pragma pack(push, 1)
typedef struct {
    const WCHAR16 *MountPath;
    const WCHAR16 *ImageFilePath;
    uint32_t ImageIndex;
    int32_t MountMode;
    int32_t MountStatus;
} MountedImageInfo;
typedef struct {
    const WCHAR16 *Value;
} DismStringT;
#pragma pack(pop)

static HRESULT (*DismInitialize)(int32_t, const WCHAR16 *, const WCHAR16 *);
static HRESULT (*DismShutdown)(void);
static HRESULT (*DismGetMountedImageInfo)(MountedImageInfo **, uint32_t *);
static HRESULT (*DismRemountImage)(const WCHAR16 *);
static HRESULT (*DismCleanupMountpoints)(void);
static HRESULT (*DismGetLastErrorMessage)(DismStringT **);
static HRESULT (*DismDelete)(void *);
typedef void (*ProgressCallback)(uint32_t, uint32_t, void *);
static HRESULT (*DismUnmountImage)(const WCHAR16 *, uint32_t, void *, ProgressCallback, void *);

static int failures;
static char state_path[4096], trace_path[4096], log_path[4096];

#define CHECK(cond, ...)                                              \
    do {                                                              \
        if (!(cond)) {                                                \
            failures++;                                               \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                             \
            fprintf(stderr, "\n");                                    \
        }                                                             \
    } while (0)
#define CHECK_HR(expr, expected)                                                   \
    do {                                                                           \
        HRESULT actual_ = (expr);                                                  \
        CHECK(actual_ == (HRESULT)(expected), "%s returned 0x%08X, expected 0x%08X", #expr, \
              (unsigned)actual_, (unsigned)(expected));                            \
    } while (0)

/* Builds a zero-terminated UTF-16 string from ASCII (enough for the paths the test passes in). */
static WCHAR16 *w(const char *ascii) {
    static WCHAR16 buffers[8][512];
    static int next;
    WCHAR16 *b = buffers[next++ % 8];
    size_t i = 0;
    for (; ascii[i]; i++) b[i] = (unsigned char)ascii[i];
    b[i] = 0;
    return b;
}

static int wequals(const WCHAR16 *s, const WCHAR16 *expected, size_t n) {
    if (!s) return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != expected[i]) return 0;
    }
    return s[n] == 0;
}

static int wequals_ascii(const WCHAR16 *s, const char *ascii) {
    if (!s) return 0;
    size_t i = 0;
    for (; ascii[i]; i++) {
        if (s[i] != (unsigned char)ascii[i]) return 0;
    }
    return s[i] == 0;
}

static void write_state(const char *text) {
    FILE *f = fopen(state_path, "wb");
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return calloc(1, 1);
    static char buffer[1 << 20];
    size_t n = fread(buffer, 1, sizeof buffer - 1, f);
    fclose(f);
    buffer[n] = 0;
    return strdup(buffer);
}

/* Reads this thread's last error message into a fresh malloc'd ASCII-ish copy ('?' for non-ASCII). */
static char *last_message(void) {
    DismStringT *message = NULL;
    HRESULT hr = DismGetLastErrorMessage(&message);
    if (hr != 0 || !message) return strdup("<DismGetLastErrorMessage failed>");
    size_t n = 0;
    while (message->Value[n]) n++;
    char *copy = malloc(n + 1);
    for (size_t i = 0; i < n; i++) copy[i] = message->Value[i] < 128 ? (char)message->Value[i] : '?';
    copy[n] = 0;
    CHECK_HR(DismDelete(message), 0);
    return copy;
}

static void test_layout(void) {
    CHECK(sizeof(MountedImageInfo) == 2 * sizeof(void *) + 12, "size %zu", sizeof(MountedImageInfo));
    if (sizeof(void *) == 8) CHECK(sizeof(MountedImageInfo) == 28, "x64 element is 28 bytes");
    CHECK(offsetof(MountedImageInfo, ImageFilePath) == sizeof(void *), "ImageFilePath offset");
    CHECK(offsetof(MountedImageInfo, ImageIndex) == 2 * sizeof(void *), "ImageIndex offset");
    CHECK(offsetof(MountedImageInfo, MountMode) == 2 * sizeof(void *) + 4, "MountMode offset");
    CHECK(offsetof(MountedImageInfo, MountStatus) == 2 * sizeof(void *) + 8, "MountStatus offset");
}

static void test_calls_before_initialize(void) {
    MountedImageInfo *info = (MountedImageInfo *)1;
    uint32_t count = 99;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0xC0040001);
    CHECK(info == NULL && count == 0, "out parameters cleared on failure");
    CHECK_HR(DismRemountImage(w("C:\\Mount\\a")), 0xC0040001);
    CHECK_HR(DismCleanupMountpoints(), 0xC0040001);
    CHECK_HR(DismShutdown(), 0xC0040001);
    DismStringT *message = NULL;
    CHECK_HR(DismGetLastErrorMessage(&message), 0xC0040001);
}

static void test_initialize_lifecycle(void) {
    CHECK_HR(DismInitialize(7, NULL, NULL), 0x80070057);
    CHECK_HR(DismInitialize(1, w(log_path), NULL), 0);
    CHECK_HR(DismInitialize(1, NULL, NULL), 0x800704DF);
    CHECK_HR(DismShutdown(), 0);
    CHECK_HR(DismShutdown(), 0xC0040001);
    CHECK_HR(DismInitialize(2, w(log_path), w("/tmp")), 0);
    char *log = read_file(log_path);
    CHECK(strstr(log, "DismInitialize") != NULL, "the DISM log named at DismInitialize is written");
    free(log);
}

/* Expects DISM initialised, as test_initialize_lifecycle leaves it. */
static void test_already_initialized_code(void) {
    write_state("@already-initialized 0xC0040010\n");
    CHECK_HR(DismInitialize(1, NULL, NULL), 0xC0040010);
    char *message = last_message();
    CHECK(strstr(message, "already called") != NULL, "the second DismInitialize says why: [%s]", message);
    free(message);
    CHECK_HR(DismShutdown(), 0);
    CHECK_HR(DismInitialize(1, NULL, NULL), 0); /* the directive changes only the answer to a second call */
    write_state("@already-initialized 0x00000001\n");
    CHECK_HR(DismInitialize(1, NULL, NULL), 0x80004005); /* a success code is refused, as by @fail */
    write_state("");
    CHECK_HR(DismInitialize(1, NULL, NULL), 0x800704DF);
}

static void test_table_fields(void) {
    /* U+03A9 GREEK CAPITAL OMEGA (one unit) and U+1D11E MUSICAL SYMBOL G CLEF (a surrogate pair). */
    write_state("# MountPath\tImageFilePath\tImageIndex\tMountMode\tMountStatus\n"
                "C:\\Mount\\\xCE\xA9mega\\\xF0\x9D\x84\x9E\tD:\\images\\install.wim\t1\tReadWrite\tNeedsRemount\n"
                "\tD:\\images\\boot.wim\t4294967295\tReadOnly\tOk\r\n"
                "C:\\Mount\\odd\t\t2\t5\t-7\n"
                "C:\\Mount\\hex\tD:\\x.vhdx\t3\t0xFFFFFFFF\tInvalid");
    MountedImageInfo *info = NULL;
    uint32_t count = 0;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    CHECK(count == 4, "count %u", count);
    if (count != 4) return;
    const WCHAR16 omega[] = {'C', ':', '\\', 'M', 'o', 'u', 'n', 't', '\\', 0x03A9, 'm', 'e', 'g', 'a', '\\', 0xD834, 0xDD1E};
    CHECK(wequals(info[0].MountPath, omega, sizeof omega / sizeof *omega), "non-BMP mount path in UTF-16 with a surrogate pair");
    CHECK(wequals_ascii(info[0].ImageFilePath, "D:\\images\\install.wim"), "image path");
    CHECK(info[0].ImageIndex == 1 && info[0].MountMode == 0 && info[0].MountStatus == 1, "row 0 numbers");
    CHECK(info[1].MountPath == NULL, "an empty MountPath is a NULL pointer");
    CHECK(info[1].ImageIndex == 4294967295u && info[1].MountMode == 1 && info[1].MountStatus == 0, "row 1 numbers (CRLF line)");
    CHECK(info[2].ImageFilePath == NULL, "an empty ImageFilePath is a NULL pointer");
    CHECK(info[2].MountMode == 5 && info[2].MountStatus == -7, "numbers returned as they stand");
    CHECK(info[3].MountMode == -1 && info[3].MountStatus == 2, "hex mode 0xFFFFFFFF, Invalid status");
    CHECK_HR(DismDelete(info), 0);
    CHECK_HR(DismDelete(info), 0x80070057); /* a second delete is refused */
    CHECK_HR(DismDelete(NULL), 0x80070057);
}

static void test_empty_and_missing_tables(void) {
    write_state("# nothing mounted\n");
    MountedImageInfo *info = NULL;
    uint32_t count = 7;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    CHECK(count == 0, "empty table");
    if (info) CHECK_HR(DismDelete(info), 0);
    remove(state_path);
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    CHECK(count == 0, "a missing state file is an empty table");
    if (info) CHECK_HR(DismDelete(info), 0);
}

static void test_thousand_rows_stride(void) {
    FILE *f = fopen(state_path, "wb");
    for (int i = 0; i < 1000; i++) fprintf(f, "C:\\Mount\\%04d\tD:\\img\\%d.wim\t%d\t%s\t%d\n", i, i, i + 1, i % 2 ? "ReadOnly" : "ReadWrite", i % 3);
    fclose(f);
    MountedImageInfo *info = NULL;
    uint32_t count = 0;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    CHECK(count == 1000, "count %u", count);
    int wrong = 0;
    for (uint32_t i = 0; i < count; i++) {
        /* Read through the packed stride explicitly, as a binding must. */
        const unsigned char *element = (const unsigned char *)info + (size_t)i * (2 * sizeof(void *) + 12);
        uint32_t index;
        int32_t mode, status;
        memcpy(&index, element + 2 * sizeof(void *), 4);
        memcpy(&mode, element + 2 * sizeof(void *) + 4, 4);
        memcpy(&status, element + 2 * sizeof(void *) + 8, 4);
        char expected[32];
        snprintf(expected, sizeof expected, "C:\\Mount\\%04u", i);
        if (index != i + 1 || mode != (int32_t)(i % 2) || status != (int32_t)(i % 3) || !wequals_ascii(info[i].MountPath, expected)) wrong++;
    }
    CHECK(wrong == 0, "%d of 1000 rows wrong", wrong);
    CHECK_HR(DismDelete(info), 0);
}

static void test_remount(void) {
    const char *before = "# header comment\n"
                         "C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tNeedsRemount\n"
                         "@delay DismShutdown 0\n"
                         "C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tOk\n"
                         "C:\\Mount\\c\tD:\\c.wim\t3\tReadWrite\tInvalid\n";
    write_state(before);
    CHECK_HR(DismRemountImage(w("c:\\mount\\A")), 0); /* Windows paths compare case-insensitively */
    char *after = read_file(state_path);
    CHECK(strcmp(after, "# header comment\n"
                        "C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tOk\n"
                        "@delay DismShutdown 0\n"
                        "C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tOk\n"
                        "C:\\Mount\\c\tD:\\c.wim\t3\tReadWrite\tInvalid\n") == 0,
          "only the remounted line changes: [%s]", after);
    free(after);
    CHECK_HR(DismRemountImage(w("C:\\Mount\\b")), 0); /* already Ok */
    CHECK_HR(DismRemountImage(w("C:\\Mount\\c")), 0x80004005);
    char *message = last_message();
    CHECK(strlen(message) > 0, "an Invalid remount sets a message");
    free(message);
    CHECK_HR(DismRemountImage(w("C:\\Mount\\nowhere")), 0x80070057);
    CHECK_HR(DismRemountImage(NULL), 0x80070057);
}

static void test_cleanup(void) {
    write_state("# keep me\nC:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tInvalid\n"
                "C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tNeedsRemount\n"
                "C:\\Mount\\c\tD:\\c.wim\t3\tReadWrite\t2\n");
    CHECK_HR(DismCleanupMountpoints(), 0);
    char *after = read_file(state_path);
    CHECK(strcmp(after, "# keep me\nC:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tNeedsRemount\n") == 0, "Invalid lines removed: [%s]", after);
    free(after);
}

typedef struct {
    int calls;
    uint32_t first, last, total;
    int decreasing, other_thread, after_return, returned;
    pthread_t caller;
    long first_ms, last_ms;
} progress_record;

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void record_progress(uint32_t current, uint32_t total, void *user_data) {
    progress_record *r = user_data;
    if (r->returned) r->after_return++;
    if (!pthread_equal(pthread_self(), r->caller)) r->other_thread++;
    if (r->calls == 0) {
        r->first = current;
        r->first_ms = now_ms();
    } else if (current < r->last) {
        r->decreasing++;
    }
    r->last = current;
    r->last_ms = now_ms();
    r->total = total;
    r->calls++;
}

static void test_unmount(void) {
    write_state("C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tInvalid\n"
                "C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tOk\n"
                "@delay DismUnmountImage 200\n");
    progress_record r = {0};
    r.caller = pthread_self();
    long start = now_ms();
    CHECK_HR(DismUnmountImage(w("c:\\mount\\A"), 1 /* DISM_DISCARD_IMAGE */, NULL, record_progress, &r), 0);
    r.returned = 1;
    CHECK(now_ms() - start >= 200, "the @delay is spent in the unmount");
    CHECK(r.calls >= 3 && r.first == 0 && r.last == r.total && r.total > 0 && r.decreasing == 0,
          "progress from 0 to Total in steps: %d calls, %u..%u of %u", r.calls, r.first, r.last, r.total);
    CHECK(r.last_ms - r.first_ms >= 150, "progress spread over the delay: %ld ms", r.last_ms - r.first_ms);
    CHECK(r.other_thread == 0, "progress on the calling thread only");
    char *after = read_file(state_path);
    CHECK(strcmp(after, "C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tOk\n@delay DismUnmountImage 200\n") == 0,
          "the unmounted line is gone: [%s]", after);
    free(after);
    struct timespec pause = {0, 50 * 1000000L};
    nanosleep(&pause, NULL);
    CHECK(r.after_return == 0, "no progress after the call returned");

    write_state("C:\\Mount\\b\tD:\\b.wim\t2\tReadOnly\tOk\n");
    CHECK_HR(DismUnmountImage(w("C:\\Mount\\b"), 0 /* DISM_COMMIT_IMAGE */, NULL, NULL, NULL), 0);
    after = read_file(state_path);
    CHECK(strcmp(after, "") == 0, "commit removes the line too: [%s]", after);
    free(after);

    write_state("C:\\Mount\\c\tD:\\c.wim\t3\tReadWrite\tOk\n");
    CHECK_HR(DismUnmountImage(w("C:\\Mount\\c"), 2, NULL, NULL, NULL), 0x80070057);
    char *message = last_message();
    CHECK(strstr(message, "Flags") != NULL, "an unknown flag is named: [%s]", message);
    free(message);
    CHECK_HR(DismUnmountImage(w("C:\\Mount\\nowhere"), 1, NULL, NULL, NULL), 0x80070057);
    CHECK_HR(DismUnmountImage(NULL, 1, NULL, NULL, NULL), 0x80070057);
    write_state("C:\\Mount\\c\tD:\\c.wim\t3\tReadWrite\tOk\n"
                "@fail DismUnmountImage 0xC1420117 files are open in C:\\Mount\\c\n");
    memset(&r, 0, sizeof r);
    r.caller = pthread_self();
    CHECK_HR(DismUnmountImage(w("C:\\Mount\\c"), 1, NULL, record_progress, &r), 0xC1420117);
    message = last_message();
    CHECK(strcmp(message, "files are open in C:\\Mount\\c") == 0, "injected message: [%s]", message);
    free(message);
    after = read_file(state_path);
    CHECK(strstr(after, "C:\\Mount\\c\t") == after, "a failed unmount leaves the line: [%s]", after);
    free(after);
}

static void *other_thread_message(void *unused) {
    (void)unused;
    return last_message();
}

static void test_injected_failure_and_per_thread_message(void) {
    write_state("C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tNeedsRemount\n"
                "@fail DismRemountImage 0xC004000C handles are open on C:\\Mount\\a\n");
    CHECK_HR(DismRemountImage(w("C:\\Mount\\a")), 0xC004000C);
    pthread_t other;
    char *elsewhere = NULL;
    pthread_create(&other, NULL, other_thread_message, NULL);
    pthread_join(other, (void **)&elsewhere);
    CHECK(elsewhere && strlen(elsewhere) == 0, "another thread does not see the message: [%s]", elsewhere);
    free(elsewhere);
    char *message = last_message();
    CHECK(strcmp(message, "handles are open on C:\\Mount\\a") == 0, "message [%s]", message);
    free(message);
    /* DismGetLastErrorMessage and DismDelete do not clear it... */
    message = last_message();
    CHECK(strcmp(message, "handles are open on C:\\Mount\\a") == 0, "still [%s]", message);
    free(message);
    /* ...a successful call does. */
    write_state("@fail DismCleanupMountpoints 0x800F0902\n");
    MountedImageInfo *info = NULL;
    uint32_t count = 0;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    CHECK_HR(DismDelete(info), 0);
    message = last_message();
    CHECK(strlen(message) == 0, "cleared by a success: [%s]", message);
    free(message);
    CHECK_HR(DismCleanupMountpoints(), 0x800F0902);
    message = last_message();
    CHECK(strstr(message, "busy") != NULL, "a failure without a message gets DISM's text: [%s]", message);
    free(message);
}

static void test_delay(void) {
    write_state("@delay DismGetMountedImageInfo 150\n");
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    MountedImageInfo *info = NULL;
    uint32_t count = 0;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    long elapsed = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
    CHECK(elapsed >= 150, "delayed %ld ms", elapsed);
    CHECK_HR(DismDelete(info), 0);
}

static void test_malformed_state(void) {
    write_state("C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\n");
    MountedImageInfo *info = NULL;
    uint32_t count = 0;
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0x80004005);
    char *message = last_message(); /* still readable although the file is broken */
    CHECK(strstr(message, "line 1") != NULL && strstr(message, "expected 5") != NULL, "[%s]", message);
    free(message);
    write_state("@fail DismRemountImage 0x00000001\n");
    CHECK_HR(DismRemountImage(w("C:\\x")), 0x80004005);
    write_state("@fail DismRemoteImage 0x80004005\n");
    CHECK_HR(DismRemountImage(w("C:\\x")), 0x80004005);
    message = last_message();
    CHECK(strstr(message, "DismRemoteImage") != NULL, "a misspelt function is named: [%s]", message);
    free(message);
    write_state("C:\\Mount\\a\tD:\\a.wim\t1\tReadWrite\tMaybe\n");
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0x80004005);
    write_state("C:\\Mount\\\xC3\tD:\\a.wim\t1\tReadWrite\tOk\n");
    CHECK_HR(DismGetMountedImageInfo(&info, &count), 0x80004005);
}

static void test_trace(void) {
    char *trace = read_file(trace_path);
    int lines = 0, malformed = 0;
    for (char *line = strtok(trace, "\n"); line; line = strtok(NULL, "\n")) {
        long long millis;
        char function[64];
        unsigned hr;
        lines++;
        if (sscanf(line, "%lld\t%63[A-Za-z]\t0x%8X", &millis, function, &hr) != 3 || millis < 1600000000000LL) malformed++;
    }
    CHECK(lines > 40 && malformed == 0, "%d trace lines, %d malformed", lines, malformed);
    free(trace);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <libDismAPI> <scratch directory>\n", argv[0]);
        return 2;
    }
    snprintf(state_path, sizeof state_path, "%s/state.tsv", argv[2]);
    snprintf(trace_path, sizeof trace_path, "%s/trace.tsv", argv[2]);
    snprintf(log_path, sizeof log_path, "%s/dism.log", argv[2]);
    remove(trace_path);
    remove(log_path);
    setenv("DISMAPI_EMULATOR_STATE", state_path, 1);
    setenv("DISMAPI_EMULATOR_TRACE", trace_path, 1);
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    *(void **)&DismInitialize = dlsym(library, "DismInitialize");
    *(void **)&DismShutdown = dlsym(library, "DismShutdown");
    *(void **)&DismGetMountedImageInfo = dlsym(library, "DismGetMountedImageInfo");
    *(void **)&DismRemountImage = dlsym(library, "DismRemountImage");
    *(void **)&DismCleanupMountpoints = dlsym(library, "DismCleanupMountpoints");
    *(void **)&DismGetLastErrorMessage = dlsym(library, "DismGetLastErrorMessage");
    *(void **)&DismDelete = dlsym(library, "DismDelete");
    *(void **)&DismUnmountImage = dlsym(library, "DismUnmountImage");
    if (!DismInitialize || !DismShutdown || !DismGetMountedImageInfo || !DismRemountImage || !DismCleanupMountpoints ||
        !DismGetLastErrorMessage || !DismDelete || !DismUnmountImage) {
        fprintf(stderr, "an export is missing\n");
        return 2;
    }
    write_state("");
    test_layout();
    test_calls_before_initialize();
    test_initialize_lifecycle();
    test_already_initialized_code();
    test_table_fields();
    test_empty_and_missing_tables();
    test_thousand_rows_stride();
    test_remount();
    test_cleanup();
    test_unmount();
    test_injected_failure_and_per_thread_message();
    test_delay();
    test_malformed_state();
    write_state("");
    CHECK_HR(DismShutdown(), 0);
    test_trace();
    dlclose(library);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("DismAPI emulator conformance: all checks passed\n");
    return 0;
}
