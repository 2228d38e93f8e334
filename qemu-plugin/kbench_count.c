/*
 * kbench's TCG plugin: counts the guest's executed instructions exactly and writes the count
 * down at every executed write to kbench's marker ports, so a boot phase or a measured run is a
 * number of instructions rather than a host time.
 *
 *   -plugin PATH/kbench_count.so,out=FILE[,functions=on]
 *
 * FILE gets one line per event, written at once (QEMU may be killed at any moment):
 *   kbench-count 1            the format
 *   m COUNT                   an "outb %al, $0xf4": a boot marker (its byte reaches the host
 *                             through isa-debugcon; the plugin cannot read registers, so the
 *                             host pairs the n-th stamp with the n-th byte it received)
 *   w COUNT                   an "outb %al, $0xf5": a workload opening or closing its timed window
 *   f PC COUNT                functions=on, after a window's closing w: the instructions each
 *                             guest address executed inside that window (only those that ran)
 *   e                         the end of those lines
 * COUNT is the instructions every vCPU executed before this one. kbench runs TCG single-threaded
 * with the plugin, so one counter without atomics is exact.
 *
 * Only the immediate form of OUT (E6 ib) is recognised: it is what the marker patch, the suite's
 * kernels, the agent and the workloads compile to for a constant port.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MARKER_PORT 0xf4
#define WINDOW_PORT 0xf5
#define OUT_IMM8 0xe6

/* Instructions executed so far, by every vCPU. */
static uint64_t executed;
static int out_fd = -1;
static bool count_functions;

/* One counter per guest instruction address, when counting functions. Entries live in chunks
 * that never move, because each instruction's inline add holds its counter's address. */
struct site {
	uint64_t pc;
	uint64_t count;
	uint64_t at_open;	/* count when the current window opened */
	struct site *next;	/* in its hash bucket */
};

#define CHUNK_SITES 65536
struct chunk {
	struct site sites[CHUNK_SITES];
	size_t used;
	struct chunk *prev;
};

#define BUCKETS (1u << 20)
static struct site **buckets;
static struct chunk *chunks;
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;
static bool window_open;

static void write_all(const char *text, size_t len)
{
	while (len > 0) {
		ssize_t n = write(out_fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;		/* a full disk loses counts, not the guest */
		text += n;
		len -= (size_t)n;
	}
}

static void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void emit(const char *fmt, ...)
{
	char line[96];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0)
		write_all(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static struct site *site_for(uint64_t pc)
{
	size_t b = (size_t)((pc * 0x9e3779b97f4a7c15ull) >> 44) & (BUCKETS - 1);
	struct site *s;

	pthread_mutex_lock(&sites_lock);
	for (s = buckets[b]; s != NULL; s = s->next)
		if (s->pc == pc)
			goto out;
	if (chunks == NULL || chunks->used == CHUNK_SITES) {
		struct chunk *c = calloc(1, sizeof *c);

		if (c == NULL) {
			s = NULL;
			goto out;
		}
		c->prev = chunks;
		chunks = c;
	}
	s = &chunks->sites[chunks->used++];
	s->pc = pc;
	s->count = 0;
	/* an address first run inside an open window started it at zero */
	s->at_open = 0;
	s->next = buckets[b];
	buckets[b] = s;
out:
	pthread_mutex_unlock(&sites_lock);
	return s;
}

/* The window's per-address counts, as "f PC COUNT" lines in one buffered pass. */
static void write_window(void)
{
	static char buf[1 << 16];
	size_t used = 0;

	pthread_mutex_lock(&sites_lock);
	for (struct chunk *c = chunks; c != NULL; c = c->prev) {
		for (size_t i = 0; i < c->used; i++) {
			struct site *s = &c->sites[i];
			uint64_t n = s->count - s->at_open;

			if (n == 0)
				continue;
			if (sizeof buf - used < 64) {
				write_all(buf, used);
				used = 0;
			}
			used += (size_t)snprintf(buf + used, sizeof buf - used, "f %" PRIx64 " %" PRIu64 "\n",
						 s->pc, n);
		}
	}
	pthread_mutex_unlock(&sites_lock);
	write_all(buf, used);
	write_all("e\n", 2);
}

static void open_window(void)
{
	pthread_mutex_lock(&sites_lock);
	for (struct chunk *c = chunks; c != NULL; c = c->prev)
		for (size_t i = 0; i < c->used; i++)
			c->sites[i].at_open = c->sites[i].count;
	pthread_mutex_unlock(&sites_lock);
}

/* QEMU runs an instruction's callbacks before its inline adds (accel/tcg/plugin-gen.c), so
 * "executed" does not count the OUT yet: the stamp is the instructions before it. */
static void on_marker(unsigned int vcpu_index, void *udata)
{
	(void)vcpu_index;
	(void)udata;
	emit("m %" PRIu64 "\n", executed);
}

static void on_window(unsigned int vcpu_index, void *udata)
{
	(void)vcpu_index;
	(void)udata;
	emit("w %" PRIu64 "\n", executed);
	if (!count_functions)
		return;
	if (window_open)
		write_window();
	else
		open_window();
	window_open = !window_open;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		const uint8_t *bytes = qemu_plugin_insn_data(insn);
		size_t size = qemu_plugin_insn_size(insn);

		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
		if (count_functions) {
			struct site *s = site_for(qemu_plugin_insn_vaddr(insn));

			if (s != NULL)
				qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
									   &s->count, 1);
		}
		if (size == 2 && bytes[0] == OUT_IMM8 && bytes[1] == MARKER_PORT)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker, QEMU_PLUGIN_CB_NO_REGS, NULL);
		else if (size == 2 && bytes[0] == OUT_IMM8 && bytes[1] == WINDOW_PORT)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_window, QEMU_PLUGIN_CB_NO_REGS, NULL);
	}
}

static void on_qemu_exit(qemu_plugin_id_t id, void *p)
{
	(void)id;
	(void)p;
	emit("t %" PRIu64 "\n", executed);
	close(out_fd);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
					   char **argv)
{
	const char *out = NULL;

	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) == 0) {
			out = argv[i] + 4;
		} else if (strcmp(argv[i], "functions=on") == 0) {
			count_functions = true;
		} else if (strcmp(argv[i], "functions=off") != 0) {
			fprintf(stderr, "kbench_count: unknown argument %s (takes out=FILE, functions=on|off)\n", argv[i]);
			return -1;
		}
	}
	if (out == NULL) {
		fprintf(stderr, "kbench_count: no out=FILE given\n");
		return -1;
	}
	if (info->system_emulation == false) {
		fprintf(stderr, "kbench_count: counts a whole guest; load it in qemu-system, not qemu-user\n");
		return -1;
	}
	out_fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out_fd < 0) {
		fprintf(stderr, "kbench_count: cannot write %s: %s\n", out, strerror(errno));
		return -1;
	}
	if (count_functions) {
		buckets = calloc(BUCKETS, sizeof *buckets);
		if (buckets == NULL) {
			fprintf(stderr, "kbench_count: out of memory\n");
			return -1;
		}
	}
	emit("kbench-count 1\n");
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
