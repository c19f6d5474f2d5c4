"""What the benchmarks share: timing a cold command (wall; CPU of the command and every process
it started; the largest peak memory of any one of them) and the closing table of each target
beside its measurement.

Wall time is what a user waits for and what the targets are about; on a shared machine it moves
with the load, so each line also gives the CPU time, which does not (much), and the load average.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Cold:
    """One run of a command in a fresh process."""

    wall: float
    cpu: float            # user + system of the command and of every process it started
    peak_mb: float        # the largest peak resident memory of any one of those processes
    returncode: int


def compile_bytecode() -> str:
    """Write docgen's bytecode before a fresh process is timed, as an installed docgen has it.

    pip compiles the modules of a regular install; a checkout installed with ``pip install -e``
    gets its bytecode written on first import, unless ``PYTHONDONTWRITEBYTECODE`` is set (as on
    the build machine): then every fresh process compiles docgen's 200-odd modules again, about
    half a second of a cold ``docgen dossier`` that no installed docgen spends. ``compileall``
    writes the files whatever that variable says; a file already up to date is left alone.
    Returns the line the benchmark prints about it."""
    import compileall

    package = Path(__file__).resolve().parents[1] / "docgen"
    compileall.compile_dir(str(package), quiet=2)
    setting = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"docgen's bytecode written beforehand, as an installed docgen has it (PYTHONDONTWRITEBYTECODE {setting})"


def docgen_command() -> list[str]:
    """What a user types: the ``docgen`` console script installed beside this Python (a script,
    which multiprocessing would run again in each worker: see ``cli._console_script_not_rerun_in_workers``),
    or ``python -m docgen`` where there is none."""
    script = Path(sys.executable).with_name("docgen.exe" if os.name == "nt" else "docgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "docgen"]


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants' orphans (Linux), so that processes a
    command leaves behind (the layout workers' fork server, ending just after it) are waited for
    and their CPU time counted."""
    try:
        import ctypes

        pr_set_child_subreaper = 36        # <linux/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_child_subreaper, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def reap_orphans() -> float:
    """Wait for the processes a finished command left behind (adopted by :func:`adopt_orphans`);
    their CPU seconds, and that of the processes they waited for (a fork server's workers)."""
    cpu = 0.0
    while True:
        try:
            _, _, usage = os.wait4(-1, 0)
        except ChildProcessError:
            return cpu
        cpu += usage.ru_utime + usage.ru_stime


def run_cold(cmd: list[str], *, env: dict[str, str] | None = None, cwd: str | None = None) -> Cold:
    """``cmd`` in a fresh process, its output discarded; measured through ``os.wait4`` so that the
    CPU time and peak memory are the command's own (and its workers'), not the benchmark's."""
    adopt_orphans()
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    cpu, peaks = usage.ru_utime + usage.ru_stime, [usage.ru_maxrss / 1024]
    while True:                            # what it left behind ends within moments: wait for it
        try:
            _, _, more = os.wait4(-1, 0)
        except ChildProcessError:
            break
        cpu += more.ru_utime + more.ru_stime
        peaks.append(more.ru_maxrss / 1024)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        err = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{' '.join(cmd[:4])}... failed ({process.returncode}):\n{err[-2000:]}")
    if process.stderr:
        process.stderr.close()
    return Cold(wall, cpu, max(peaks), process.returncode)


def best(runs: list[Cold]) -> Cold:
    """The fastest run (the one least disturbed by other processes), with the highest peaks seen."""
    fastest = min(runs, key=lambda r: r.wall)
    return Cold(fastest.wall, fastest.cpu, max(r.peak_mb for r in runs), fastest.returncode)


@dataclass
class Target:
    label: str
    measured: float
    limit: float
    unit: str
    higher_is_better: bool = False
    cpu: float | None = None          # CPU seconds of the measured run, when it has one
    note: str = ""

    @property
    def met(self) -> bool:
        return self.measured >= self.limit if self.higher_is_better else self.measured < self.limit


# The machine's own speed, which drifts on a shared machine by more than most changes gain (on
# 7 December 2026 the same small page took up to 60 % longer to lay out at one hour than at
# another): one small page (render/layout_preload.SAMPLE) laid out in a fresh process, the fastest
# of 20 after the warm-up. On the build machine, in a quiet hour: 37.5 ms. A wall time is worth
# comparing with another only beside this.
_REFERENCE = """
import time
from docgen.render import layout_preload, pdf
from docgen.render.registry import template_roots
roots = tuple(template_roots(None))
times = []
for _ in range(20):
    start = time.process_time()
    pdf.html_to_pdf(layout_preload.SAMPLE, roots, identity="reference")
    times.append(time.process_time() - start)
print(min(times) * 1000)
"""
REFERENCE_QUIET_MS = 37.5


def reference_page_ms() -> float | None:
    """Milliseconds of CPU to lay out the reference page here and now (None if it cannot run)."""
    try:
        done = subprocess.run([sys.executable, "-c", _REFERENCE], capture_output=True, text=True, timeout=120)
        return float(done.stdout.strip().splitlines()[-1])
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return None


def print_targets(title: str, targets: list[Target]) -> None:
    """The table every benchmark ends with: target, measurement (wall), CPU, ratio, verdict."""
    load = os.getloadavg()[0]
    reference = reference_page_ms()
    if reference is not None:
        print(f"\nmachine speed now: a reference page laid out in {reference:.1f} ms of CPU "
              f"({reference / REFERENCE_QUIET_MS:.2f} x the build machine's quiet hour, {REFERENCE_QUIET_MS:g} ms)")
    print(f"\n{title} (load average {load:.2f} on {os.cpu_count()} CPU(s); targets are for an idle 2-core machine)")
    print(f"{'target':<46} {'goal':>11} {'measured':>11} {'CPU s':>8} {'ratio':>6}  verdict")
    for t in targets:
        goal = f"{'>=' if t.higher_is_better else '<'} {t.limit:g} {t.unit}"
        ratio = t.measured / t.limit if t.limit else 0.0
        cpu = f"{t.cpu:8.2f}" if t.cpu is not None else f"{'':8}"
        verdict = "met" if t.met else "NOT MET"
        print(f"{t.label:<46} {goal:>11} {t.measured:8.2f} {t.unit:<2} {cpu} {ratio:6.2f}  {verdict}"
              + (f"  ({t.note})" if t.note else ""))
