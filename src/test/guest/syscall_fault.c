/*
 * syscall_fault FAULT PROGRAM [ARG...]: runs PROGRAM with one system call made to fail
 * for good by a seccomp filter, so that the agent's handling of an error the kernel
 * keeps returning can be tested on the real agent (no root needed):
 *
 *   ppoll       every ppoll() fails with EINVAL (the agent waits for a run with it)
 *   nosignalfd  signalfd() fails with ENOSYS, as on a kernel without CONFIG_SIGNALFD
 *   waitpid     wait4(pid, &status, WNOHANG) fails with ECHILD; a wait with no status
 *               pointer (the agent's orphan reaper) or without WNOHANG is let through
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARG_LOW(n) (offsetof(struct seccomp_data, args[n]))
#define ARG_HIGH(n) (offsetof(struct seccomp_data, args[n]) + 4)
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define FAIL(err) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err))

static struct sock_filter ppoll_fails[] = {
	LOAD(offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	ALLOW,
	LOAD(offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ppoll, 0, 1),
	FAIL(EINVAL),
	ALLOW,
};

static struct sock_filter no_signalfd[] = {
	LOAD(offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	ALLOW,
	LOAD(offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_signalfd4, 1, 0),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_signalfd, 0, 1),
	FAIL(ENOSYS),
	ALLOW,
};

static struct sock_filter waitpid_fails[] = {
	LOAD(offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	ALLOW,
	LOAD(offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_wait4, 1, 0),
	ALLOW,
	LOAD(ARG_LOW(2)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, WNOHANG, 1, 0),
	ALLOW,
	LOAD(ARG_LOW(1)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
	FAIL(ECHILD),
	LOAD(ARG_HIGH(1)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
	ALLOW,
	FAIL(ECHILD),
};

int main(int argc, char **argv)
{
	struct sock_fprog prog;

	if (argc >= 3 && strcmp(argv[1], "ppoll") == 0) {
		prog.filter = ppoll_fails;
		prog.len = sizeof ppoll_fails / sizeof ppoll_fails[0];
	} else if (argc >= 3 && strcmp(argv[1], "nosignalfd") == 0) {
		prog.filter = no_signalfd;
		prog.len = sizeof no_signalfd / sizeof no_signalfd[0];
	} else if (argc >= 3 && strcmp(argv[1], "waitpid") == 0) {
		prog.filter = waitpid_fails;
		prog.len = sizeof waitpid_fails / sizeof waitpid_fails[0];
	} else {
		fprintf(stderr, "usage: %s ppoll|nosignalfd|waitpid PROGRAM [ARG...]\n", argv[0]);
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		fprintf(stderr, "syscall_fault: seccomp: %s\n", strerror(errno));
		return 1;
	}
	execv(argv[2], argv + 2);
	fprintf(stderr, "syscall_fault: exec %s: %s\n", argv[2], strerror(errno));
	return 127;
}
