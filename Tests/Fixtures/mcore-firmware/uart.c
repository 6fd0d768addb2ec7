/* Polled driver for the CMSDK APB UART, UART0 of the MPS2 FPGA images (AN386 §3.4: 0x40004000;
 * register map from the Cortex-M System Design Kit TRM: DATA, STATE, CTRL, INTSTATUS, BAUDDIV). */
#include "uart.h"

#define UART0_BASE 0x40004000u
#define UART_DATA (*(volatile uint32_t *)(UART0_BASE + 0x00))
#define UART_STATE (*(volatile uint32_t *)(UART0_BASE + 0x04))
#define UART_CTRL (*(volatile uint32_t *)(UART0_BASE + 0x08))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10))
#define STATE_TX_FULL 0x1u
#define CTRL_TX_ENABLE 0x1u
#define CTRL_RX_ENABLE 0x2u

void uart_init(uint32_t clock_hz, uint32_t baud)
{
    UART_BAUDDIV = clock_hz / baud;
    UART_CTRL = CTRL_TX_ENABLE | CTRL_RX_ENABLE;
}

void uart_putc(char c)
{
    while (UART_STATE & STATE_TX_FULL) {
    }
    UART_DATA = (uint8_t)c;
}

void uart_puts(const char *s)
{
    while (*s) uart_putc(*s++);
}

void uart_putu(uint32_t value)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n) uart_putc(digits[--n]);
}
