"""Rendering speed: warm in-process time per document and format, and CLI start-up.

Run: python benchmarks/render.py [--repeat 7]
Prints medians and their ratio to the targets (ratio < 1 means faster than the target).
Targets: a formal notice PDF under 150 ms warm; `docgen --help` under 0.3 s.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from targets import compile_bytecode, docgen_command  # noqa: E402 - benchmarks/targets.py

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 10, 15)
TARGETS = {("mise_en_demeure", "pdf"): 0.150}
CLI_TARGETS = {"docgen --help": 0.3}


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--case", default=str(ROOT / "examples" / "fr-b2b"))
    args = parser.parse_args()
    print(compile_bytecode())

    for label, cmd in (("docgen --help", ["--help"]),
                       ("docgen validate", ["validate", args.case, "--as-of", AS_OF.isoformat()])):
        t = _median(lambda: subprocess.run([*docgen_command(), *cmd], capture_output=True), 5)
        target = CLI_TARGETS.get(label)
        print(f"{label:<34} cold {t * 1000:8.1f} ms" + (f"   ratio to target {t / target:5.2f}" if target else ""))

    from docgen.api import load_case
    from docgen.render.engine import render
    from docgen.render.registry import available, template_roots

    case = load_case(args.case, as_of=AS_OF)
    docs = sorted({doc for jur, doc, lang in available(template_roots()) if jur == case.jurisdiction
                   and lang == case.language})
    start = time.perf_counter()
    render(case, "decompte", AS_OF, "pdf", force=True)       # imports WeasyPrint, loads fonts
    print(f"{'first render (import + fonts)':<34} {(time.perf_counter() - start) * 1000:8.1f} ms")
    for doc in docs:
        for fmt in ("pdf", "docx"):
            try:
                t = _median(lambda: render(case, doc, AS_OF, fmt, force=True), args.repeat)
            except Exception as exc:  # a document may not apply to this case (e.g. no payment plan)
                print(f"{doc + ' ' + fmt:<34} skipped: {exc}")
                continue
            target = TARGETS.get((doc, fmt))
            print(f"{doc + ' ' + fmt:<34} warm {t * 1000:8.1f} ms" +
                  (f"   ratio to target {t / target:5.2f}" if target else ""))


if __name__ == "__main__":
    main()
