"""Portfolio throughput: agenda over 10,000 cases, batch PDF rendering, and the LibreOffice route.

Run: python benchmarks/portfolio.py [--cases 10000] [--sample 300] [--jobs 2] [--profile]

A synthetic portfolio (docgen.portfolio.synthetic) is written to a temporary folder. Each
measured step runs in a fresh process (so imports, font loading and peak memory are its own):

- ``docgen agenda --json`` over every case, the command end to end (first run: the index is
  built; second run: the index is kept, the target), and the agenda in-process
  with the default parallelism;
- ``batch --doc relance --accept-unconfirmed`` over a sample, serial (-j 1) and parallel (-j N):
  reminder PDFs/second, agenda pass and worker start-up included;
- when ``soffice`` is installed, the LibreOffice route for the very documents the batch rendered,
  on the same N cores: the DOCX of each reminder (docxtpl, N processes), then one warm
  ``soffice --headless --convert-to pdf`` per core over its share (each with its own profile,
  started once beforehand so that its first-start set-up is not counted).

Targets (issue 11, point 7; an idle 2-core machine): agenda over 10,000 cases < 8 s; >= 12
reminder PDFs/s with 2 workers; >= 2x the LibreOffice route. Wall times on a shared machine move
with its load: batch runs are repeated (``--repeat``, the fastest kept) and CPU time and the load
average are printed next to them; the run ends with each target beside its measurement.
``--profile`` adds a cProfile of serial rendering.

``--scheduler [ADDRESS]`` (needs ``pip install 'docgen[cluster]'``) compares instead the local
pool (-j N) with the same batch on Dask: on the scheduler at ADDRESS, or on a
``distributed.LocalCluster`` of N single-threaded worker processes started for the run (its
start-up is printed apart; worker warm-up counts, as the local pool's does). Target: Dask
overhead under 10 %. Then ``agenda`` over ``--scale-cases`` (100,000) cases, cold and warm
(``benchmarks/scale.py``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from targets import (  # noqa: E402 - benchmarks/targets.py
    Target, adopt_orphans, compile_bytecode, docgen_command, print_targets, reap_orphans, run_cold,
)

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 10, 15)
TARGETS = {"agenda_s": 8.0, "agenda_cases": 10_000, "pdf_per_s": 12.0, "ratio_to_libreoffice": 2.0,
           "dask_overhead": 0.10}


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# --- phases, each run in its own process ----------------------------------------------------------

def phase_agenda(folder: str, jobs: str, repeat: str = "3") -> dict:
    from docgen import agenda

    n_jobs = None if jobs == "auto" else int(jobs)
    runs = []
    for _ in range(int(repeat)):
        start, cpu = time.perf_counter(), _cpu()
        items = agenda(folder, AS_OF, jobs=n_jobs)
        runs.append((time.perf_counter() - start, _cpu() - cpu))
    best = min(runs)
    return {"cases": len(items), "seconds": best[0], "cpu_seconds": best[1], "runs": [r[0] for r in runs],
            "peak_mb": _peak_mb()}


def phase_batch(folder: str, out: str, jobs: str, doc: str = "relance", accept_unconfirmed: str = "0") -> dict:
    from docgen import batch

    start, cpu = time.perf_counter(), _cpu()
    report = batch(folder, AS_OF, out, doc=None if doc == "due" else doc, jobs=int(jobs),
                   accept_unconfirmed=accept_unconfirmed == "1")
    seconds = time.perf_counter() - start
    rendered = [i for i in report.items if i.status == "rendered"]
    return {"documents": report.documents, "seconds": seconds, "cpu_seconds": _cpu() - cpu,
            "rendered": [[i.case, i.options] for i in rendered],
            "per_second": report.documents / seconds if seconds else 0.0,
            "render_seconds_per_doc": sum(i.seconds for i in rendered) / max(1, len(rendered)),
            "not_rendered": {i.status: sum(1 for j in report.items if j.status == i.status)
                             for i in report.items if i.status != "rendered"},
            "peak_mb": _peak_mb()}


def phase_cluster(folder: str, out: str, jobs: str, address: str) -> dict:
    """``batch`` of the due documents on Dask: at ``address``, or on a LocalCluster of ``jobs`` workers."""
    from distributed import LocalCluster

    from docgen import batch

    start = time.perf_counter()
    local = None
    if address == "local":
        local = LocalCluster(n_workers=int(jobs), processes=True, threads_per_worker=1, dashboard_address=None,
                             host="127.0.0.1")
        address = local.scheduler_address
    cluster_start = time.perf_counter() - start
    try:
        start, cpu = time.perf_counter(), _cpu()
        report = batch(folder, AS_OF, out, scheduler=address, accept_unconfirmed=True)
        seconds = time.perf_counter() - start
    finally:
        if local is not None:
            local.close()
    return {"documents": report.documents, "seconds": seconds, "cpu_seconds": _cpu() - cpu,
            "per_second": report.documents / seconds if seconds else 0.0, "cluster_start": cluster_start,
            "workers": report.jobs}


def phase_docx(jobs_file: str, out: str, part: str, parts: str) -> dict:
    """The DOCX half of the LibreOffice route: this process's share (every ``parts``-th, from
    ``part``) of the very documents ``batch --doc relance`` rendered, with the same options."""
    from docgen.portfolio.scan import load
    from docgen.render.engine import render

    wanted = json.loads(Path(jobs_file).read_text(encoding="utf-8"))[int(part)::int(parts)]
    start, cpu = time.perf_counter(), _cpu()
    for path, options in wanted:
        loaded = load(Path(path), AS_OF)
        data = render(loaded.case, "relance", AS_OF, "docx", options=options, statement=loaded.statement,
                      accept_unconfirmed=True)
        (Path(out) / f"{loaded.case.reference}.docx").write_bytes(data)
    return {"documents": len(wanted), "seconds": time.perf_counter() - start, "cpu_seconds": _cpu() - cpu,
            "peak_mb": _peak_mb()}


def phase_profile(folder: str, out: str) -> dict:
    import cProfile
    import io
    import pstats

    from docgen.portfolio.batch.run import _init_worker

    _init_worker(None, AS_OF)
    from docgen import batch

    profiler = cProfile.Profile()
    profiler.enable()
    report = batch(folder, AS_OF, out, doc="relance", jobs=1, accept_unconfirmed=True)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)
    return {"documents": report.documents, "profile": text.getvalue()}


PHASES = {"agenda": phase_agenda, "batch": phase_batch, "cluster": phase_cluster, "docx": phase_docx, "profile": phase_profile}


def _run_phase(name: str, *args: str) -> dict:
    """The phase in a fresh process. Its CPU seconds also count the processes it left behind (the
    batch's fork server, which reaped the workers), adopted and waited for here."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, *args]
    adopt_orphans()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    left_behind = reap_orphans()
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if "cpu_seconds" in result:
        result["cpu_seconds"] += left_behind
    return result


def _run_phases(name: str, argsets: list[list[str]]) -> list[dict]:
    """The same phase in several processes at once (one per core)."""
    procs = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--phase", name, *args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for args in argsets]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"phase {name} failed:\n{stderr[-3000:]}")
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def libreoffice_route(soffice: str, rendered: list, tmp_path: Path, jobs: int) -> dict:
    """The DOCX of each reminder ``batch`` rendered (``jobs`` processes), then one warm ``soffice``
    per core converting its share; returns documents, seconds and CPU seconds (all processes)."""
    jobs_file, docx_dir, pdf_dir = tmp_path / "lo-jobs.json", tmp_path / "docx", tmp_path / "lo-pdf"
    jobs_file.write_text(json.dumps(rendered), encoding="utf-8")
    docx_dir.mkdir()
    pdf_dir.mkdir()
    docx = _run_phases("docx", [[str(jobs_file), str(docx_dir), str(k), str(jobs)] for k in range(jobs)])
    docx_seconds = max(r["seconds"] for r in docx)
    files = sorted(str(p) for p in docx_dir.glob("*.docx"))
    shares = [files[k::jobs] for k in range(jobs)]
    profiles = [tmp_path / f"lo-profile-{k}" for k in range(jobs)]
    warm_dir = tmp_path / "lo-warm"
    for profile in profiles:          # a fresh profile's first start sets it up: not counted
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(warm_dir), files[0]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
    start = time.perf_counter()
    procs = [subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                               "pdf", "--outdir", str(pdf_dir), *share],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for profile, share in zip(profiles, shares) if share]
    convert_cpu = 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("soffice failed")
        convert_cpu += usage.ru_utime + usage.ru_stime
    convert = time.perf_counter() - start
    pdfs = len(list(pdf_dir.glob("*.pdf")))
    return {"documents": pdfs, "docx_seconds": docx_seconds, "convert_seconds": convert,
            "seconds": docx_seconds + convert, "cpu_seconds": sum(r["cpu_seconds"] for r in docx) + convert_cpu}


