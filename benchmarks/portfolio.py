"""Portfolio throughput: agenda over 1,000 cases, batch PDF rendering, and the LibreOffice route.

Run: python benchmarks/portfolio.py [--cases 1000] [--sample 100] [--jobs 2] [--profile]

A synthetic portfolio (docgen.portfolio.synthetic) is written to a temporary folder. Each
measured step runs in a fresh process (so imports, font loading and peak memory are its own):

- agenda over every case, in-process time (serial and with the default parallelism) and the
  ``docgen agenda --json`` command end to end;
- ``batch --doc relance`` over a sample, serial (-j 1) and parallel (-j N): reminder PDFs/second,
  worker start-up included;
- when ``soffice`` is installed, the LibreOffice route over the same sample: the DOCX of each
  reminder (docxtpl) then one ``soffice --headless --convert-to pdf`` over all of them.

Targets: agenda < 3 s for 1,000 cases; >= 12 reminder PDFs/s with 2 workers; >= 2x the
LibreOffice route. Wall times on a shared machine move with its load: batch runs are repeated
(``--repeat``, the fastest kept) and CPU per PDF and the load average are printed next to them.
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

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 10, 15)
TARGETS = {"agenda_s": 3.0, "pdf_per_s": 12.0, "ratio_to_libreoffice": 2.0, "dask_overhead": 0.10}


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


# --- phases, each run in its own process ----------------------------------------------------------

def phase_agenda(folder: str, jobs: str) -> dict:
    from docgen import agenda

    n_jobs = None if jobs == "auto" else int(jobs)
    runs = []
    for _ in range(3):
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


def phase_docx(folder: str, out: str) -> dict:
    """The DOCX half of the LibreOffice route, for the very cases ``batch --doc relance`` renders."""
    from docgen.portfolio.scan import load
    from docgen.portfolio.agenda import agenda
    from docgen.render.engine import render

    wanted = [i for i in agenda(folder, AS_OF, jobs=1)
              if i.can_proceed and not i.paused and i.stage not in ("not_due", "closed", "invalid")]
    start, cpu = time.perf_counter(), _cpu()
    for item in wanted:
        loaded = load(item.path, AS_OF)
        level = "1" if item.stage == "overdue" else "2"
        data = render(loaded.case, "relance", AS_OF, "docx", options={"level": level})
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
    report = batch(folder, AS_OF, out, doc="relance", jobs=1)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(25)
    return {"documents": report.documents, "profile": text.getvalue()}


PHASES = {"agenda": phase_agenda, "batch": phase_batch, "cluster": phase_cluster, "docx": phase_docx, "profile": phase_profile}


def _run_phase(name: str, *args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", name, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="batch runs per setting (the fastest is kept)")
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

        for jobs in ("1", "auto"):
            r = _run_phase("agenda", str(portfolio), jobs)
            _line(f"agenda {r['cases']} cases, in-process, jobs={jobs}",
                  f"{r['seconds']:6.2f} s ({r['cpu_seconds']:.2f} CPU s)",
                  f"target < {TARGETS['agenda_s']} s  ({r['peak_mb']:.0f} MB peak)")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "docgen", "agenda", str(portfolio), "--as-of", AS_OF.isoformat(),
                        "--json"], stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
        _line("docgen agenda --json (command, cold)", f"{time.perf_counter() - start:6.2f} s")

        def best_batch(jobs: int) -> dict:
            runs = [_run_phase("batch", str(sample), str(tmp_path / f"out-{jobs}-{k}"), str(jobs))
                    for k in range(args.repeat)]
            return min(runs, key=lambda r: r["seconds"])

        serial = best_batch(1)
        _line(f"batch --doc relance -j 1 ({serial['documents']} PDFs)",
              f"{serial['per_second']:6.2f} PDF/s", f"{serial['seconds']:.1f} s, {serial['peak_mb']:.0f} MB peak")
        parallel = best_batch(args.jobs)
        _line(f"batch --doc relance -j {args.jobs} ({parallel['documents']} PDFs)",
              f"{parallel['per_second']:6.2f} PDF/s",
              f"target >= {TARGETS['pdf_per_s']}  ({parallel['seconds']:.1f} s, {parallel['peak_mb']:.0f} MB peak "
              "per process)")
        cpu_ms = parallel["cpu_seconds"] / max(1, parallel["documents"]) * 1000
        _line("  CPU per PDF, all processes, start-up included", f"{cpu_ms:6.1f} ms",
              f"= {args.jobs * 1000 / cpu_ms:.1f} PDF/s on {args.jobs} idle cores")
        _line("  render time per PDF inside a worker", f"{parallel['render_seconds_per_doc'] * 1000:6.1f} ms")
        if serial["not_rendered"]:
            _line("  sample cases without a due reminder", json.dumps(serial["not_rendered"]))

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            docx_dir, pdf_dir = tmp_path / "docx", tmp_path / "lo-pdf"
            docx_dir.mkdir()
            pdf_dir.mkdir()
            docx = _run_phase("docx", str(sample), str(docx_dir))
            profile = tmp_path / "lo-profile"
            start, cpu_before = time.perf_counter(), _cpu()
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(pdf_dir), *sorted(str(p) for p in docx_dir.glob("*.docx"))],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            convert, convert_cpu = time.perf_counter() - start, _cpu() - cpu_before
            pdfs = len(list(pdf_dir.glob("*.pdf")))
            lo_seconds = docx["seconds"] + convert
            lo_rate = pdfs / lo_seconds if lo_seconds else 0.0
            lo_cpu_ms = (docx["cpu_seconds"] + convert_cpu) / max(1, pdfs) * 1000
            _line(f"LibreOffice route ({pdfs} PDFs: docxtpl + soffice)", f"{lo_rate:6.2f} PDF/s",
                  f"docx {docx['seconds']:.1f} s + soffice {convert:.1f} s; {lo_cpu_ms:.0f} ms CPU per PDF")
            _line("ratio of CPU per PDF, LibreOffice / batch", f"{lo_cpu_ms / cpu_ms:6.2f} x")
            _line(f"ratio batch -j {args.jobs} / LibreOffice", f"{parallel['per_second'] / lo_rate:6.2f} x",
                  f"target >= {TARGETS['ratio_to_libreoffice']}")
            _line("ratio batch -j 1 / LibreOffice", f"{serial['per_second'] / lo_rate:6.2f} x")
        else:
            _line("LibreOffice route", "skipped (no soffice)")
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
