#!/usr/bin/env python3
"""bench.py - runs `make bench`: boots the benchmark image under QEMU with the machine
flags of ../shared/bench-spec.md (q35, 2 CPUs, 1 GiB, TCG, OVMF), prints the guest's
`BENCH <name> <value> <unit>` lines as they arrive, adds `BENCH boot_to_user <s> s`
(QEMU start to the first line a user program wrote: init's), and keeps the serial log.
Exits non-zero if the guest fails, panics or runs out of time."""
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


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--image", required=True)
    ap.add_argument("--ovmf", default="/usr/share/ovmf/OVMF.fd")
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=900)
    a = ap.parse_args()
    cmd = qemu_command("q35", "2", a.image, a.ovmf)
    # the image was usually written just now (make bench builds it): flush it, so the
    # host's writeback does not compete with the first benchmarks
    os.sync()
    start = time.monotonic()
    q = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    os.makedirs(os.path.dirname(a.log) or ".", exist_ok=True)
    seen, user_at, ok = 0, None, False
    with open(a.log, "wb") as log:
        for raw in q.stdout:
            log.write(raw)
            line = ANSI.sub(b"", raw).decode("utf-8", "replace").strip("\r\n")
            if user_at is None and line.startswith("init:"):
                user_at = time.monotonic() - start
            if line.startswith("BENCH "):
                print(line, flush=True)
                seen += 1
            if "KERNEL PANIC" in line or line.startswith("bench:"):
                print(line, file=sys.stderr)
            if "benchmarks done: 0" in line:
                ok = True
            if time.monotonic() - start > a.timeout:
                os.killpg(q.pid, signal.SIGKILL)
                print("bench: timeout", file=sys.stderr)
                break
    q.wait()
    if user_at is not None:
        print(f"BENCH boot_to_user {user_at:.2f} s")
    if not ok or seen == 0:
        print(f"bench: the benchmark run did not complete (see {a.log})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
