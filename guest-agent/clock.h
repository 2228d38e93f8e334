/*
 * The one monotonic clock of the guest binaries: deadlines and the wall
 * time of a run must not jump when something sets the guest's date.
 */
#ifndef KBENCH_CLOCK_H
#define KBENCH_CLOCK_H

#include <stdint.h>

uint64_t monotonic_ns(void);
uint64_t monotonic_ms(void);

#endif