# --- the run -------------------------------------------------------------------------------------

def _copy_sample(source: Path, target: Path, n: int) -> None:
    folders = sorted(p.parent for p in source.rglob("case.yaml"))
    step = max(1, len(folders) // n)
    for folder in folders[::step][:n]:
        shutil.copytree(folder, target / folder.name, copy_function=os.link)


def _line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<48} {value:>22}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300,
                        help="cases of the portfolio the batch runs over (about a third owe a reminder)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="batch runs per setting (the fastest is kept)")
    parser.add_argument("--profile", action="store_true", help="also profile serial rendering (cProfile)")
    parser.add_argument("--scheduler", nargs="?", const="local", default=None, metavar="ADDRESS",
                        help="compare the local pool with Dask (a LocalCluster of --jobs workers without ADDRESS)")
    parser.add_argument("--scale-cases", type=int, default=100_000, help="with --scheduler: agenda over this many")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](*args.args)))
        return

    from docgen.portfolio.synthetic import make_portfolio

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    print(compile_bytecode())
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        tmp_path = Path(tmp)
        portfolio, sample = tmp_path / "portfolio", tmp_path / "sample"
        start = time.perf_counter()
        make_portfolio(portfolio, args.cases, AS_OF)
        _copy_sample(portfolio, sample, args.sample)
        _line(f"synthetic portfolio ({args.cases} cases)", f"{time.perf_counter() - start:6.2f} s written")
        if args.scheduler:
            _compare_dask(args, sample, tmp_path)
            import scale      # agenda over 100,000 cases, cold and warm (benchmarks/scale.py)

            scale.run(args.scale_cases)
            print(f"load average after: {os.getloadavg()[0]:.2f}")
            return

        targets: list[Target] = []
        command = [*docgen_command(), "agenda", str(portfolio), "--as-of", AS_OF.isoformat(), "--json"]
        cold = run_cold(command, cwd=str(ROOT))            # the first run reads every file and builds the index
        _line(f"docgen agenda --json, {args.cases} cases (command, no index yet)",
              f"{cold.wall:6.2f} s ({cold.cpu:.2f} CPU s)", f"{cold.peak_mb:.0f} MB peak")
        agenda_cmd = run_cold(command, cwd=str(ROOT))      # the usual run: only changed files are read
        _line(f"docgen agenda --json, {args.cases} cases (command, index kept)",
              f"{agenda_cmd.wall:6.2f} s ({agenda_cmd.cpu:.2f} CPU s)", f"{agenda_cmd.peak_mb:.0f} MB peak")
        r = _run_phase("agenda", str(portfolio), "auto", "1")
        _line(f"agenda {r['cases']} cases, in-process, default jobs",
              f"{r['seconds']:6.2f} s ({r['cpu_seconds']:.2f} CPU s)", f"{r['peak_mb']:.0f} MB peak")
        scale = TARGETS["agenda_cases"] / max(1, args.cases)
        targets.append(Target(f"docgen agenda, {TARGETS['agenda_cases']:,} cases, index kept" +
                              (f" (scaled from {args.cases:,})" if scale != 1 else ""),
                              agenda_cmd.wall * scale, TARGETS["agenda_s"], "s", cpu=agenda_cmd.cpu * scale))
        targets.append(Target(f"  the same, first run (index built)" +
                              (f" (scaled from {args.cases:,})" if scale != 1 else ""),
                              cold.wall * scale, TARGETS["agenda_s"], "s", cpu=cold.cpu * scale))

        def best_batch(jobs: int) -> dict:
            runs = [_run_phase("batch", str(sample), str(tmp_path / f"out-{jobs}-{k}"), str(jobs), "relance", "1")
                    for k in range(args.repeat)]
            return min(runs, key=lambda r: r["seconds"])

        serial = best_batch(1)
        _line(f"batch --doc relance -j 1 ({serial['documents']} PDFs)",
              f"{serial['per_second']:6.2f} PDF/s", f"{serial['seconds']:.1f} s, {serial['peak_mb']:.0f} MB peak")
        parallel = best_batch(args.jobs)
        _line(f"batch --doc relance -j {args.jobs} ({parallel['documents']} PDFs)",
              f"{parallel['per_second']:6.2f} PDF/s",
              f"{parallel['seconds']:.1f} s, {parallel['peak_mb']:.0f} MB peak per process")
        cpu_ms = parallel["cpu_seconds"] / max(1, parallel["documents"]) * 1000
        _line("  CPU per PDF, all processes, start-up included", f"{cpu_ms:6.1f} ms",
              f"= {args.jobs * 1000 / cpu_ms:.1f} PDF/s on {args.jobs} idle cores")
        _line("  render time per PDF inside a worker", f"{parallel['render_seconds_per_doc'] * 1000:6.1f} ms")
        if serial["not_rendered"]:
            _line("  sample cases without a due reminder", json.dumps(serial["not_rendered"]))
        targets.append(Target(f"batch --doc relance -j {args.jobs}", parallel["per_second"], TARGETS["pdf_per_s"],
                              "PDF/s", higher_is_better=True, cpu=parallel["cpu_seconds"],
                              note=f"{parallel['documents']} PDFs in {parallel['seconds']:.1f} s; CPU says "
                                   f"{args.jobs * 1000 / cpu_ms:.1f} PDF/s on {args.jobs} idle cores"))

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            lo = libreoffice_route(soffice, parallel["rendered"], tmp_path, args.jobs)
            lo_rate = lo["documents"] / lo["seconds"] if lo["seconds"] else 0.0
            lo_cpu_ms = lo["cpu_seconds"] / max(1, lo["documents"]) * 1000
            _line(f"LibreOffice route ({lo['documents']} PDFs, {args.jobs} cores)", f"{lo_rate:6.2f} PDF/s",
                  f"docx {lo['docx_seconds']:.1f} s + soffice {lo['convert_seconds']:.1f} s; "
                  f"{lo_cpu_ms:.0f} ms CPU per PDF")
            _line("ratio of CPU per PDF, LibreOffice / batch", f"{lo_cpu_ms / cpu_ms:6.2f} x")
            _line("ratio batch -j 1 / LibreOffice", f"{serial['per_second'] / lo_rate:6.2f} x")
            targets.append(Target(f"batch -j {args.jobs} / LibreOffice route, same run",
                                  parallel["per_second"] / lo_rate, TARGETS["ratio_to_libreoffice"], "x",
                                  higher_is_better=True, note=f"CPU per PDF: {lo_cpu_ms / cpu_ms:.2f} x"))
        else:
            _line("LibreOffice route", "skipped (no soffice)")
        print_targets("Targets (issue 11, point 7)", targets)
        if args.profile:
            result = _run_phase("profile", str(sample), str(tmp_path / "out-profile"))
            print(f"\ncProfile of serial rendering ({result['documents']} PDFs):\n{result['profile']}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def _compare_dask(args: argparse.Namespace, sample: Path, tmp_path: Path) -> None:
    """The local pool against Dask, alternately (the machine's load moves), the fastest of each kept:
    every due document of the sample (--accept-unconfirmed, so that documents are rendered)."""
    where = "LocalCluster" if args.scheduler == "local" else args.scheduler
    pool, dask = [], []
    for k in range(args.repeat):
        pool.append(_run_phase("batch", str(sample), str(tmp_path / f"pool-{k}"), str(args.jobs), "due", "1"))
        dask.append(_run_phase("cluster", str(sample), str(tmp_path / f"dask-{k}"), str(args.jobs), args.scheduler))
    best_pool, best_dask = min(pool, key=lambda r: r["seconds"]), min(dask, key=lambda r: r["seconds"])
    _line(f"batch (due documents), local pool -j {args.jobs} ({best_pool['documents']} PDFs)",
          f"{best_pool['per_second']:6.2f} PDF/s", f"{best_pool['seconds']:.1f} s")
    _line(f"batch (due documents), Dask {where} ({best_dask['workers']} workers)",
          f"{best_dask['per_second']:6.2f} PDF/s",
          f"{best_dask['seconds']:.1f} s (+ {best_dask['cluster_start']:.1f} s to start the cluster)")
    overhead = best_dask["seconds"] / best_pool["seconds"] - 1 if best_pool["seconds"] else 0.0
    _line("Dask overhead over the local pool", f"{overhead * 100:6.1f} %",
          f"target < {TARGETS['dask_overhead'] * 100:.0f} %")


if __name__ == "__main__":
    main()
