"""Self-tests of the test runner tools/testrun.py (run by `make test` as the
`runner/` layer, or alone with `python3 -m unittest tests/host/test_testrun.py`).

They check the pure parts (serial log verdicts, Criterion TAP parsing, escape
stripping) against the fixture logs in tests/host/fixtures/, the `parse`
subcommand through a subprocess, and the QEMU/host-binary plumbing with
small stand-in programs.
"""

import contextlib
import importlib.util
import io
import socket
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.path.join(ROOT, "tools", "testrun.py")
FIXTURES = os.path.join(HERE, "fixtures")


def load_runner():
    """Import tools/testrun.py as a module (it is not a package)."""
    spec = importlib.util.spec_from_file_location("testrun_under_test", RUNNER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tr = load_runner()


def fixture(name):
    """Text of one fixture log, decoded the way the runner decodes serial output."""
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read().decode("utf-8", "replace")


def run_cli(*args):
    """Run `testrun.py ARGS...` in a subprocess; returns the CompletedProcess."""
    return subprocess.run([sys.executable, RUNNER, *args], capture_output=True, text=True, timeout=60)


BAD_FIXTURES = {
    "not_ok.log": "tests failed",
    "panic.log": "panic",
    "no_end.log": "no end marker",
    "count_mismatch.log": "count mismatch",
    "reset.log": "reset",
}

CRITERION_TAP = """TAP version 13
1..5
# Criterion v2.4.1
#
# Running 3 tests from pmm
not ok - pmm::fail_one  (0.00s)
  ---
  assertions: 1
  failures:
  - pmm_test.c:3: |+
      Assertion failed: one is not two
  ...
ok - pmm::alloc  (0.00s)
ok - pmm::skipped  # SKIP not now
#
# Running 2 tests from heap
not ok - heap::timeout timed out (0.52s)
not ok - heap::crash unexpected signal after heap_test.c:4
"""


class ParseLogTests(unittest.TestCase):
    """parse_log on the fixture logs and on small synthetic logs."""

    def test_pass_log_passes(self):
        res = tr.parse_log(fixture("pass.log"))
        self.assertEqual(res.verdict, "pass", res.detail)
        self.assertTrue(res.ok and res.completed)
        self.assertEqual((res.passed, res.failed), (6, 0))
        self.assertEqual(res.done, (6, 0))
        self.assertIn("heap/kmalloc_sizes", [t.name for t in res.tests])   # wrapped in colour codes
        self.assertNotIn("fake/not_a_result", [t.name for t in res.tests])  # not a whole line

    def test_pass_log_with_exit_33_passes(self):
        self.assertEqual(tr.parse_log(fixture("pass.log"), exit_status=33).verdict, "pass")

    def test_bad_fixtures_fail_with_their_verdict(self):
        for name, verdict in BAD_FIXTURES.items():
            with self.subTest(fixture=name):
                res = tr.parse_log(fixture(name))
                self.assertFalse(res.ok)
                self.assertEqual(res.verdict, verdict, res.detail)

    def test_not_ok_line_keeps_name_and_reason(self):
        res = tr.parse_log(fixture("not_ok.log"))
        self.assertTrue(res.completed)          # a normal completion, with one failure
        bad = [t for t in res.tests if not t.ok]
        self.assertEqual([t.name for t in bad], ["vmm/map_unmap"])
        self.assertEqual(bad[0].reason, "expected 0x1000 mapped, got fault (vmm_test.c:88)")
        self.assertIn("vmm/map_unmap", res.summary())

    def test_panic_keeps_panic_text_and_register_dump(self):
        res = tr.parse_log(fixture("panic.log"), exit_status=35)
        self.assertEqual(res.verdict, "panic")
        self.assertFalse(res.completed)
        self.assertTrue(res.detail.startswith("KERNEL PANIC: page fault at 0xffff800000001000"))
        self.assertIn("cr2=ffff800000001000", res.detail)
        self.assertIn("backtrace:", res.detail)

    def test_panic_detail_is_limited_to_40_following_lines(self):
        text = "ok pmm/a\nKERNEL PANIC: boom\n" + "".join(f"dump {i}\n" for i in range(100))
        detail = tr.parse_log(text).detail.splitlines()
        self.assertEqual(len(detail), 41)
        self.assertEqual(detail[-1], "dump 39")

    def test_exit_status_checked_on_complete_log(self):
        for status in (0, 1, 35, -9):
            with self.subTest(status=status):
                res = tr.parse_log(fixture("pass.log"), exit_status=status)
                self.assertEqual(res.verdict, "unexpected exit status")
                self.assertFalse(res.completed)

    def test_timeout_verdict(self):
        self.assertEqual(tr.parse_log(fixture("no_end.log"), exit_status=-9, timed_out=True).verdict,
                         "timeout")

    def test_reset_exit_0_without_end_marker(self):
        res = tr.parse_log(fixture("no_end.log"), exit_status=0)
        self.assertEqual(res.verdict, "no end marker")
        self.assertIn("reset", res.detail)

    def test_only_whole_lines_are_results(self):
        text = ("junk ok pmm/a\nok pmm/b extra words\nok PMM/c\nok pmm/d\n"
                "not ok vfs/open_bad_path: got -2, want -14\nnot ok vfs/no_reason\n"
                "tests done: 1 passed, 2 failed\n")
        res = tr.parse_log(text)
        self.assertEqual([(t.name, t.ok, t.reason) for t in res.tests],
                         [("pmm/d", True, ""), ("vfs/open_bad_path", False, "got -2, want -14"),
                          ("vfs/no_reason", False, "")])
        self.assertEqual(res.verdict, "tests failed")

    def test_results_after_end_marker_are_ignored(self):
        res = tr.parse_log("ok pmm/a\ntests done: 1 passed, 0 failed\nnot ok pmm/late: x\n")
        self.assertEqual(res.verdict, "pass")
        self.assertEqual(len(res.tests), 1)

    def test_count_mismatch_on_failed_count(self):
        res = tr.parse_log("ok pmm/a\nnot ok pmm/b: x\ntests done: 2 passed, 0 failed\n")
        self.assertEqual(res.verdict, "count mismatch")

    def test_empty_log(self):
        self.assertEqual(tr.parse_log("").verdict, "no end marker")


class TextHelperTests(unittest.TestCase):
    """Escape stripping, line cleaning and line formats."""

    def test_strip_ansi(self):
        cases = {
            "\x1b[2J\x1b[01;01H\x1b[=3hok pmm/a": "ok pmm/a",
            "\x1b[1m\x1b[33m\x1b[40mMapping table\x1b[0m": "Mapping table",
            "\x1b]0;title\x07text": "text",
            "\x1b(Bplain\x1bc": "plain",
            "no escapes [brackets] here": "no escapes [brackets] here",
            "trailing lone \x1b": "trailing lone ",
        }
        for raw, want in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(tr.strip_ansi(raw), want)

    def test_clean_line_removes_cr_and_controls(self):
        self.assertEqual(tr.clean_line("\x1b[0mok pmm/a\x1b[0m \r"), "ok pmm/a")
        self.assertEqual(tr.clean_line("ok\x00 pmm/b\x08"), "ok pmm/b")

    def test_log_lines_splits_crlf_and_lone_cr(self):
        self.assertEqual(tr.log_lines("a\r\nb\nc\rd\r\n"), ["a", "b", "c", "d"])

    def test_format_result(self):
        self.assertEqual(tr.format_result("host/pmm.alloc", True), "ok host/pmm.alloc")
        self.assertEqual(tr.format_result("smp2:vfs/open", False, "ENOENT"), "not ok smp2:vfs/open: ENOENT")

    def test_format_timing(self):
        self.assertEqual(tr.format_timing("smp2", {"loader": 3.14, "kernel": 3.4, "done": 9.81}),
                         "boot timing smp2: loader 3.1s, kernel 3.4s, tests done 9.8s")
        self.assertEqual(tr.format_timing("pc-smp1", {"loader": 2.0}),
                         "boot timing pc-smp1: loader 2.0s, kernel -, tests done -")

    def test_qemu_command(self):
        cmd = tr.qemu_command("pc", 4, "img.raw", "OVMF.fd")
        joined = " ".join(cmd)
        self.assertEqual(cmd[0], "qemu-system-x86_64")
        for part in ("-machine pc", "-smp 4", "-m 1G", "-accel tcg", "-bios OVMF.fd",
                     "format=raw,file=img.raw,snapshot=on", "-serial stdio", "-no-reboot",
                     "isa-debug-exit,iobase=0xf4,iosize=0x04"):
            self.assertIn(part, joined)


class TapTests(unittest.TestCase):
    """Criterion TAP parsing."""

    def test_parse_criterion_tap(self):
        tests, plan = tr.parse_tap(CRITERION_TAP)
        self.assertEqual(plan, 5)
        got = {t.name: (t.ok, t.reason) for t in tests}
        self.assertEqual(got, {
            "pmm.fail_one": (False, "pmm_test.c:3: Assertion failed: one is not two"),
            "pmm.alloc": (True, ""),
            "pmm.skipped": (True, "SKIP not now"),
            "heap.timeout": (False, "timed out"),
            "heap.crash": (False, "unexpected signal after heap_test.c:4"),
        })

    def test_parse_numbered_tap(self):
        tests, plan = tr.parse_tap("1..2\nok 1 - font::glyph_a\nnot ok 2 - font::glyph_b\n")
        self.assertEqual(plan, 2)
        self.assertEqual([(t.name, t.ok, t.reason) for t in tests],
                         [("font.glyph_a", True, ""), ("font.glyph_b", False, "failed")])

    def test_unterminated_yaml_block_does_not_eat_results(self):
        tests, _ = tr.parse_tap("not ok - a::b\n  ---\n  failures:\nok - a::c\n")
        self.assertEqual([t.name for t in tests], ["a.b", "a.c"])

    def test_host_layer_with_stand_in_binary(self):
        with tempfile.TemporaryDirectory() as tmp:
            fake = os.path.join(tmp, "host-tests")
            with open(fake, "w") as f:
                f.write("#!/bin/sh\ncat <<'EOF'\n" + CRITERION_TAP + "EOF\nexit 1\n")
            os.chmod(fake, stat.S_IRWXU)
            out = io.StringIO()
            report = tr.Report(out)
            with contextlib.redirect_stdout(out):
                tr.run_host_tests(fake, 30, report)
            self.assertEqual((report.passed, report.failed), (2, 3))
            self.assertIn("not ok host/heap.timeout: timed out", out.getvalue())
            report = tr.Report(io.StringIO())
            with contextlib.redirect_stdout(io.StringIO()):
                tr.run_host_tests(os.path.join(tmp, "missing"), 30, report)
            self.assertEqual((report.passed, report.failed), (0, 1))

    def test_host_checks_pass_on_exit_0_only(self):
        out = io.StringIO()
        report = tr.Report(out)
        with contextlib.redirect_stdout(out):
            tr.run_host_checks([("docs", "true"), ("lint", "echo warning: boom; exit 3")], 30, report)
        self.assertEqual((report.passed, report.failed), (1, 1))
        self.assertIn("ok host/docs", out.getvalue())
        self.assertIn("not ok host/lint: exit status 3", out.getvalue())
        self.assertIn("    | warning: boom", out.getvalue())

    def test_host_check_argument(self):
        self.assertEqual(tr.host_check_arg("docs=make docs"), ("docs", "make docs"))
        for bad in ("docs", "=make", "Docs=make", "docs="):
            with self.subTest(arg=bad), self.assertRaises(Exception):
                tr.host_check_arg(bad)


class CliTests(unittest.TestCase):
    """The `parse LOGFILE [--exit-status N]` subcommand."""

    def test_cli_parse_pass(self):
        proc = run_cli("parse", os.path.join(FIXTURES, "pass.log"), "--exit-status", "33")
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("verdict: pass", proc.stdout)
        self.assertEqual(proc.stdout.splitlines()[-1], "6 passed, 0 failed")

    def test_cli_parse_bad_logs_fail(self):
        for name, verdict in BAD_FIXTURES.items():
            with self.subTest(fixture=name):
                proc = run_cli("parse", os.path.join(FIXTURES, name))
                self.assertNotEqual(proc.returncode, 0, proc.stdout)
                self.assertIn(f"verdict: {verdict}", proc.stdout)

    def test_cli_parse_bad_exit_status_fails(self):
        proc = run_cli("parse", os.path.join(FIXTURES, "pass.log"), "--exit-status", "35")
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("verdict: unexpected exit status", proc.stdout)


class QemuPlumbingTests(unittest.TestCase):
    """run_qemu with a stand-in program instead of QEMU."""

    def run_fake(self, script, timeout):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "serial.log")
            result = tr.run_qemu([sys.executable, "-c", script], log, timeout)
            with open(log, "rb") as f:
                return result, f.read()

    def test_run_qemu_logs_raw_output_and_times_markers(self):
        script = ("import sys,time\nw=sys.stdout.buffer.write\n"
                  "w(b'\\x1b[2Jpatchwork-boot: Patchwork loader, hi\\r\\n');sys.stdout.flush();time.sleep(0.3)\n"
                  "w(b'patchwork-kernel: hi\\r\\nok pmm/a\\r\\ntests done: 1 passed, 0 failed\\r\\n')\n"
                  "sys.exit(33)\n")
        (text, status, timed_out, times, _), raw = self.run_fake(script, 30)
        self.assertEqual(raw, b"\x1b[2Jpatchwork-boot: Patchwork loader, hi\r\npatchwork-kernel: hi\r\nok pmm/a\r\n"
                              b"tests done: 1 passed, 0 failed\r\n")
        self.assertEqual((status, timed_out), (33, False))
        self.assertEqual(set(times), {"loader", "kernel", "done"})
        self.assertGreaterEqual(times["kernel"] - times["loader"], 0.2)
        self.assertEqual(tr.parse_log(text, status, timed_out).verdict, "pass")

    def test_run_qemu_kills_on_timeout(self):
        script = "import time\nprint('patchwork-boot: Patchwork loader, hi', flush=True)\ntime.sleep(60)\n"
        start = time.monotonic()
        (text, status, timed_out, times, _), _ = self.run_fake(script, 1)
        self.assertLess(time.monotonic() - start, 20)
        self.assertTrue(timed_out)
        self.assertEqual(tr.parse_log(text, status, timed_out).verdict, "timeout")


