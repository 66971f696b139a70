#!/usr/bin/python3
"""Patchwork test runner: runs every test layer for `make test`.

Layers, in order:
  1. host tests    -- the Criterion binary given by --host-tests, run with --tap;
                      each TAP result is one test `host/<suite>.<name>`; then each
                      --host-check NAME=COMMAND (a shell command, e.g. make docs)
                      is one test `host/NAME`, passing when it exits with 0.
  2. runner tests  -- tests/host/test_testrun.py, run in-process with unittest;
                      each test is one test `runner/<name>`.
  3. guest tests   -- the test image booted in QEMU (OVMF, TCG), one run at a time:
                      q35 -smp 2 and q35 -smp 4 are full runs whose result lines
                      count one by one (`smp2:pmm/alloc`); pc -smp 1, q35 -smp 1
                      and pc -smp 4 form the boot matrix, one test each
                      (`boot/pc-smp1`).  Serial logs go to <out>/serial-<run>.log.
  4. end-to-end    -- with --e2e-image: the normal image booted with its serial
                      console on a pipe; tools/e2e.py types shell commands and
                      checks the answers, one test `e2e/<step>` per step.  Its
                      serial log is <out>/serial-e2e.log.

Every test is reported as `ok <name>` or `not ok <name>: <reason>`; the output
ends with exactly one line `N passed, N failed`.  Exit status is 0 only if
nothing failed and every guest run ended normally.

Usage:
  testrun.py --host-tests BIN --image IMG --out DIR [--ovmf FD] [--timeout S]
             [--host-check NAME=COMMAND]... [--e2e-image IMG] [--only-host]
  testrun.py parse LOGFILE [--exit-status N]   # verdict of one serial log
"""

import argparse
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unittest
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SELFTEST_FILE = os.path.join(ROOT, "tests", "host", "test_testrun.py")
E2E_FILE = os.path.join(ROOT, "tools", "e2e.py")

QEMU = "qemu-system-x86_64"
FULL_RUNS = [("smp2", "q35", 2), ("smp4", "q35", 4)]
BOOT_RUNS = [("pc-smp1", "pc", 1), ("q35-smp1", "q35", 1), ("pc-smp4", "pc", 4)]

RESULT_RE = re.compile(r"^(ok|not ok) ([a-z0-9_]+)/(\S+?)(: (.*))?$")
DONE_RE = re.compile(r"^tests done: (\d+) passed, (\d+) failed$")
LOADER_MARK, KERNEL_MARK, DONE_MARK = "patchwork-boot: Patchwork loader", "patchwork-kernel:", "tests done:"
PANIC_MARK = "KERNEL PANIC"
EXIT_DONE, EXIT_PANIC = (0x10 << 1) | 1, (0x11 << 1) | 1   # isa-debug-exit: 33, 35
PANIC_CONTEXT, TAIL_LINES = 40, 50

# ESC followed by a CSI sequence, an OSC string, or a short escape; or a lone ESC.
ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])?")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
NEWLINE_RE = re.compile(r"\r\n|\r|\n")

TAP_RESULT_RE = re.compile(r"^(ok|not ok)\b(?:\s+\d+)?(?:\s+-)?\s+(\S+)(.*)$")
TAP_PLAN_RE = re.compile(r"^1\.\.(\d+)")
TAP_FAILURE_RE = re.compile(r"^\s+- (.+?): \|[+-]?$")
TAP_TIME_RE = re.compile(r"\s*\(\d+(\.\d+)?s\)\s*$")


# ---------------------------------------------------------------- pure helpers

def strip_ansi(text: str) -> str:
    """Remove ANSI/VT escape sequences (as printed by OVMF) from text."""
    return ANSI_RE.sub("", text)


def clean_line(line: str) -> str:
    """One log line as parsed: no escapes, no \\r or other control chars, no trailing blanks."""
    return CONTROL_RE.sub("", strip_ansi(line)).rstrip()


