/* Reset handler and vector table of the emulated M-core (QEMU mps2-an386, Cortex-M4).
 * The layout follows ARMv7-M: word 0 is the initial stack pointer, word 1 the reset vector
 * (ARMv7-M Architecture Reference Manual, B1.5.3), as in CMSIS startup_<device>.S files. */
#include <stdint.h>

extern uint32_t __stack_top, __data_load, __data_start, __data_end, __bss_start, __bss_end;
int main(void);

static void fault_handler(void)
{
    for (;;) {
    }
}

void reset_handler(void)
{
    uint32_t *src = &__data_load;
    for (uint32_t *dst = &__data_start; dst < &__data_end;) *dst++ = *src++;
    for (uint32_t *dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;
    main();
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))&__stack_top, reset_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, fault_handler, 0, 0, 0, 0,
    fault_handler, fault_handler, 0, fault_handler, fault_handler,
};
