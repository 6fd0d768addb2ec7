/* The emulated board's M-core firmware: prints the banner of the MCUXpresso SDK hello_world demo
 * (boards/<board>/demo_apps/hello_world/hello_world.c: PRINTF("hello world.\r\n")), then a
 * heartbeat line every HEARTBEAT_MS like the user firmware in samples/legacy-m4-halted-at-clock-gating,
 * "\r\n" terminated as the SDK's debug console writes. The heartbeat is what lets a capture see
 * the moment the core stops. */
#include <stdint.h>
#include "uart.h"

/* MPS2 FPGA images run the core at 25 MHz (AN386 §3.2); QEMU's mps2 models the same SYSCLK. */
#define CORE_CLOCK_HZ 25000000u
#define HEARTBEAT_MS 20u

/* CMSDK APB timer 0 (AN386 §3.4: 0x40000000; Cortex-M System Design Kit TRM): counts PCLK down
 * from RELOAD and sets INTSTATUS when it wraps, polled here so no interrupt handler is needed. */
#define TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)
#define TIMER0_INTSTATUS (*(volatile uint32_t *)0x4000000Cu)
#define TIMER_CTRL_ENABLE 0x1u
#define TIMER_CTRL_IRQ_ENABLE 0x8u

/* TIMER0's interrupt is IRQ 8 on the MPS2 images (AN386 §3.9). With interrupts masked (PRIMASK)
 * a pending one still ends WFI, so the core sleeps between heartbeats without a handler: a
 * polling loop would keep QEMU's CPU thread busy and starve the timer on a loaded host. */
#define TIMER0_IRQ 8u
#define NVIC_ISER0 (*(volatile uint32_t *)0xE000E100u)
#define NVIC_ICPR0 (*(volatile uint32_t *)0xE000E280u)

static void wait_period(void)
{
    while (!(TIMER0_INTSTATUS & 1u)) __asm__ volatile("wfi");
    TIMER0_INTSTATUS = 1u;
    NVIC_ICPR0 = 1u << TIMER0_IRQ;
}

int main(void)
{
    uart_init(CORE_CLOCK_HZ, 115200);
    TIMER0_RELOAD = CORE_CLOCK_HZ / 1000u * HEARTBEAT_MS - 1u;
    TIMER0_VALUE = CORE_CLOCK_HZ / 1000u * HEARTBEAT_MS - 1u;
    __asm__ volatile("cpsid i");
    NVIC_ISER0 = 1u << TIMER0_IRQ;
    TIMER0_CTRL = TIMER_CTRL_ENABLE | TIMER_CTRL_IRQ_ENABLE;
    uart_puts("\r\nhello world.\r\n");
    uint32_t ticks = 0;
    for (uint32_t beat = 1;; beat++) {
        wait_period();
        ticks += HEARTBEAT_MS;
        uart_puts("heartbeat ");
        uart_putu(beat);
        uart_puts(" tick=");
        uart_putu(ticks);
        uart_puts("\r\n");
    }
}
