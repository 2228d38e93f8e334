#!/usr/bin/env python3
"""Where a kernel's boot spends the host's time under emulation: boots KERNEL in QEMU (TCG, or
icount with --icount) with no initramfs and KASLR off, and samples the vCPU's instruction pointer
over QMP ("info registers") every 20 ms until the kernel panics for want of a root file system
(or, with --initrd, its init runs on), QEMU exits or --seconds pass. Prints the functions sampled most, by share of samples, which is
their share of the host's time (not of the guest's instructions: under TCG an instruction costs
the host more in some code than in other). With no System.map the samples are counted by 4 KiB
page of kernel text (objdump -d --start-address=... on an uncompressed vmlinux shows the code).

Usage: benchmarks/boot-profile.py KERNEL [--system-map FILE] [--icount] [--append ARGS] [--initrd FILE] [--seconds N] [--mem MiB]
Python 3 standard library and qemu-system-x86_64 only.
"""
import argparse
import bisect
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter


def symbols(path):
    """(sorted text addresses, their names) from a System.map."""
    found = []
    with open(path) as table:
        for line in table:
            fields = line.split()
            if len(fields) >= 3 and fields[1] in "tTwW":
                found.append((int(fields[0], 16), fields[2]))
    found.sort()
    return [a for a, _ in found], [n for _, n in found]


def where(rip, addresses, names):
    if rip < 0xffffffff80000000:
        return "(not kernel text: firmware, the bootstrap loader or user space)"
    if addresses:
        i = bisect.bisect(addresses, rip) - 1
        if i >= 0:
            return names[i]
    return f"page {rip & ~0xfff:#x}"


class Monitor:
    """QEMU's QMP socket, for human monitor commands."""

    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        # a guest that stops answering (QEMU stuck) ends the sampling rather than the script
        self.sock.settimeout(5)
        self.stream = self.sock.makefile("rw")
        self.stream.readline()
        self.command({"execute": "qmp_capabilities"})

    def command(self, request):
        self.stream.write(json.dumps(request) + "\n")
        self.stream.flush()
        while True:
            line = self.stream.readline()
            if not line:
                raise EOFError("QEMU closed its monitor")
            reply = json.loads(line)
            if "return" in reply or "error" in reply:
                return reply.get("return")

    def rip(self):
        text = self.command({"execute": "human-monitor-command", "arguments": {"command-line": "info registers"}})
        found = re.search(r"RIP=([0-9a-f]+)", text or "")
        return int(found.group(1), 16) if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kernel")
    parser.add_argument("--system-map")
    parser.add_argument("--icount", action="store_true", help="-icount shift=0, as kbench's --accel icount")
    parser.add_argument("--append", default="", help="more kernel command line, e.g. no_timer_check")
    parser.add_argument("--initrd", help="an initramfs (e.g. one of kbench's in ~/.cache/kbench/initramfs); without one the kernel panics at the root mount and QEMU exits")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--mem", type=int, default=256)
    args = parser.parse_args()
    addresses, names = symbols(args.system_map) if args.system_map else ([], [])
    with tempfile.TemporaryDirectory() as folder:
        qmp = os.path.join(folder, "qmp.sock")
        command = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg", "-cpu", "max", "-m", str(args.mem),
                   "-smp", "1", "-nodefaults", "-no-user-config", "-no-reboot", "-display", "none",
                   "-kernel", args.kernel, "-append", ("console=ttyS0 panic=-1 loglevel=4 nokaslr " + args.append).strip(),
                   "-serial", "file:" + os.path.join(folder, "console"),
                   "-qmp", f"unix:{qmp},server=on,wait=off"]
        if args.icount:
            command += ["-icount", "shift=0"]
        if args.initrd:
            command += ["-initrd", args.initrd]
        qemu = subprocess.Popen(command)
        samples = Counter()
        try:
            start = time.time()
            monitor = Monitor(qmp, start + 10)
            while time.time() - start < args.seconds and qemu.poll() is None:
                try:
                    rip = monitor.rip()
                except (EOFError, OSError):  # QEMU exited, or its monitor stopped answering (socket.timeout)
                    break
                if rip is not None:
                    samples[where(rip, addresses, names)] += 1
                time.sleep(0.02)
            elapsed = time.time() - start
        finally:
            qemu.kill()
            qemu.wait()
    total = sum(samples.values())
    if not total:
        sys.exit("boot-profile: no sample taken: QEMU exited at once (is the kernel a bzImage or vmlinux?)")
    print(f"{total} samples over {elapsed:.1f} s of the host's time")
    for name, count in samples.most_common(15):
        print(f"{100.0 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
