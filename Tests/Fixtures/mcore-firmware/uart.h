#ifndef UART_H
#define UART_H
#include <stdint.h>
void uart_init(uint32_t clock_hz, uint32_t baud);
void uart_putc(char c);
void uart_puts(const char *s);
void uart_putu(uint32_t value);
#endif
