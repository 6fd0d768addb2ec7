// Kept apart from <termios.h>: glibc's struct termios and the kernel's
// <asm/termbits.h> cannot be included in the same translation unit.
#include <asm/termbits.h>
#include <asm/ioctls.h>
#include "ampscope_shims.h"

int ioctl(int fd, unsigned long request, ...);

int ampscope_set_custom_baud(int fd, unsigned int rate) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    tio.c_cflag &= ~CBAUD;
    tio.c_cflag |= BOTHER;
    tio.c_cflag &= ~(CBAUD << IBSHIFT);
    tio.c_cflag |= BOTHER << IBSHIFT;
    tio.c_ispeed = rate;
    tio.c_ospeed = rate;
    return ioctl(fd, TCSETS2, &tio);
}

int ampscope_get_baud(int fd, unsigned int *input_rate, unsigned int *output_rate) {
    struct termios2 tio;
    if (ioctl(fd, TCGETS2, &tio) != 0) return -1;
    *input_rate = tio.c_ispeed;
    *output_rate = tio.c_ospeed;
    return 0;
}
