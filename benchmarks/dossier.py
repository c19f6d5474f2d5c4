"""Benchmark: one signed dossier of examples/fr-b2b, as a command and through the library,
beside the targets of issue 11; optionally the same dossier with 40 more pages of exhibits.

    python benchmarks/dossier.py [--runs 5] [--cli-runs 5] [--exhibits] [--profile]

Measured, each beside its target (an idle 2-core machine):

- ``docgen --help`` in a fresh process: under 0.3 s;
- ``docgen dossier examples/fr-b2b --doc injonction_de_payer --sign KEY.p12`` in a fresh
  process (imports, fonts, the key, the bundle written): under 2.0 s, peak memory under 200 MB;
- the same through the library in a warm process (``Matter.load``, ``Matter.dossier`` with
  ``docgen.LayoutWorkers`` started once, ``sign_pdf`` with a signer opened once,
  ``write_bundle``), median of ``--runs``: under 0.8 s; the peak memory of that process: under
  200 MB. The same without workers is printed for comparison.

Each line gives the wall time (what the target is about) and the CPU time (which moves less with
the machine's load). The key is a throw-away demo identity made in a temporary folder.

``--exhibits`` adds the older benchmark: the FR B2B injonction dossier with 40 more pages of
exhibits generated in a temporary folder (a 24-page text PDF, two 2-page PDFs, eight A4 JPEG
scans at 200 dpi and four PNG scans at 150 dpi, one with an alpha channel): cold and warm
unsigned builds, and the peak of Python allocations during one build.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import yaml

from targets import Cold, Target, best, compile_bytecode, docgen_command, print_targets, run_cold  # noqa: E402 - benchmarks/targets.py

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 10, 15)
PASSWORD = "benchmark-only"
TARGETS = {"help_s": 0.3, "cli_dossier_s": 2.0, "library_dossier_s": 0.8, "peak_mb": 200.0}


def _text_pdf(pages: int, title: str) -> bytes:
    from weasyprint import HTML

    paragraph = ("Article {n}. Le prestataire exécute les travaux conformément au devis accepté. Toute "
                 "modification fait l'objet d'un avenant écrit. Les délais courent à compter de la réception "
                 "de l'acompte et des plans validés par le client. ") * 6
    body = "".join(f"<h2>{title} — page {p + 1}</h2>" + "".join(f"<p>{paragraph.format(n=p * 10 + i)}</p>"
                                                                 for i in range(4))
                   + ('<div style="break-after: page"></div>' if p < pages - 1 else "") for p in range(pages))
    return HTML(string=f"<html><body style='font: 10pt serif'>{body}</body></html>").write_pdf()


def _scan(width: int, height: int, seed: int, mode: str = "L", alpha: bool = False):  # noqa: ANN202
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGBA" if alpha else mode, (width, height), (248, 246, 240) if mode == "RGB" else 245)
    draw = ImageDraw.Draw(image)
    for row in range(90, height - 120, max(24, height // 70)):
        x = 100
        while x < width - 200:
            w = rng.randint(20, 90)
            draw.rectangle([x, row, x + w, row + height // 200], fill=(40, 40, 40) if mode != "L" or alpha else 50)
            x += w + rng.randint(8, 20)
    if alpha:
        image.putalpha(Image.new("L", image.size, 255).point(lambda v: v))
        image.paste((0, 0, 0, 0), (0, 0, width // 6, height // 6))
    return image


def make_case(folder: Path) -> Path:
    """A copy of examples/fr-b2b with 40 pages of synthetic exhibits added to its case file."""
    shutil.copytree(ROOT / "examples" / "fr-b2b", folder, dirs_exist_ok=True)
    extra = folder / "bench"
    extra.mkdir()
    exhibits = []
    (extra / "rapport-24p.pdf").write_bytes(_text_pdf(24, "Rapport d'expertise"))
    exhibits.append(("Rapport d'expertise amiable (24 pages)", "bench/rapport-24p.pdf"))
    for k in range(2):
        (extra / f"avenant-{k + 1}.pdf").write_bytes(_text_pdf(2, f"Avenant n° {k + 1}"))
        exhibits.append((f"Avenant n° {k + 1} au devis", f"bench/avenant-{k + 1}.pdf"))
    for k in range(8):
        _scan(1654, 2339, k, "RGB").save(extra / f"bon-livraison-{k + 1}.jpg", "JPEG", quality=82)
        exhibits.append((f"Bon de livraison n° {k + 1} signé (scan)", f"bench/bon-livraison-{k + 1}.jpg"))
    for k in range(4):
        _scan(1240, 1754, 100 + k, "L", alpha=(k == 0)).save(extra / f"pv-chantier-{k + 1}.png")
        exhibits.append((f"Procès-verbal de chantier n° {k + 1} (scan)", f"bench/pv-chantier-{k + 1}.png"))
    path = folder / "case.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["exhibits"] = list(data.get("exhibits", [])) + [
        {"title": title, "file": file, "date": date(2024, 5, 1 + i)} for i, (title, file) in enumerate(exhibits)]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _cli(args: list[str], runs: int, env: dict[str, str] | None = None) -> Cold:
    return best([run_cold([*docgen_command(), *args], env=env, cwd=str(ROOT)) for _ in range(runs)])


def signed_dossier_cli(tmp: Path, p12: Path, runs: int) -> Cold:
    """``docgen dossier --sign`` of examples/fr-b2b, cold, the fastest of ``runs``."""
    env = {**os.environ, "DOCGEN_SIGN_PASSWORD": PASSWORD}
    results = []
    for k in range(runs):
        results.append(run_cold([*docgen_command(), "dossier", str(ROOT / "examples" / "fr-b2b"),
                                 "--as-of", AS_OF.isoformat(), "--doc", "injonction_de_payer", "--accept-unconfirmed",
                                 "--sign", str(p12), "-o", str(tmp / f"cli-{k}")], env=env, cwd=str(ROOT)))
    return best(results)


def signed_dossier_library(tmp: Path, p12: Path, runs: int, parallel: bool = True,
                           ) -> tuple[float, list[float], list[float], float]:
    """The same through the library: (first run in the process, warm wall times, warm CPU times
    of this process, peak resident memory of this process in MB). With ``parallel``, as
    case-management software would run it: layout workers started once and kept
    (``docgen.LayoutWorkers``); without, every page laid out in this process."""
    import docgen

    setup = docgen.SigningSetup(pkcs12=p12)
    walls, cpus, first, pdfs = [], [], 0.0, set()
    workers = docgen.LayoutWorkers() if parallel else None
    with docgen.open_signer(setup, ask_secret=lambda prompt: PASSWORD) as signer:
        for k in range(runs + 1):
            start, start_cpu = time.perf_counter(), time.process_time()
            matter = docgen.Matter.load(ROOT / "examples" / "fr-b2b", AS_OF, accept_unconfirmed=True)
            dossier = matter.dossier("injonction_de_payer", workers=workers)
            signed = docgen.sign_pdf(dossier.pdf, setup, signer)
            docgen.write_bundle(dossier, tmp / f"lib-{parallel}-{k}", matter=matter, signed=signed)
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            pdfs.add(dossier.pdf)
            if k == 0:
                first = wall
            else:
                walls.append(wall)
                cpus.append(cpu)
    if workers is not None:
        workers.close()
    assert len(pdfs) == 1, "the rebuilt dossier is not byte-identical"
    return first, walls, cpus, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def library_in_fresh_process(tmp: Path, p12: Path, runs: int, parallel: bool,
                             ) -> tuple[float, list[float], list[float], float]:
    """``signed_dossier_library`` in a process of its own, as case-management software would run
    it: what another measurement left in memory (in-process layouts, their caches) neither slows
    its garbage collector nor counts in its peak memory."""
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--library-phase",
                           "parallel" if parallel else "serial", str(tmp), str(p12), str(runs)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"library run failed:\n{done.stderr[-3000:]}")
    first, walls, cpus, rss = json.loads(done.stdout.strip().splitlines()[-1])
    return first, walls, cpus, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library-phase", nargs=4, metavar=("MODE", "TMP", "P12", "RUNS"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help="warm library runs to time (median)")
    parser.add_argument("--cli-runs", type=int, default=5, help="cold command runs (the fastest is kept)")
    parser.add_argument("--exhibits", action="store_true", help="also the dossier with 40 pages of exhibits")
    parser.add_argument("--profile", action="store_true", help="with --exhibits: the 25 costliest functions")
    args = parser.parse_args()
    if args.library_phase:
        mode, tmp_name, p12_name, runs = args.library_phase
        print(json.dumps(signed_dossier_library(Path(tmp_name), Path(p12_name), int(runs),
                                                parallel=mode == "parallel")))
        return 0
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
    print(compile_bytecode())

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        help_run = _cli(["--help"], 5)
        print(f"docgen --help, cold, fastest of 5: {help_run.wall:.2f} s ({help_run.cpu:.2f} s CPU)")
        subprocess.run([sys.executable, "-c", "import docgen, sys; docgen.demo_identity(sys.argv[1], sys.argv[2])",
                        str(tmp / "keys"), PASSWORD], check=True, cwd=ROOT)
        p12 = next((tmp / "keys").glob("*.p12"))
        cli = signed_dossier_cli(tmp, p12, args.cli_runs)
        print(f"docgen dossier fr-b2b --sign, cold, fastest of {args.cli_runs}: {cli.wall:.2f} s "
              f"({cli.cpu:.2f} s CPU, {cli.peak_mb:.0f} MB peak)")
        _, serial_walls, serial_cpus, _ = library_in_fresh_process(tmp, p12, args.runs, parallel=False)
        print(f"library, every page laid out in the calling process: warm, median of {args.runs}: "
              f"{statistics.median(serial_walls):.2f} s ({statistics.median(serial_cpus):.2f} s CPU)")
        first, walls, cpus, rss = library_in_fresh_process(tmp, p12, args.runs, parallel=True)
        warm, warm_cpu = statistics.median(walls), statistics.median(cpus)
        print(f"library with layout workers: first run in the process {first:.2f} s (the workers start); warm, "
              f"median of {args.runs}: {warm:.2f} s (min {min(walls):.2f}, max {max(walls):.2f}; {warm_cpu:.2f} s "
              f"CPU in the calling process); process peak {rss:.0f} MB")
        print_targets("Targets (issue 11, point 7)", [
            Target("docgen --help (cold)", help_run.wall, TARGETS["help_s"], "s", cpu=help_run.cpu),
            Target("docgen dossier fr-b2b --sign (cold command)", cli.wall, TARGETS["cli_dossier_s"], "s", cpu=cli.cpu),
            Target("  its peak memory", cli.peak_mb, TARGETS["peak_mb"], "MB"),
            Target("the same through the library (warm)", warm, TARGETS["library_dossier_s"], "s", cpu=warm_cpu),
            Target("  peak memory of that process", rss, TARGETS["peak_mb"], "MB"),
        ])
        if args.exhibits:
            print()
            exhibits(tmp / "exhibits", args)
    return 0


def exhibits(folder: Path, args: argparse.Namespace) -> None:
    """The FR B2B injonction dossier with 40 more pages of exhibits, unsigned: cold and warm builds."""
    folder = make_case(folder)
    from docgen.api import load_case
    from docgen.dossier.build import build_dossier

    case = load_case(folder, as_of=AS_OF)

    def build():  # noqa: ANN202
        return build_dossier(case, "injonction_de_payer", AS_OF, force=True)

    start = time.perf_counter()
    dossier = build()
    cold = time.perf_counter() - start
    times, cpu = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        again = build()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert again.pdf == dossier.pdf, "the rebuild is not byte-identical"
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    build()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    exhibit_pages = sum(p.pages for p in dossier.pieces)
    print(f"dossier: {dossier.page_count} pages ({exhibit_pages} pages of {len(dossier.pieces)} pièces), "
          f"{len(dossier.pdf) / 1e6:.2f} MB, {len(dossier.attachments)} attached files")
    print(f"first build of this case: {cold:.2f} s")
    print(f"warm build, median of {args.runs}: {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}); CPU time {statistics.median(cpu):.2f} s "
          f"(the same unless other processes compete for the cores: load average "
          f"{os.getloadavg()[0]:.1f})")
    print(f"peak resident memory of the process so far: {rss_mb:.0f} MB")
    print(f"peak Python allocations during one build (tracemalloc): {peak / 1e6:.0f} MB")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        build()
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":          # the layout workers' processes import this script: keep it guarded
    sys.exit(main())
