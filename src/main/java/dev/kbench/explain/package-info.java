/**
 * {@code kbench explain}: where the difference between two kernels on one workload goes, function
 * by function. Each kernel runs in fresh VMs whose instructions kbench's TCG plugin counts per
 * guest address inside the workload's timed region ({@code count}); the guest's own
 * {@code /proc/kallsyms} names the addresses ({@link Kallsyms}); {@link Explanation} sets the two
 * kernels' counts per operation side by side against the difference the workload itself printed,
 * and the writers turn it into a table, JSON and a bar chart. Depends on {@code plan}, {@code vm},
 * {@code count} and {@code guest}; only {@code cli} depends on it.
 */
package dev.kbench.explain;
