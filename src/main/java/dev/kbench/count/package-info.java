/**
 * Instruction counts from kbench's own TCG plugin ({@code qemu-plugin/kbench_count.c}): building it
 * against the installed QEMU's plugin header ({@link PluginHeader}, {@link CountingPlugin}), the
 * arguments a VM that counts is started with ({@link Counting}), and what the plugin wrote
 * ({@link CountLog}). Depends on nothing of kbench's but the cache and its exceptions; the VM
 * layer depends on it.
 */
package dev.kbench.count;
