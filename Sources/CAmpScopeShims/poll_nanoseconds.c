#define _GNU_SOURCE
#include <poll.h>
#include <stddef.h>
#include <time.h>
#include "ampscope_shims.h"

int ampscope_poll_nanoseconds(struct pollfd *fds, unsigned long count, long long timeout_ns) {
    if (timeout_ns < 0) return ppoll(fds, (nfds_t)count, NULL, NULL);
    struct timespec timeout = { .tv_sec = timeout_ns / 1000000000LL, .tv_nsec = timeout_ns % 1000000000LL };
    return ppoll(fds, (nfds_t)count, &timeout, NULL);
}
