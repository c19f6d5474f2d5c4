"""Benchmark: the FR B2B example's injonction de payer dossier with 40 more pages of exhibits.

    python benchmarks/dossier.py [--runs 5] [--profile]

The exhibits are generated in a temporary folder (a copy of examples/fr-b2b): a 24-page text
PDF, two 2-page PDFs, eight A4 JPEG scans at 200 dpi and four PNG scans at 150 dpi (one with
an alpha channel), 40 pages in all, on top of the example's own ten pièces. Prints the cold
build (first in the process: imports, fonts), the median of the warm builds, the peak
resident memory of the process and the peak of Python allocations during one build.
Target (2 cores): under 2 s and under 300 MB.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 10, 15)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm builds to time (median)")
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest functions of one build")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        folder = make_case(Path(tmp) / "fr-b2b")
        from docgen.api import load_case
        from docgen.dossier import build_dossier

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
        print(f"cold build (first in process): {cold:.2f} s")
        print(f"warm build, median of {args.runs}: {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}); CPU time {statistics.median(cpu):.2f} s "
              f"(the same unless other processes compete for the cores: load average "
              f"{os.getloadavg()[0]:.1f})")
        print(f"peak resident memory of the process: {rss_mb:.0f} MB")
        print(f"peak Python allocations during one build (tracemalloc): {peak / 1e6:.0f} MB")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            build()
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