def log_lines(text: str) -> List[str]:
    """Split a raw serial log into cleaned lines (\\r\\n, \\n and a lone \\r end a line)."""
    lines = [clean_line(l) for l in NEWLINE_RE.split(text)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def format_result(name: str, ok: bool, reason: str = "") -> str:
    """The protocol line for one test: `ok NAME [# note]` or `not ok NAME: REASON`."""
    if ok:
        return f"ok {name}" + (f" # {reason}" if reason else "")
    return f"not ok {name}" + (f": {reason}" if reason else "")


@dataclass
class TestLine:
    """One test result: name (`pmm/alloc`, `heap.multi`), outcome and reason."""
    name: str
    ok: bool
    reason: str = ""


@dataclass
class Result:
    """Verdict of one guest run.  `verdict` is "pass" or "tests failed" for a normal
    completion, else "panic", "reset", "timeout", "no end marker", "count mismatch"
    or "unexpected exit status"."""
    verdict: str
    detail: str = ""
    tests: List[TestLine] = field(default_factory=list)
    done: Optional[Tuple[int, int]] = None   # counts from the `tests done:` line
    exit_status: Optional[int] = None

    @property
    def passed(self) -> int:
        return sum(t.ok for t in self.tests)

    @property
    def failed(self) -> int:
        return sum(not t.ok for t in self.tests)

    @property
    def completed(self) -> bool:
        """True if the run ended normally (all tests ran, whatever their outcome)."""
        return self.verdict in ("pass", "tests failed")

    @property
    def ok(self) -> bool:
        return self.verdict == "pass"

    def summary(self) -> str:
        """One line: the verdict and the first line of its detail."""
        first = self.detail.splitlines()[0] if self.detail else ""
        return f"{self.verdict}: {first[:200]}" if first else self.verdict


def describe_exit(status: Optional[int]) -> str:
    """Human-readable QEMU exit status."""
    if status is None:
        return "unknown"
    if status < 0:
        return f"killed by signal {-status}"
    names = {EXIT_DONE: "tests done", EXIT_PANIC: "panic", 0: "guest reset, triple fault or shutdown"}
    return f"{status} ({names[status]})" if status in names else str(status)


def parse_log(text: str, exit_status: Optional[int] = None, timed_out: bool = False) -> Result:
    """Verdict of one guest run from its serial log (and optionally QEMU's exit
    status and whether the runner killed it on timeout).  Pure: no I/O."""
    lines = log_lines(text)
    tests: List[TestLine] = []
    done = panic_at = reset_at = None
    loaders = 0
    for i, line in enumerate(lines):
        if LOADER_MARK in line:
            loaders += 1
            if loaders == 2:
                reset_at = i
        if PANIC_MARK in line and panic_at is None:
            panic_at = i
        if done is not None:
            continue                      # `tests done:` ends the run
        m = DONE_RE.match(line)
        if m:
            done = (int(m.group(1)), int(m.group(2)))
            continue
        m = RESULT_RE.match(line)
        if m:
            tests.append(TestLine(f"{m.group(2)}/{m.group(3)}", m.group(1) == "ok", m.group(5) or ""))

    res = Result("pass", tests=tests, done=done, exit_status=exit_status)
    failed = [t.name for t in tests if not t.ok]
    if panic_at is not None:
        res.verdict = "panic"
        res.detail = "\n".join(lines[panic_at:panic_at + 1 + PANIC_CONTEXT])
    elif reset_at is not None:
        res.verdict, res.detail = "reset", f"loader line printed again at log line {reset_at + 1}"
    elif timed_out:
        res.verdict = "timeout"
        res.detail = "killed after the time limit" + ("" if done else " (no end marker)")
    elif done is None:
        res.verdict = "no end marker"
        res.detail = "log ends without 'tests done:'"
        if exit_status is not None:
            res.detail += f"; QEMU exit status {describe_exit(exit_status)}"
    elif done != (res.passed, res.failed):
        res.verdict = "count mismatch"
        res.detail = (f"'tests done' says {done[0]} passed, {done[1]} failed; "
                      f"log has {res.passed} ok and {res.failed} not ok lines")
    elif exit_status is not None and exit_status != EXIT_DONE:
        res.verdict = "unexpected exit status"
        res.detail = f"QEMU exit status {describe_exit(exit_status)}, expected {EXIT_DONE}"
    elif failed:
        res.verdict = "tests failed"
        res.detail = f"{len(failed)} failed: " + ", ".join(failed[:5]) + (", ..." if len(failed) > 5 else "")
    return res


def parse_tap(text: str) -> Tuple[List[TestLine], Optional[int]]:
    """Criterion TAP output -> (results named `suite.name`, plan count or None).
    The reason of a `not ok` is the text after the name (`timed out`, `unexpected
    signal ...`) and/or the first assertion message of the YAML block below it."""
    tests: List[TestLine] = []
    plan = None
    lines = [clean_line(l) for l in NEWLINE_RE.split(text)]
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        m = TAP_PLAN_RE.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = TAP_RESULT_RE.match(line)
        if not m:
            continue
        ok, name, rest = m.group(1) == "ok", m.group(2).replace("::", "."), m.group(3)
        rest = TAP_TIME_RE.sub("", rest).strip()
        messages = []
        if i < len(lines) and lines[i].strip() == "---":        # YAML diagnostics block
            i += 1
            while i < len(lines) and lines[i].strip() != "..." and lines[i][:1] in (" ", "\t"):
                f = TAP_FAILURE_RE.match(lines[i])
                i += 1
                if f:
                    msg = lines[i].strip() if i < len(lines) else ""
                    messages.append(f"{f.group(1)}: {msg}" if msg else f.group(1))
            if i < len(lines) and lines[i].strip() == "...":
                i += 1
        if rest.startswith("#"):
            directive = rest.lstrip("# ").strip()
            if directive.upper().startswith(("SKIP", "TODO")):
                tests.append(TestLine(name, True, directive))
                continue
        reason = ""
        if not ok:
            parts = [rest] if rest else []
            if messages:
                parts.append(messages[0] + (f" (+{len(messages) - 1} more)" if len(messages) > 1 else ""))
            reason = "; ".join(parts) or "failed"
        tests.append(TestLine(name, ok, reason))
    return tests, plan


# ---------------------------------------------------------------- the report

class Report:
    """Counts every test of every layer and remembers the failing lines."""

    def __init__(self, out=None):
        self.out = out or sys.stdout  # fixed now: unittest buffering swaps sys.stdout later
        self.passed = self.failed = 0
        self.failures: List[str] = []
        self.timings: List[str] = []
        self.abnormal = False        # a guest run did not end normally

    def add(self, name: str, ok: bool, reason: str = "", echo: bool = True):
        """Count one test; print its line unless echo is False (failures always print)."""
        line = format_result(name, ok, reason)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(line)
        if echo or not ok:
            print(line, file=self.out, flush=True)


def print_block(text: str, indent: str = "    | ", file=None):
    """Print text indented, so log lines are never taken for result lines."""
    for line in text.splitlines():
        print(indent + line, file=file or sys.stdout)


def run_group(cmd, timeout: float):
    """Run cmd in its own process group; kill the whole group after timeout seconds.
    Returns (stdout bytes, stderr bytes, exit status, timed out?)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        return out, err, proc.returncode, False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return out, err, proc.returncode, True
    finally:
        if proc.returncode is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# ---------------------------------------------------------------- layer 1: host

def run_host_tests(binary: str, timeout: float, report: Report):
    """Run the Criterion binary with --tap and count each TAP result."""
    print(f"== host tests: {binary} --tap", flush=True)
    if not os.path.isfile(binary):
        report.add("host/criterion", False, f"{binary} not found (not built?)")
        return
    try:
        out, err, status, timed_out = run_group([binary, "--tap"], timeout)
    except OSError as e:
        report.add("host/criterion", False, f"cannot run {binary}: {e}")
        return
    out_text, err_text = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    # Criterion's --help says TAP goes to stderr; 2.4.1 writes it to stdout. Read both.
    tests_out, plan_out = parse_tap(out_text)
    tests_err, plan_err = parse_tap(err_text)
    tests, plan = tests_out + tests_err, plan_out if plan_out is not None else plan_err
    for t in tests:
        report.add("host/" + t.name, t.ok, t.reason)
    problem = None
    if timed_out:
        problem = f"timed out after {timeout:g}s"
    elif not tests and plan != 0:
        problem = f"no TAP results (exit status {status})"
    elif plan is not None and plan != len(tests):
        problem = f"TAP plan announced {plan} tests, {len(tests)} reported"
    elif status != 0 and all(t.ok for t in tests):
        problem = f"exit status {status} although every test passed"
    if problem:
        report.add("host/criterion", False, problem)
        print_block("\n".join((out_text + err_text).splitlines()[-TAIL_LINES:]))


def host_check_arg(text: str) -> Tuple[str, str]:
    """argparse type of --host-check: NAME=COMMAND, NAME a valid test name."""
    name, sep, cmd = text.partition("=")
    if not sep or not cmd or not re.fullmatch(r"[a-z0-9_]+", name):
        raise argparse.ArgumentTypeError(f"expected NAME=COMMAND with NAME in [a-z0-9_], got {text!r}")
    return name, cmd


def run_host_checks(checks: List[Tuple[str, str]], timeout: float, report: Report):
    """Run each (name, shell command); `host/<name>` passes when it exits with 0."""
    for name, cmd in checks:
        print(f"== host check {name}: {cmd}", flush=True)
        try:
            out, err, status, timed_out = run_group(["/bin/sh", "-c", cmd], timeout)
        except OSError as e:
            report.add("host/" + name, False, f"cannot run: {e}")
            continue
        if timed_out or status != 0:
            why = f"timed out after {timeout:g}s" if timed_out else f"exit status {status}"
            report.add("host/" + name, False, why)
            text = (out + err).decode("utf-8", "replace")
            print_block("\n".join(text.splitlines()[-TAIL_LINES:]))
        else:
            report.add("host/" + name, True)


# ---------------------------------------------------------------- layer 2: runner

class LineResult(unittest.TestResult):
    """unittest result that reports each test as `ok runner/<name>` to a Report."""

    def __init__(self, report: Report):
        super().__init__()
        self.report = report
        self.buffer = True           # keep the tests' own prints out of the output

    def _add(self, test, ok, reason="", err=None):
        """Count one outcome; for a failure the reason is the exception's last line."""
        if err is not None:
            trace = self._exc_info_to_string(err, test).rstrip()
            reason = f"{reason}: {trace.splitlines()[-1]}"
        self.report.add(f"runner/{test._testMethodName}", ok, reason)
        if err is not None:
            print_block(trace, file=self.report.out)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._add(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._add(test, False, "failure", err)

    def addError(self, test, err):
        super().addError(test, err)
        self._add(test, False, "error", err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._add(test, False, f"subtest {subtest._subDescription()}", err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._add(test, True, f"SKIP {reason}")

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._add(test, True, "expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._add(test, False, "unexpected success")


def run_self_tests(report: Report):
    """Load tests/host/test_testrun.py and run it in-process."""
    print(f"== runner self-tests: {os.path.relpath(SELFTEST_FILE)}", flush=True)
    try:
        spec = importlib.util.spec_from_file_location("test_testrun", SELFTEST_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    except Exception as e:  # noqa: BLE001 - any import problem is a test failure
        report.add("runner/load", False, f"{type(e).__name__}: {e}")
        return
    suite.run(LineResult(report))


# ---------------------------------------------------------------- layer 3: guest

def qemu_command(machine: str, smp: int, image: str, ovmf: str) -> List[str]:
    """The QEMU command line of one guest run."""
    return [QEMU, "-machine", machine, "-smp", str(smp), "-m", "1G",
            "-accel", "tcg", "-bios", ovmf, "-drive", f"format=raw,file={image},snapshot=on",
            "-nic", "none", "-display", "none", "-serial", "stdio", "-monitor", "none",
            "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


def run_qemu(cmd: List[str], log_path: str, timeout: float):
    """Run QEMU, copying its serial output (stdout) raw to log_path line by line.
    Returns (log text, exit status, timed out?, marker times, QEMU stderr);
    marker times map "loader"/"kernel"/"done" to seconds since QEMU started."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    timed_out = threading.Event()

    def kill():
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    watchdog = threading.Timer(timeout, kill)
    watchdog.start()
    stderr: List[bytes] = []
    err_reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    err_reader.start()
    chunks, times = [], {}
    try:
        with open(log_path, "wb") as log:
            for raw in iter(proc.stdout.readline, b""):
                log.write(raw)
                log.flush()
                chunks.append(raw)
                line = clean_line(raw.decode("utf-8", "replace"))
                now = time.monotonic() - start
                for key, mark in (("loader", LOADER_MARK), ("kernel", KERNEL_MARK)):
                    if key not in times and mark in line:
                        times[key] = now
                if "done" not in times and line.startswith(DONE_MARK):
                    times["done"] = now
        proc.wait()
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            kill()
            proc.wait()
    err_reader.join(5)
    proc.stdout.close()
    proc.stderr.close()
    text = b"".join(chunks).decode("utf-8", "replace")
    return text, proc.returncode, timed_out.is_set(), times, b"".join(stderr).decode("utf-8", "replace")


def format_timing(label: str, times: dict) -> str:
    """`boot timing smp2: loader 3.1s, kernel 3.4s, tests done 9.8s` (- if never seen)."""
    def t(key):
        return f"{times[key]:.1f}s" if key in times else "-"
    return f"boot timing {label}: loader {t('loader')}, kernel {t('kernel')}, tests done {t('done')}"


def run_guest(label: str, machine: str, smp: int, args, report: Report, full: bool):
    """Boot the image once and count the run: every result line for a full run
    (`smp2:pmm/alloc`, plus one failure if the run did not end normally), or one
    test `boot/<label>` for a boot-matrix run."""
    log_path = os.path.join(args.out, f"serial-{label}.log")
    print(f"== guest {label}: -machine {machine} -smp {smp}, log {log_path}", flush=True)
    started = time.monotonic()
    text, status, timed_out, times, qemu_err = run_qemu(
        qemu_command(machine, smp, args.image, args.ovmf), log_path, args.timeout)
    res = parse_log(text, exit_status=status, timed_out=timed_out)
    report.timings.append(format_timing(label, times))
    print(f"   {label}: {res.verdict} ({res.passed} passed, {res.failed} failed), "
          f"QEMU exit status {describe_exit(status)} after {time.monotonic() - started:.1f}s", flush=True)
    if full:
        for t in res.tests:
            report.add(f"{label}:{t.name}", t.ok, t.reason, echo=False)
        if not res.completed:
            report.add(f"run/{label}", False, res.summary())
    else:
        report.add(f"boot/{label}", res.ok, "" if res.ok else res.summary())
        for t in res.tests:
            if not t.ok:
                print(f"    {label}: {format_result(t.name, t.ok, t.reason)}")
    if not res.completed:
        report.abnormal = True
    if not res.ok:
        print(f"   verdict {label}: {res.verdict}")
        if res.detail:
            print_block(res.detail)
        if qemu_err.strip():
            print("   QEMU stderr:")
            print_block(qemu_err.rstrip())
        print(f"   last {TAIL_LINES} lines of {log_path}:")
        print_block("\n".join(log_lines(text)[-TAIL_LINES:]))


def run_guests(args, report: Report):
    """All guest runs, sequentially: the two full runs, then the boot matrix."""
    missing = [p for p in (args.image, args.ovmf) if not os.path.isfile(p)]
    missing += [] if shutil.which(QEMU) else [QEMU]
    if missing:
        report.add("run/guest", False, "not found: " + ", ".join(missing))
        report.abnormal = True
        return
    os.makedirs(args.out, exist_ok=True)
    for label, machine, smp in FULL_RUNS:
        run_guest(label, machine, smp, args, report, full=True)
    for label, machine, smp in BOOT_RUNS:
        run_guest(label, machine, smp, args, report, full=False)


# ---------------------------------------------------------------- layer 4: end-to-end

def run_e2e(args, report: Report):
    """Load tools/e2e.py and run its steps on the normal image; each step is a test."""
    log_path = os.path.join(args.out, "serial-e2e.log")
    print(f"== end-to-end: {args.e2e_image} with the serial console on a pipe, log {log_path}", flush=True)
    try:
        spec = importlib.util.spec_from_file_location("e2e", E2E_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception as e:  # noqa: BLE001 - any import problem is a test failure
        report.add("e2e/load", False, f"{type(e).__name__}: {e}")
        return
    if not os.path.isfile(args.e2e_image):
        report.add("e2e/image", False, f"{args.e2e_image} not found (not built?)")
        return
    os.makedirs(args.out, exist_ok=True)
    if not module.run_e2e(args.e2e_image, args.ovmf, log_path, report.add):
        print(f"   last {TAIL_LINES} lines of {log_path}:")
        with open(log_path, "rb") as f:
            print_block("\n".join(log_lines(f.read().decode("utf-8", "replace"))[-TAIL_LINES:]))


# ---------------------------------------------------------------- command line

def cmd_parse(argv: List[str]) -> int:
    """`parse LOGFILE [--exit-status N]`: print the verdict of one log; 1 on failure."""
    ap = argparse.ArgumentParser(prog="testrun.py parse", description="Verdict of one serial log.")
    ap.add_argument("logfile")
    ap.add_argument("--exit-status", type=int, default=None, help="QEMU exit status of the run")
    args = ap.parse_args(argv)
    try:
        with open(args.logfile, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError as e:
        print(f"testrun.py parse: {e}", file=sys.stderr)
        return 2
    res = parse_log(text, exit_status=args.exit_status)
    for t in res.tests:
        if not t.ok:
            print(format_result(t.name, t.ok, t.reason))
    print(f"verdict: {res.verdict}")
    if res.detail:
        print_block(res.detail)
    print(f"{res.passed} passed, {res.failed} failed")
    return 0 if res.ok else 1


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point: run the layers and print the closing `N passed, N failed` line."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["parse"]:
        return cmd_parse(argv[1:])
    ap = argparse.ArgumentParser(description="Patchwork test runner (make test).")
    ap.add_argument("--host-tests", required=True, help="Criterion host test binary")
    ap.add_argument("--image", help="test disk image to boot")
    ap.add_argument("--out", help="directory for serial logs")
    ap.add_argument("--ovmf", default="/usr/share/ovmf/OVMF.fd", help="OVMF firmware image")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    ap.add_argument("--host-check", type=host_check_arg, action="append", default=[],
                    metavar="NAME=COMMAND", help="a shell command run as test host/NAME")
    ap.add_argument("--only-host", action="store_true", help="host and runner tests only")
    ap.add_argument("--e2e-image", help="normal disk image for the end-to-end shell test")
    args = ap.parse_args(argv)
    if not args.only_host and not (args.image and args.out):
        ap.error("--image and --out are required unless --only-host is given")

    report = Report()
    run_host_tests(args.host_tests, args.timeout, report)
    run_host_checks(args.host_check, args.timeout, report)
    run_self_tests(report)
    if not args.only_host:
        run_guests(args, report)
        if args.e2e_image:
            run_e2e(args, report)

    print("== summary")
    for line in report.failures:
        print(line)
    for line in report.timings:
        print(line)
    print(f"{report.passed} passed, {report.failed} failed", flush=True)
    return 0 if report.failed == 0 and not report.abnormal else 1


if __name__ == "__main__":
    sys.exit(main())
