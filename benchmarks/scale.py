"""``agenda`` over a large synthetic portfolio (100,000 cases by default), with the portfolio index.

Run: python benchmarks/scale.py [--cases 100000] [--touch 100] [--keep DIR]
(``python benchmarks/portfolio.py --scheduler`` runs it too, after the Dask comparison.)

Prints the time to write the portfolio (docgen.portfolio.synthetic, every core), then three
``agenda`` runs, each in a fresh process with the default parallelism: cold (no index yet: every
case file read, parsed, validated and indexed), warm (nothing changed: no file read) and after
touching ``--touch`` case files (only those read again, and not parsed: same content). Each run
computes every statement for its as-of date. CPU seconds (all processes) are printed beside the
wall time: the machine is shared, and wall time moves with its load.

Targets: warm run under 60 s; files read again on the warm run 0; after touching N files, N.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from targets import compile_bytecode  # noqa: E402 - benchmarks/targets.py

AS_OF = date(2026, 10, 15)
TARGETS = {"warm_s": 60.0}


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phase_agenda(folder: str) -> dict:
    from docgen import agenda

    start, cpu = time.perf_counter(), _cpu()
    items = agenda(folder, AS_OF, assume_last_rate=True)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"cases": len(items), "seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak / 1024,
            "stats": items.stats.to_dict(), "due": sum(1 for i in items if i.due_on(AS_OF)),
            "invalid": sum(1 for i in items if i.stage == "invalid")}


def phase_write(folder: str, cases: str) -> dict:
    from docgen.portfolio.synthetic import make_portfolio

    start, cpu = time.perf_counter(), _cpu()
    written = make_portfolio(folder, int(cases), AS_OF)
    return {"cases": len(written), "seconds": time.perf_counter() - start, "cpu_seconds": _cpu() - cpu}


PHASES = {"agenda": phase_agenda, "write": phase_write}


def _run_phase(name: str, *args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<48} {value:>22}   {target}")


def run(cases: int = 100_000, touch: int = 100, keep: Path | None = None) -> None:
    """The whole measurement, printed."""
    with tempfile.TemporaryDirectory(prefix="docgen-scale-") as tmp:
        folder = (keep or Path(tmp)) / "portfolio"
        if not (folder.is_dir() and keep):
            w = _run_phase("write", str(folder), str(cases))
            _line(f"synthetic portfolio ({w['cases']} cases), written", f"{w['seconds']:6.1f} s",
                  f"{w['cpu_seconds']:.1f} CPU s, {w['cases'] / w['seconds']:.0f} cases/s")
            time.sleep(2.5)          # files written in the instant they are read are hashed again next time
        index = folder / ".docgen-cache" / "index.sqlite"
        if index.exists():
            index.unlink()
        cold = _run_phase("agenda", str(folder))
        _report("agenda, cold (index built)", cold)
        size = index.stat().st_size / 1e6 if index.exists() else 0.0
        _line("  index size", f"{size:6.1f} MB")
        warm = _run_phase("agenda", str(folder))
        _report("agenda, warm (nothing changed)", warm, f"target < {TARGETS['warm_s']:.0f} s")
        _line("  case files read again, warm", f"{warm['stats']['reread']:6d}", "target 0")
        touched = sorted(folder.glob("*/case.yaml"))[::max(1, cases // max(1, touch))][:touch]
        when = time.time() - 10
        for path in touched:
            os.utime(path, (when, when))
        after = _run_phase("agenda", str(folder))
        _report(f"agenda, after touching {len(touched)} case files", after)
        _line("  case files read again / parsed again", f"{after['stats']['reread']:6d} / {after['stats']['parsed']}",
              f"target {len(touched)} / 0")
        same = (cold["cases"], cold["due"], cold["invalid"]) == (warm["cases"], warm["due"], warm["invalid"]) \
            == (after["cases"], after["due"], after["invalid"])
        _line("  same agenda (cases, due, invalid) on every run", "yes" if same else "NO",
              f"{cold['cases']} cases, {cold['due']} due, {cold['invalid']} invalid")


def _report(label: str, r: dict, target: str = "") -> None:
    _line(label, f"{r['seconds']:6.1f} s ({r['cpu_seconds']:.0f} CPU s)",
          (target + "  " if target else "") + f"{r['peak_mb']:.0f} MB peak, {r['cpu_seconds'] / r['cases'] * 1000:.2f} "
          "ms CPU per case")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--touch", type=int, default=100)
    parser.add_argument("--keep", type=Path, default=None, help="write (or reuse) the portfolio in this folder")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(PHASES[args.phase](*args.args)))
        return
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    print(compile_bytecode())
    run(args.cases, args.touch, args.keep)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
