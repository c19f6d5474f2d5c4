"""A décompte of many invoices: time and peak memory of its PDF, one fresh process per size.

Run: python benchmarks/large_decompte.py [--sizes 100 1000 10000] [--doc decompte]
On a shared machine compare the CPU time: the wall time includes waiting for the processor.
Target (issue 12): 1,000 invoices in under 10 s and 300 MB (peak resident memory of the
process, Python and WeasyPrint included); 10,000 invoices, the model's maximum, linear in time.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 10, 15)
TARGET_1000 = {"seconds": 10.0, "peak_mb": 300.0}


def case_data(n: int) -> dict:
    """A French B2B case with ``n`` invoices over three years, a few of them partly paid."""
    start = date(2023, 1, 2)
    invoices = []
    for k in range(n):
        issue = start + timedelta(days=(k * 3) % 1000)
        invoices.append({"number": f"F-{k + 1:05d}", "issue_date": issue.isoformat(),
                         "due_date": (issue + timedelta(days=30)).isoformat(),
                         "amount": f"{100 + (k * 37) % 4900}.{k % 100:02d}",
                         "description": f"Prestation n° {k + 1} (pose et fournitures)"})
    return {
        "schema_version": 1, "reference": "BENCH-1", "jurisdiction": "FR", "language": "fr", "relationship": "B2B",
        "creditor": {"kind": "company", "name": "Atelier Lumière", "legal_form": "SARL", "share_capital": "10000.00",
                     "registration": {"scheme": "SIREN", "number": "732829320"}, "vat_number": "FR44732829320",
                     "address": {"street": "12 rue des Lilas", "postcode": "69003", "city": "Lyon", "country": "FR"},
                     "iban": "FR7630006000011234567890189"},
        "debtor": {"kind": "company", "name": "Boulangerie du Parc", "legal_form": "SAS",
                   "registration": {"scheme": "SIREN", "number": "552100554"},
                   "address": {"street": "5 avenue Foch", "postcode": "69006", "city": "Lyon", "country": "FR"}},
        "invoices": invoices,
    }


def one(n: int, doc: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from docgen.model.validate import load_case
    from docgen.render.engine import render

    case = load_case(case_data(n), base_dir=ROOT)
    render(load_case(case_data(1), base_dir=ROOT), doc, AS_OF, "pdf", force=True)      # imports, fonts
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render(case, doc, AS_OF, "pdf", force=True)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"invoices": n, "seconds": round(seconds, 2), "cpu": round(cpu, 2), "peak_mb": round(peak_mb), "pdf_kb": len(pdf) // 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--doc", default="decompte")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.doc)))
        return
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--doc", args.doc],
                             capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        verdict = ""
        if n == 1000:
            ok = row["seconds"] < TARGET_1000["seconds"] and row["peak_mb"] < TARGET_1000["peak_mb"]
            verdict = "  target met" if ok else "  TARGET MISSED (10 s, 300 MB)"
        print(f"{n:>6} invoices  {row['seconds']:7.2f} s (cpu {row['cpu']:.2f} s)  peak {row['peak_mb']:5d} MB  "
              f"{row['seconds'] / n * 1000:6.1f} ms/invoice  pdf {row['pdf_kb']} KiB{verdict}")


if __name__ == "__main__":
    main()