E2E_SPEC = importlib.util.spec_from_file_location("e2e_under_test", os.path.join(ROOT, "tools", "e2e.py"))
e2e = importlib.util.module_from_spec(E2E_SPEC)
E2E_SPEC.loader.exec_module(e2e)

# A stand-in for the guest: a prompt like the shell's, `echo X` prints X, `hang` waits
# for ^C and then prints what the shell prints for an interrupted command.
FAKE_SHELL = r"""
import os, sys
def w(b):
    sys.stdout.buffer.write(b); sys.stdout.flush()
w(b'firmware noise\r\nhome:/$ \x1b[K')
line = b''
while True:
    c = os.read(0, 1)
    if not c:
        break
    if c != b'\r':
        line += c
        continue
    if line.startswith(b'echo '):
        w(b'\r\n' + line[5:] + b'\r\n')
    elif line == b'hang':
        while os.read(0, 1) != b'\x03':
            pass
        w(b'\r\n^C\r\nshell: interrupt\r\n')
    line = b''
    w(b'\rhome:/$ \x1b[K')
"""


class E2eTests(unittest.TestCase):
    """tools/e2e.py's step logic against FAKE_SHELL instead of QEMU."""

    def run_steps(self, steps):
        results = []
        saved = e2e.STEP_TIMEOUT
        e2e.STEP_TIMEOUT = 5
        try:
            ok = e2e.run_e2e("unused.img", "unused.fd", None, lambda *r: results.append(r), steps,
                             command=[sys.executable, "-c", FAKE_SHELL])
        finally:
            e2e.STEP_TIMEOUT = saved
        return ok, results

    def test_steps_pass_and_repeat_keys_until_seen(self):
        ok, results = self.run_steps([e2e.Step("echo", "echo hi\r", rb"\nhi\r?\n"),
                                      e2e.Step("interrupt", "hang\r", rb"shell: interrupt", repeat_keys="\x03")])
        self.assertTrue(ok)
        self.assertEqual([(n, o) for n, o, _ in results],
                         [("e2e/boot_to_prompt", True), ("e2e/echo", True), ("e2e/interrupt", True)])

    def test_missing_output_fails_and_skips_the_rest(self):
        ok, results = self.run_steps([e2e.Step("wrong", "echo a\r", rb"\nb\r?\n"),
                                      e2e.Step("after", "echo c\r", rb"\nc")])
        self.assertFalse(ok)
        self.assertEqual(results[1][:2], ("e2e/wrong", False))
        self.assertIn("no b", results[1][2])
        self.assertEqual(results[2], ("e2e/after", False, "skipped: an earlier step failed"))

    def test_forbidden_output_fails(self):
        ok, results = self.run_steps([e2e.Step("quiet", "echo shell: oops\r", rb"\n", forbid=rb"shell: ")])
        self.assertFalse(ok)
        self.assertEqual(results[1][:2], ("e2e/quiet", False))

    def test_qemu_command_is_bidirectional_serial(self):
        cmd = e2e.qemu_command("x.img", "o.fd", "/tmp/m.sock")
        self.assertIn("stdio,id=com1,signal=off", cmd)
        self.assertIn("chardev:com1", cmd)
        self.assertIn("unix:/tmp/m.sock,server=on,wait=off", cmd)
        self.assertNotIn("isa-debug-exit,iobase=0xf4,iosize=0x04", cmd)

    def test_keyboard_keys_go_to_the_monitor_as_sendkey(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "mon.sock")
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(path)
            server.listen(1)
            got = []
            def serve():
                conn, _ = server.accept()
                with conn:
                    while (data := conn.recv(4096)):
                        got.append(data)
            t = threading.Thread(target=serve, daemon=True)
            t.start()
            con = e2e.Console.__new__(e2e.Console)
            con.monitor = path
            con.press("shift-k ret")
            t.join(5)
            server.close()
        self.assertEqual(b"".join(got), b"sendkey shift-k\nsendkey ret\n")


if __name__ == "__main__":
    unittest.main()
