#!/usr/bin/python3
"""End-to-end test of the console shell (testing.md layer 4), run by tools/testrun.py.

Boots the NORMAL image headless with COM1 on QEMU's stdin/stdout (a stdio chardev:
what we write is typed on the serial line, what the guest prints comes back), waits
for the shell's prompt, types each step's keys and waits for the step's expected
output followed by the next prompt.  Every step is one test `e2e/<name>`.

To add a step, append to STEPS, e.g.:

Alone: tools/e2e.py IMAGE [--ovmf FD] [--log FILE]   (prints the result lines)
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, List, Optional

QEMU = "qemu-system-x86_64"
# The line editor redraws "\r<cwd>$ <line>\x1b[K": a prompt is "$ " then erase-to-end.
PROMPT_RE = re.compile(rb"home:/[^\s$]*\$ \x1b\[K")
BOOT_TIMEOUT, STEP_TIMEOUT = 240.0, 90.0


@dataclass
class Step:
    """One typed command line: `keys` are sent, `expect` (a bytes regex) must appear in
    what comes back before the next prompt, `forbid` (optional) must not.  `repeat`
    resends `repeat_keys` every few seconds until `expect` shows (for ^C, which only
    counts once the command is running).  With `prompt` False the step ends at its
    expected output (a program still running, typed to by the next step).  With
    `keyboard` the keys are QEMU key names (`shift-k`, `spc`, `ret`) pressed on the
    emulated PS/2 keyboard through the monitor, not typed on the serial line: the path
    IRQ 1 -> I/O APIC -> driver -> console -> shell."""
    name: str
    keys: str
    expect: bytes
    forbid: Optional[bytes] = None
    repeat_keys: Optional[str] = None
    prompt: bool = True
    keyboard: bool = False


STEPS: List[Step] = [
    Step("pipeline", "echo hello pipeline | tshell upper\r", rb"\nHELLO PIPELINE\r?\n"),
    Step("redirect_new_file", "echo e2e-data > home:/usr/e2e.txt\r", rb"\n", forbid=rb"shell: "),
    Step("read_back", "tshell upper < home:/usr/e2e.txt\r", rb"\nE2E-DATA\r?\n"),
    Step("cat_and_wc", "cat home:/usr/e2e.txt | wc -c\r", rb"\n9\r?\n"),
    Step("lua_one_liner", 'lua -e "print(6*7, math.sqrt(2), (\'x\'):rep(3))"\r', rb"\n42\t1\.4142135623731\txxx\r?\n"),
    Step("line_editing", "echo abX\x7fc\x01\x05d\r", rb"\nabcd\r?\n"),
    Step("history", "\x1b[A\x1b[A\x1b[B\r", rb"\nabcd\r?\n"),
    Step("utilities", "ls home:/bin | grep ^shel\r", rb"\nshell\r?\n"),
    Step("fault", "crash\r", rb"shell: pagefault at 0x0 ip 0x[0-9a-f]+"),
    Step("program_reads_console", "tshell ready\r", rb"\nready\r?\n", prompt=False),
    Step("cooked_line_and_end_of_file", "cooked lime\x7f\x7fne\r\x04", rb"\nCOOKED LINE\r?\n"),
    Step("interrupt", "tshell sleep 600000\r", rb"shell: interrupt", repeat_keys="\x03"),
    Step("ps2_keyboard_types_a_command", "e c h o spc shift-k b d minus shift-o k ret",
         rb"\nKbd-Ok\r?\n", keyboard=True),
    Step("exit_respawns_shell", "exit\r", rb"\n"),
]


def qemu_command(image: str, ovmf: str, monitor: str) -> List[str]:
    """QEMU on the normal image with COM1 on stdio (bidirectional), no display, and
    the human monitor on the unix socket `monitor` (for sendkey)."""
    return [QEMU, "-machine", "q35", "-smp", "2", "-m", "1G", "-accel", "tcg", "-bios", ovmf,
            "-drive", f"format=raw,file={image},snapshot=on", "-nic", "none", "-display", "none",
            "-chardev", "stdio,id=com1,signal=off", "-serial", "chardev:com1",
            "-monitor", f"unix:{monitor},server=on,wait=off", "-no-reboot"]


class Console:
    """The guest's serial console: a reader thread collects its output (and copies it to
    a log file); expect() waits for a pattern in the output after a position."""

    def __init__(self, proc: subprocess.Popen, log, monitor: Optional[str] = None):
        self.proc, self.log, self.monitor = proc, log, monitor
        self.out = bytearray()
        self.cond = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            with self.cond:
                if not data:
                    self.closed = True
                    self.cond.notify_all()
                    return
                self.out += data
                if self.log:
                    self.log.write(data)
                    self.log.flush()
                self.cond.notify_all()

    def send(self, keys: str):
        """Types keys (one write; QEMU's UART takes them as fast as the guest drains)."""
        self.proc.stdin.write(keys.encode("utf-8"))
        self.proc.stdin.flush()

    def press(self, keys: str):
        """Presses each of the space-separated QEMU key names on the PS/2 keyboard
        (monitor `sendkey`, a press and a release each), a little apart."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mon:
            mon.connect(self.monitor)
            for key in keys.split():
                mon.sendall(f"sendkey {key}\n".encode())
                time.sleep(0.15)

    def expect(self, pattern: re.Pattern, start: int, timeout: float,
               tick: Optional[Callable[[], None]] = None) -> Optional[re.Match]:
        """The first match of pattern in the output from start on, or None after timeout
        seconds or when QEMU ends.  tick() runs about every 3 s while waiting."""
        deadline = time.monotonic() + timeout
        next_tick = time.monotonic() + 3
        with self.cond:
            while True:
                m = pattern.search(self.out, start)
                if m or self.closed:
                    return m
                now = time.monotonic()
                if now >= deadline:
                    return None
                if tick and now >= next_tick:
                    self.cond.release()
                    try:
                        tick()
                    finally:
                        self.cond.acquire()
                    next_tick = now + 3
                self.cond.wait(min(deadline, next_tick) - now if tick else deadline - now)

    def tail(self, start: int, n: int = 400) -> str:
        """The output since start (its last n bytes), printable, for failure reasons."""
        text = bytes(self.out[start:])[-n:].decode("utf-8", "replace")
        text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)
        return text.replace("\r", "").replace("\n", "\\n")


def run_step(con: Console, step: Step) -> (bool, str):
    """Types one step and checks what comes back; (ok, reason)."""
    start = len(con.out)
    if step.keyboard:
        con.press(step.keys)
    else:
        con.send(step.keys)
    tick = (lambda: con.send(step.repeat_keys)) if step.repeat_keys else None
    m = con.expect(re.compile(step.expect), start, STEP_TIMEOUT, tick)
    if not m:
        return False, f"no {step.expect!r} in: {con.tail(start)}"
    if not step.prompt:
        return True, ""
    p = con.expect(PROMPT_RE, m.end(), STEP_TIMEOUT)
    if not p:
        return False, f"no prompt after the output: {con.tail(start)}"
    if step.forbid and re.search(step.forbid, bytes(con.out[start:p.start()])):
        return False, f"unexpected {step.forbid!r} in: {con.tail(start)}"
    return True, ""


def run_e2e(image: str, ovmf: str, log_path: Optional[str], add: Callable[[str, bool, str], None],
            steps: Optional[List[Step]] = None, command: Optional[List[str]] = None) -> bool:
    """Boots image, runs the steps (default STEPS), reports each through add(name, ok,
    reason); a step after a failed one is reported as skipped (failed).  command
    replaces the QEMU command line (the runner's self-tests use a stand-in).
    Returns True if every step passed."""
    log = open(log_path, "wb") if log_path else None
    mon_dir = tempfile.mkdtemp(prefix="e2e-mon-")
    monitor = os.path.join(mon_dir, "monitor.sock")
    proc = subprocess.Popen(command or qemu_command(image, ovmf, monitor), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    all_ok = True
    try:
        con = Console(proc, log, monitor)
        prompt = con.expect(PROMPT_RE, 0, BOOT_TIMEOUT)
        add("e2e/boot_to_prompt", bool(prompt), "" if prompt else f"no prompt: {con.tail(0)}")
        all_ok = bool(prompt)
        for step in (steps if steps is not None else STEPS):
            ok, reason = run_step(con, step) if all_ok else (False, "skipped: an earlier step failed")
            add(f"e2e/{step.name}", ok, reason)
            all_ok &= ok
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        if log:
            log.close()
        shutil.rmtree(mon_dir, ignore_errors=True)
    return all_ok


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description="End-to-end shell test on the serial console.")
    ap.add_argument("image")
    ap.add_argument("--ovmf", default="/usr/share/ovmf/OVMF.fd")
    ap.add_argument("--log", default=None, help="file for the raw serial output")
    args = ap.parse_args(argv)

    def add(name, ok, reason):
        print(f"ok {name}" if ok else f"not ok {name}: {reason}", flush=True)

    return 0 if run_e2e(args.image, args.ovmf, args.log, add) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
