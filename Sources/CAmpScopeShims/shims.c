#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/serial.h>
#include <unistd.h>
#include "ampscope_shims.h"

const int ampscope_tiocm_dtr = TIOCM_DTR;
const int ampscope_tiocm_rts = TIOCM_RTS;

int ampscope_set_exclusive(int fd, int exclusive) {
    return ioctl(fd, exclusive ? TIOCEXCL : TIOCNXCL);
}

int ampscope_get_exclusive(int fd, int *exclusive) {
#ifdef TIOCGEXCL
    return ioctl(fd, TIOCGEXCL, exclusive);
#else
    errno = ENOTTY;
    return -1;
#endif
}

int ampscope_get_modem_lines(int fd, int *bits) { return ioctl(fd, TIOCMGET, bits); }
int ampscope_set_modem_lines(int fd, int bits) { return ioctl(fd, TIOCMSET, &bits); }
int ampscope_bytes_available(int fd, int *count) { return ioctl(fd, FIONREAD, count); }

int ampscope_window_size(int fd, unsigned short *columns, unsigned short *rows) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *columns = ws.ws_col;
    *rows = ws.ws_row;
    return 0;
}

int ampscope_get_low_latency(int fd, int *enabled) {
    struct serial_struct ss;
    if (ioctl(fd, TIOCGSERIAL, &ss) != 0) return -1;
    *enabled = (ss.flags & ASYNC_LOW_LATENCY) != 0;
    return 0;
}

int ampscope_set_low_latency(int fd, int enabled) {
    struct serial_struct ss;
    if (ioctl(fd, TIOCGSERIAL, &ss) != 0) return -1;
    if (enabled) ss.flags |= ASYNC_LOW_LATENCY; else ss.flags &= ~ASYNC_LOW_LATENCY;
    return ioctl(fd, TIOCSSERIAL, &ss);
}

int ampscope_get_uart_counters(int fd, struct ampscope_uart_counters *counters) {
    struct serial_icounter_struct icount;
    memset(&icount, 0, sizeof icount);
    if (ioctl(fd, TIOCGICOUNT, &icount) != 0) return -1;
    counters->overrun = (unsigned int)icount.overrun;
    counters->buffer_overrun = (unsigned int)icount.buf_overrun;
    counters->frame = (unsigned int)icount.frame;
    counters->parity = (unsigned int)icount.parity;
    counters->brk = (unsigned int)icount.brk;
    return 0;
}

int ampscope_open_pty(int *master, int *slave, char *name, size_t name_capacity) {
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -1;
    if (grantpt(m) != 0 || unlockpt(m) != 0 || ptsname_r(m, name, name_capacity) != 0) {
        int saved = errno; close(m); errno = saved; return -1;
    }
    int s = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) { int saved = errno; close(m); errno = saved; return -1; }
    *master = m;
    *slave = s;
    return 0;
}

static int signal_pipe_fd = -1;

static void write_signal_byte(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    if (signal_pipe_fd >= 0) { ssize_t ignored = write(signal_pipe_fd, &byte, 1); (void)ignored; }
    errno = saved;
}

int ampscope_install_signal_pipe(int write_fd, const int *signals, int count) {
    signal_pipe_fd = write_fd;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = write_signal_byte;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigset_t unblock;
    sigemptyset(&unblock);
    for (int i = 0; i < count; i++) {
        if (sigaction(signals[i], &sa, NULL) != 0) return -1;
        sigaddset(&unblock, signals[i]);
    }
    // A parent may have started us with these signals blocked (some process launchers do):
    // then Ctrl-C and SIGTERM would never reach the handler.
    return pthread_sigmask(SIG_UNBLOCK, &unblock, NULL) == 0 ? 0 : -1;
}

void ampscope_reset_signals(const int *signals, int count) {
    for (int i = 0; i < count; i++) signal(signals[i], SIG_DFL);
    signal_pipe_fd = -1;
}
