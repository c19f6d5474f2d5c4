"""Layout speed: CPU time per printed page source of the examples, in one warm process.

Run: python benchmarks/layout.py [--repeat 7] [--only fr-b2b] [--dump DIR]

Collects the HTML of every document ``docgen render`` makes for each example (French and, for a
Belgian case, Dutch as well) and of every page the dossier lays out itself (its cover, the
e-mails produced as pièces), then turns each into a PDF ``--repeat`` times and prints, per source,
the min and median CPU time (time.process_time: the machine is shared, wall time is noise; the
min is the least disturbed run). ``--dump DIR`` also writes each HTML there, to inspect or to lay
out with another version of the templates.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 10, 15)
DOSSIER_DOCS = ("mise_en_demeure", "injonction_de_payer")


def _matter(folder: Path, language: str):  # noqa: ANN202 - a docgen.Matter
    from docgen.matter import Matter

    data = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))  # our own example files
    data["language"] = language
    return Matter.load(data, AS_OF, base_dir=folder, accept_unconfirmed=True)


def _captured(run) -> list[str]:  # noqa: ANN001
    """The HTML of every page source ``run()`` lays out (the dossier's cover and e-mails)."""
    from docgen.render import pdf

    seen: list[str] = []
    saved = pdf.lay_out, pdf.html_to_pdf

    def lay_out(html, *args, **kwargs):  # noqa: ANN001, ANN202
        seen.append(html)
        return saved[0](html, *args, **kwargs)

    def html_to_pdf(html, *args, **kwargs):  # noqa: ANN001, ANN202
        seen.append(html)
        return saved[1](html, *args, **kwargs)

    pdf.lay_out, pdf.html_to_pdf = lay_out, html_to_pdf
    try:
        run()
    except Exception as exc:  # noqa: BLE001 - a dossier this case cannot make
        print(f"  (dossier skipped: {type(exc).__name__})", file=sys.stderr)
    finally:
        pdf.lay_out, pdf.html_to_pdf = saved
    return seen


def collect(only: str | None = None) -> list[tuple[str, str]]:
    """(label, HTML) of every page source of the examples: documents, then dossier pages."""
    from docgen.render.registry import available, template_roots

    docs = available(template_roots())
    out: list[tuple[str, str]] = []
    for folder in sorted(p for p in (ROOT / "examples").iterdir() if (p / "case.yaml").is_file()):
        if only and folder.name != only:
            continue
        for language in ("fr", "nl") if folder.name.startswith("be-") else ("fr",):
            matter = _matter(folder, language)
            for jur, doc, lang in docs:
                if jur != matter.case.jurisdiction or lang != language:
                    continue
                try:
                    html = matter.render(doc, "html", force=True).data.decode("utf-8")
                except Exception as exc:  # noqa: BLE001 - a document this case cannot have
                    print(f"  {folder.name}/{doc}/{language} skipped: {type(exc).__name__}", file=sys.stderr)
                    continue
                out.append((f"{folder.name}/{doc}/{language}", html))
            for doc in DOSSIER_DOCS:
                if not any(d == doc and j == matter.case.jurisdiction for j, d, _ in docs):
                    continue
                pages = _captured(lambda: matter.dossier(doc, force=True))
                known = {html for _, html in out}
                extra = [h for h in pages if h not in known and "docgen-" in h]
                for n, html in enumerate(dict.fromkeys(extra)):
                    kind = "cover" if "docgen-cover" in html else "page"
                    out.append((f"{folder.name}/dossier-{doc}/{language}/{kind}{n}", html))
    return out


def _cpu(fn, repeat: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", help="one example folder name, e.g. fr-b2b")
    parser.add_argument("--dump", type=Path, help="also write every HTML to this folder")
    args = parser.parse_args()

    from docgen.render.pdf import html_to_pdf, warm_up
    from docgen.render.registry import template_roots

    roots = tuple(template_roots())
    warm_up(roots)
    sources = collect(args.only)
    if args.dump:
        for label, html in sources:
            path = args.dump / (label.replace("/", "__") + ".html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
    html_to_pdf(sources[0][1], roots, identity="warm")        # first layout: fonts and caches
    total_min = total_med = 0.0
    print(f"{'page source':<58} {'min ms':>8} {'median ms':>10}")
    for label, html in sources:
        times = _cpu(lambda: html_to_pdf(html, roots, identity=label), args.repeat)
        total_min += min(times)
        total_med += statistics.median(times)
        print(f"{label:<58} {min(times) * 1000:8.1f} {statistics.median(times) * 1000:10.1f}")
    print(f"{'total (' + str(len(sources)) + ' sources)':<58} {total_min * 1000:8.1f} {total_med * 1000:10.1f}")


if __name__ == "__main__":
    main()
