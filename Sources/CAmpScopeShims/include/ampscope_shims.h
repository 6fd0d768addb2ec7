// Thin wrappers over C calls that Swift cannot make directly: variadic ioctl(2),
// Linux's termios2 (arbitrary baud rates), and async-signal-safe signal handlers.
// Each returns 0 on success or -1 with errno set, like the calls they wrap.
#ifndef AMPSCOPE_SHIMS_H
#define AMPSCOPE_SHIMS_H

#include <stddef.h>

// termios2: set any baud rate with BOTHER (both directions); read the rates back.
int ampscope_set_custom_baud(int fd, unsigned int rate);
int ampscope_get_baud(int fd, unsigned int *input_rate, unsigned int *output_rate);

// Exclusive mode (TIOCEXCL / TIOCNXCL): further open(2) calls fail with EBUSY.
int ampscope_set_exclusive(int fd, int exclusive);
int ampscope_get_exclusive(int fd, int *exclusive);

// Modem control lines (TIOCMGET / TIOCMSET) and the bits for DTR and RTS.
int ampscope_get_modem_lines(int fd, int *bits);
int ampscope_set_modem_lines(int fd, int bits);
extern const int ampscope_tiocm_dtr;
extern const int ampscope_tiocm_rts;

// The kernel's UART error counters (TIOCGICOUNT, struct serial_icounter_struct in
// include/uapi/linux/serial.h): received bytes the chip or the tty layer dropped or got damaged.
// Drivers that keep none (pseudo-terminals, some USB chips) fail with ENOTTY or EINVAL.
struct ampscope_uart_counters {
    unsigned int overrun;         // the UART's receive FIFO overflowed
    unsigned int buffer_overrun;  // the tty layer's buffer was full
    unsigned int frame;
    unsigned int parity;
    unsigned int brk;
};
int ampscope_get_uart_counters(int fd, struct ampscope_uart_counters *counters);

// Bytes waiting to be read (FIONREAD).
int ampscope_bytes_available(int fd, int *count);

// Terminal size of fd (TIOCGWINSZ).
int ampscope_window_size(int fd, unsigned short *columns, unsigned short *rows);

// Low-latency flag of a serial driver (TIOCGSERIAL / TIOCSSERIAL, ASYNC_LOW_LATENCY).
int ampscope_get_low_latency(int fd, int *enabled);
int ampscope_set_low_latency(int fd, int enabled);

// A pseudo-terminal pair; the slave's path is written to name (NUL-terminated).
int ampscope_open_pty(int *master, int *slave, char *name, size_t name_capacity);

// On each listed signal, write the signal number as one byte to write_fd
// (self-pipe: the poll loop wakes up and handles it outside signal context).
int ampscope_install_signal_pipe(int write_fd, const int *signals, int count);
// Restore default dispositions for the signals installed above.
void ampscope_reset_signals(const int *signals, int count);

// poll(2) with a nanosecond timeout (ppoll; Swift's Glibc module does not export it).
// timeout_ns < 0 waits forever. Lets timed loops hit CLOCK_MONOTONIC deadlines without
// rounding every wait up to a whole millisecond.
#include <poll.h>
int ampscope_poll_nanoseconds(struct pollfd *fds, unsigned long count, long long timeout_ns);

#endif
