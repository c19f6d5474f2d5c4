"""Signing benchmark: load a PKCS#12, sign a 2-page PDF at PAdES B-B, verify it.

Compares docgen's way (key loaded once and kept parsed, ``bytes_reserved`` so pyHanko signs
once) with the naive one (``SimpleSigner.load_pkcs12`` for every document, pyHanko sizing
the signature with a dummy signing pass). Medians of N runs; the PKI is generated on the
fly in a temporary folder (tests/sign/signkit.py), nothing is written elsewhere.

    python benchmarks/sign.py [--runs 30]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sign"))

from signkit import PASSWORD, make_pdf, make_pki  # noqa: E402


def median_ms(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    from docgen.sign.pades import sign_pdf
    from docgen.sign.signer import load_pkcs12_signer
    from docgen.sign.verify import verify_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pki = make_pki(Path(tmp))
        pdf = make_pdf(pages=2)
        meta = signers.PdfSignatureMetadata(field_name="docgen", subfilter=fields.SigSeedSubFilter.PADES)

        def naive_load():
            return signers.SimpleSigner.load_pkcs12(str(pki.signer_p12), passphrase=PASSWORD)

        def naive_sign():  # what a first implementation does for each document
            signer = naive_load()
            return signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), meta, signer=signer).getvalue()

        load_ms, signer = median_ms(lambda: load_pkcs12_signer(pki.signer_p12, PASSWORD), runs)
        naive_load_ms, _ = median_ms(naive_load, runs)
        sign_ms, signed = median_ms(lambda: sign_pdf(pdf, signer), runs)
        naive_ms, naive_signed = median_ms(naive_sign, runs)
        verify_ms, report = median_ms(lambda: verify_pdf(signed, [pki.ca_pem]), runs)
        assert report.ok and verify_pdf(naive_signed, [pki.ca_pem]).ok

    rows = [
        ("load PKCS#12 (once per batch)", load_ms, naive_load_ms),
        ("sign 2-page PDF, B-B (per document)", sign_ms, naive_ms),
        ("verify (per document)", verify_ms, verify_ms),
        ("per document: sign + verify", sign_ms + verify_ms, naive_ms + verify_ms),
    ]
    print(f"median of {runs} runs; naive = load the PKCS#12 for every document, no bytes_reserved")
    print(f"{'step':40} {'docgen ms':>10} {'naive ms':>10} {'naive/docgen':>13}")
    for label, ours, naive in rows:
        print(f"{label:40} {ours:10.1f} {naive:10.1f} {naive / ours:12.1f}x")


if __name__ == "__main__":
    main()
