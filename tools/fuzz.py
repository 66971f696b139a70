#!/usr/bin/env python3
"""fuzz.py - runs `make fuzz`: boots the fuzz image (the normal kernel; its home:/cfg/init
starts home:/tests/fuzz with a long run) under QEMU q35 with 2 CPUs, prints the fuzzer's
and the suite's lines as they arrive, and stops QEMU once the suite is done.
Exits non-zero if a case fails, the kernel panics, or the time runs out."""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testrun import qemu_command  # noqa: E402  (one QEMU command line for every runner)

ANSI = re.compile(rb"\x1b\[[0-9;=?]*[A-Za-z]")
LAST_CASE = "fuzz/scratch_removed"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--image", required=True)
    ap.add_argument("--ovmf", default="/usr/share/ovmf/OVMF.fd")
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--smp", default="2")
    a = ap.parse_args()
    cmd = qemu_command("q35", a.smp, a.image, a.ovmf)
    start = time.monotonic()
    q = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    os.makedirs(os.path.dirname(a.log) or ".", exist_ok=True)
    failed, finished, panic_lines = False, False, -1
    with open(a.log, "wb") as log:
        for raw in q.stdout:
            log.write(raw)
            log.flush()
            line = ANSI.sub(b"", raw).decode("utf-8", "replace").strip("\r\n")
            if "KERNEL PANIC" in line:
                failed, panic_lines = True, 0
            if panic_lines >= 0 or line.startswith(("fuzz", "ok fuzz/", "not ok fuzz/", "init:")):
                print(line, flush=True)
            if line.startswith("not ok "):
                failed = True
            if panic_lines >= 0:
                panic_lines += 1  # the registers and the backtrace follow the panic line
            if line.startswith(("ok " + LAST_CASE, "not ok " + LAST_CASE)) or panic_lines > 60:
                finished = True
            if finished or time.monotonic() - start > a.timeout:
                break
    os.killpg(q.pid, signal.SIGKILL)
    q.wait()
    if not finished:
        print(f"fuzz: the run did not finish in {a.timeout:.0f} s (see {a.log})", file=sys.stderr)
        return 1
    print(f"fuzz: {'FAILED' if failed else 'passed'} in {time.monotonic() - start:.0f} s (log: {a.log})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
