#include "trace.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void trace_call(const char *function, HRESULT result) {
    const char *path = getenv("DISMAPI_EMULATOR_TRACE");
    if (!path || !*path) return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long millis = (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    char line[256];
    int n = snprintf(line, sizeof line, "%lld\t%s\t0x%08X\n", millis, function, (unsigned)result);
    if (n <= 0 || (size_t)n >= sizeof line) return;
    /* One write(2) with O_APPEND: lines from concurrent threads or processes never interleave. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    ssize_t written = write(fd, line, (size_t)n);
    (void)written;
    close(fd);
}
