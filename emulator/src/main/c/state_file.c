#include "state_file.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf16.h"

static const char *const known_functions[] = {
    "DismInitialize", "DismShutdown", "DismGetMountedImageInfo", "DismRemountImage",
    "DismCleanupMountpoints", "DismGetLastErrorMessage", "DismDelete", "DismUnmountImage",
};

static int span_equals(text_span s, const char *text) {
    return strlen(text) == s.length && memcmp(s.start, text, s.length) == 0;
}

static int report(char *error, size_t error_size, const mount_table *t, size_t line, const char *format, ...) {
    char detail[512];
    va_list args;
    va_start(args, format);
    vsnprintf(detail, sizeof detail, format, args);
    va_end(args);
    snprintf(error, error_size, "DismAPI emulator: state file %s line %zu: %s", t->path, line + 1, detail);
    return -1;
}

static int read_whole_file(mount_table *t, char *error, size_t error_size) {
    FILE *f = fopen(t->path, "rb");
    if (!f) {
        if (errno == ENOENT) return 0; /* no file yet: an empty table */
        snprintf(error, error_size, "DismAPI emulator: cannot read state file %s: %s", t->path, strerror(errno));
        return -1;
    }
    size_t capacity = 65536, length = 0;
    char *text = malloc(capacity);
    while (text) {
        size_t n = fread(text + length, 1, capacity - length, f);
        length += n;
        if (length < capacity) break;
        char *grown = realloc(text, capacity * 2);
        if (!grown) {
            free(text);
            text = NULL;
            break;
        }
        text = grown;
        capacity *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (!text || failed) {
        free(text);
        snprintf(error, error_size, "DismAPI emulator: cannot read state file %s", t->path);
        return -1;
    }
    t->text = text;
    t->text_length = length;
    return 0;
}

static int split_lines(mount_table *t) {
    size_t count = 0;
    for (size_t i = 0; i < t->text_length; i++) count += t->text[i] == '\n';
    t->lines = calloc(count + 1, sizeof *t->lines);
    if (!t->lines) return -1;
    size_t start = 0;
    for (size_t i = 0; i <= t->text_length; i++) {
        if (i == t->text_length || t->text[i] == '\n') {
            if (i == t->text_length && start == i) break; /* a final newline starts no line */
            t->lines[t->line_count].start = t->text + start;
            t->lines[t->line_count].length = i - start;
            t->line_count++;
            start = i + 1;
        }
    }
    return 0;
}

/* The line without a trailing carriage return (files written on Windows end lines with CRLF). */
static text_span content_of(text_span line) {
    if (line.length > 0 && line.start[line.length - 1] == '\r') line.length--;
    return line;
}

static int parse_integer(text_span s, int allow_negative, long long min, long long max, long long *out) {
    if (s.length == 0 || s.length > 20) return -1;
    char buffer[24];
    memcpy(buffer, s.start, s.length);
    buffer[s.length] = 0;
    const char *p = buffer;
    int negative = 0;
    if (*p == '-' && allow_negative) {
        negative = 1;
        p++;
    }
    int base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (!*p) return -1;
    for (const char *q = p; *q; q++) {
        int digit = (*q >= '0' && *q <= '9') || (base == 16 && ((*q >= 'a' && *q <= 'f') || (*q >= 'A' && *q <= 'F')));
        if (!digit) return -1;
    }
    errno = 0;
    unsigned long long magnitude = strtoull(p, NULL, base);
    if (errno) return -1;
    long long value;
    if (negative) {
        if (magnitude > (unsigned long long)-min) return -1;
        value = -(long long)magnitude;
    } else {
        if (magnitude > (unsigned long long)max) return -1;
        value = (long long)magnitude;
    }
    if (value < min) return -1;
    *out = value;
    return 0;
}

/* A name from the list, or a number: hexadecimal numbers may use all 32 bits, as a C enum may. */
static int parse_enum(text_span s, const char *const *names, int name_count, int32_t *out) {
    for (int i = 0; i < name_count; i++) {
        if (span_equals(s, names[i])) {
            *out = i;
            return 0;
        }
    }
    long long value;
    if (parse_integer(s, 1, INT32_MIN, UINT32_MAX, &value) != 0) return -1;
    if (value > INT32_MAX && !(s.length > 2 && (s.start[1] == 'x' || s.start[1] == 'X'))) return -1;
    *out = (int32_t)(uint32_t)value;
    return 0;
}

static const char *const mode_names[] = {"ReadWrite", "ReadOnly"};
static const char *const status_names[] = {"Ok", "NeedsRemount", "Invalid"};

void mount_status_name(int32_t status, char *out, size_t out_size) {
    if (status >= 0 && status < 3) {
        snprintf(out, out_size, "%s", status_names[status]);
    } else {
        snprintf(out, out_size, "%d", status);
    }
}

static long utf16_units(mount_table *t, size_t line, text_span s, const char *field, char *error, size_t error_size) {
    long units = utf8_to_utf16(s.start, s.length, NULL);
    if (units < 0) return report(error, error_size, t, line, "%s is not valid UTF-8", field);
    return units;
}

static int parse_row(mount_table *t, size_t line, text_span content, char *error, size_t error_size) {
    mount_row row;
    memset(&row, 0, sizeof row);
    row.line = line;
    size_t field = 0, start = 0;
    for (size_t i = 0; i <= content.length; i++) {
        if (i == content.length || content.start[i] == '\t') {
            if (field == 5) {
                return report(error, error_size, t, line,
                              "more than 5 tab-separated fields (MountPath, ImageFilePath, ImageIndex, MountMode, MountStatus)");
            }
            row.fields[field].start = content.start + start;
            row.fields[field].length = i - start;
            field++;
            start = i + 1;
        }
    }
    if (field != 5) {
        return report(error, error_size, t, line,
                      "%zu tab-separated fields, expected 5 (MountPath, ImageFilePath, ImageIndex, MountMode, MountStatus)", field);
    }
    if ((row.mount_path_units = utf16_units(t, line, row.fields[0], "MountPath", error, error_size)) < 0) return -1;
    if ((row.image_path_units = utf16_units(t, line, row.fields[1], "ImageFilePath", error, error_size)) < 0) return -1;
    long long index;
    if (parse_integer(row.fields[2], 0, 0, UINT32_MAX, &index) != 0) {
        return report(error, error_size, t, line, "ImageIndex '%.*s' is not a number from 0 to 4294967295",
                      (int)row.fields[2].length, row.fields[2].start);
    }
    row.image_index = (uint32_t)index;
    if (parse_enum(row.fields[3], mode_names, 2, &row.mount_mode) != 0) {
        return report(error, error_size, t, line, "MountMode '%.*s' is not ReadWrite, ReadOnly or a 32-bit number",
                      (int)row.fields[3].length, row.fields[3].start);
    }
    if (parse_enum(row.fields[4], status_names, 3, &row.mount_status) != 0) {
        return report(error, error_size, t, line, "MountStatus '%.*s' is not Ok, NeedsRemount, Invalid or a 32-bit number",
                      (int)row.fields[4].length, row.fields[4].start);
    }
    t->rows[t->row_count++] = row;
    return 0;
}

/* Splits a directive into words separated by spaces or tabs; the last word takes the rest of the line. */
static size_t split_words(text_span s, text_span *words, size_t max_words) {
    size_t count = 0, i = 0;
    while (count < max_words) {
        while (i < s.length && (s.start[i] == ' ' || s.start[i] == '\t')) i++;
        if (i == s.length) break;
        size_t start = i;
        if (count == max_words - 1) {
            size_t end = s.length;
            while (end > start && (s.start[end - 1] == ' ' || s.start[end - 1] == '\t')) end--;
            words[count].start = s.start + start;
            words[count].length = end - start;
            return count + 1;
        }
        while (i < s.length && s.start[i] != ' ' && s.start[i] != '\t') i++;
        words[count].start = s.start + start;
        words[count].length = i - start;
        count++;
    }
    return count;
}

static int known_function(text_span name) {
    for (size_t i = 0; i < sizeof known_functions / sizeof *known_functions; i++) {
        if (span_equals(name, known_functions[i])) return 1;
    }
    return 0;
}

/* '0x' and one to eight hex digits, a failure (negative) HRESULT. */
static int parse_failure_hresult(text_span word, HRESULT *out) {
    long long hr;
    if (word.length < 3 || word.length > 10 || word.start[0] != '0' || (word.start[1] != 'x' && word.start[1] != 'X') ||
        parse_integer(word, 0, 0, UINT32_MAX, &hr) != 0) {
        return -1;
    }
    *out = (HRESULT)(uint32_t)hr;
    return 0;
}

static int parse_directive(mount_table *t, size_t line, text_span content, char *error, size_t error_size) {
    text_span words[4];
    size_t count = split_words(content, words, 4);
    if (count > 0 && span_equals(words[0], "@already-initialized")) {
        HRESULT hr;
        if (count != 2 || parse_failure_hresult(words[1], &hr) != 0) {
            return report(error, error_size, t, line, "expected '@already-initialized <0xHRESULT>'");
        }
        if (hr >= 0) {
            return report(error, error_size, t, line, "%.*s is a success code, not a failure HRESULT", (int)words[1].length, words[1].start);
        }
        t->already_initialized = hr;
        return 0;
    }
    if (count >= 2 && !known_function(words[1])) {
        return report(error, error_size, t, line, "'%.*s' is not an emulated DismAPI function", (int)words[1].length, words[1].start);
    }
    if (count > 0 && span_equals(words[0], "@delay")) {
        long long ms;
        if (count != 3 || parse_integer(words[2], 0, 0, INT32_MAX, &ms) != 0) {
            return report(error, error_size, t, line, "expected '@delay <FunctionName> <milliseconds>'");
        }
        t->delays[t->delay_count].function = words[1];
        t->delays[t->delay_count].milliseconds = (long)ms;
        t->delay_count++;
        return 0;
    }
    if (count > 0 && span_equals(words[0], "@fail")) {
        long long hr;
        if (count < 3 || words[2].length < 3 || words[2].length > 10 || words[2].start[0] != '0' ||
            (words[2].start[1] != 'x' && words[2].start[1] != 'X') || parse_integer(words[2], 0, 0, UINT32_MAX, &hr) != 0) {
            return report(error, error_size, t, line, "expected '@fail <FunctionName> <0xHRESULT> [message]'");
        }
        if ((int32_t)(uint32_t)hr >= 0) {
            return report(error, error_size, t, line, "%.*s is a success code, not a failure HRESULT", (int)words[2].length, words[2].start);
        }
        injected_failure *f = &t->failures[t->failure_count++];
        f->function = words[1];
        f->result = (HRESULT)(uint32_t)hr;
        f->message.start = count == 4 ? words[3].start : "";
        f->message.length = count == 4 ? words[3].length : 0;
        return 0;
    }
    return report(error, error_size, t, line, "unknown directive (expected @delay, @fail or @already-initialized)");
}

int mount_table_load(mount_table *t, char *error, size_t error_size) {
    memset(t, 0, sizeof *t);
    const char *path = getenv("DISMAPI_EMULATOR_STATE");
    if (!path || !*path) return 0;
    t->path = strdup(path);
    if (!t->path || read_whole_file(t, error, error_size) != 0 || split_lines(t) != 0) goto failed;
    t->rows = calloc(t->line_count + 1, sizeof *t->rows);
    t->failures = calloc(t->line_count + 1, sizeof *t->failures);
    t->delays = calloc(t->line_count + 1, sizeof *t->delays);
    if (!t->rows || !t->failures || !t->delays) goto failed;
    for (size_t i = 0; i < t->line_count; i++) {
        text_span content = content_of(t->lines[i]);
        if (content.length == 0 || content.start[0] == '#') continue;
        int parsed = content.start[0] == '@' ? parse_directive(t, i, content, error, error_size)
                                             : parse_row(t, i, content, error, error_size);
        if (parsed != 0) goto failed;
    }
    return 0;
failed:
    if (error_size > 0 && !error[0]) snprintf(error, error_size, "DismAPI emulator: out of memory reading the state file");
    mount_table_free(t);
    return -1;
}

static int write_all(FILE *f, const char *data, size_t length) {
    return fwrite(data, 1, length, f) == length ? 0 : -1;
}

static int write_row(FILE *f, const mount_row *row, text_span line) {
    for (int k = 0; k < 4; k++) {
        if (write_all(f, row->fields[k].start, row->fields[k].length) != 0 || fputc('\t', f) == EOF) return -1;
    }
    char status[16];
    mount_status_name(row->mount_status, status, sizeof status);
    int crlf = line.length > 0 && line.start[line.length - 1] == '\r';
    return fputs(status, f) == EOF || fputs(crlf ? "\r\n" : "\n", f) == EOF ? -1 : 0;
}

int mount_table_save(const mount_table *t, char *error, size_t error_size) {
    static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
    static unsigned long counter;
    pthread_mutex_lock(&counter_lock);
    unsigned long unique = ++counter;
    pthread_mutex_unlock(&counter_lock);

    size_t temp_size = strlen(t->path) + 64;
    char *temp = malloc(temp_size);
    if (!temp) return -1;
    snprintf(temp, temp_size, "%s.tmp.%ld.%lu", t->path, (long)getpid(), unique);
    FILE *f = fopen(temp, "wb");
    if (!f) {
        snprintf(error, error_size, "DismAPI emulator: cannot write %s: %s", temp, strerror(errno));
        free(temp);
        return -1;
    }
    int failed = 0;
    size_t next_row = 0;
    for (size_t i = 0; i < t->line_count && !failed; i++) {
        const mount_row *row = next_row < t->row_count && t->rows[next_row].line == i ? &t->rows[next_row++] : NULL;
        if (row && row->removed) continue;
        if (row && row->status_changed) {
            failed = write_row(f, row, t->lines[i]);
        } else {
            failed = write_all(f, t->lines[i].start, t->lines[i].length) != 0 || fputc('\n', f) == EOF;
        }
    }
    failed |= fflush(f) != 0;
    failed |= fclose(f) != 0;
    if (failed || rename(temp, t->path) != 0) {
        snprintf(error, error_size, "DismAPI emulator: cannot replace state file %s: %s", t->path, strerror(errno));
        unlink(temp);
        free(temp);
        return -1;
    }
    free(temp);
    return 0;
}

void mount_table_free(mount_table *t) {
    free(t->path);
    free(t->text);
    free(t->lines);
    free(t->rows);
    free(t->failures);
    free(t->delays);
    memset(t, 0, sizeof *t);
}

long mount_table_delay(const mount_table *t, const char *function) {
    long delay = 0;
    for (size_t i = 0; i < t->delay_count; i++) {
        if (span_equals(t->delays[i].function, function)) delay = t->delays[i].milliseconds;
    }
    return delay;
}

const injected_failure *mount_table_failure(const mount_table *t, const char *function) {
    const injected_failure *found = NULL;
    for (size_t i = 0; i < t->failure_count; i++) {
        if (span_equals(t->failures[i].function, function)) found = &t->failures[i];
    }
    return found;
}
