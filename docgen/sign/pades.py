"""PAdES baseline signatures (ETSI EN 319 142-1), B-B to B-LTA, as an incremental update.

Signing must be the last step: any later rewrite of the file breaks the signature, and any
later incremental update shows up in verification as a modification after signing. The
first signature certifies the PDF (DocMDP: no changes allowed), so that viewers, not only
``docgen verify``, flag what is appended later.
"""
from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

from ..errors import SigningError
from .opened import unwrap
from .signer import _certs
from .stamp import field_spec, stamp_style

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


def sign_pdf(pdf: bytes, signer: Any, *, level: str = "B-B", tsa_url: str | None = None,
             trust_roots: list[bytes] | None = None, reason: str | None = None,
             location: str | None = None, field_name: str = "docgen", visible: bool = False,
             signing_time: datetime | None = None, allow_fetching: bool = False,
             tsa_timeout: float = 10, certify: bool = True) -> bytes:
    """Sign ``pdf`` at PAdES ``level`` and return the signed bytes.

    B-T and up need ``tsa_url`` (RFC 3161). B-LT and B-LTA need ``trust_roots`` (PEM/DER
    bytes; the signer's and the TSA's roots): the chains are validated and embedded in the
    DSS; ``allow_fetching`` lets pyHanko fetch OCSP/CRL data (off: no network but the TSA).
    B-LTA adds a document timestamp. ``field_name`` gets a suffix if the PDF already has it.

    ``certify`` (the default) makes the first signature of a PDF a certification signature
    that allows no change (DocMDP P=1): a viewer then flags anything added later (an overlay,
    a new field with an appearance) instead of showing it as an innocent form filling.
    Validation data and document timestamps (B-LT/B-LTA) stay acceptable: PAdES and pyHanko
    do not count them as changes. A PDF that is already signed gets an approval signature
    (a certification must be the first signature), unless its certification forbids changes.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown PAdES level {level!r}; expected one of {', '.join(LEVELS)}")
    if signing_time is not None and signing_time.tzinfo is None:
        raise ValueError("signing_time must be timezone-aware")
    if level != "B-B" and not tsa_url:
        raise SigningError(f"PAdES {level} needs a timestamp authority (a TSA URL)")
    if level in ("B-LT", "B-LTA") and not trust_roots:
        raise SigningError(f"PAdES {level} needs the trust roots to embed validation data")
    signer = unwrap(signer)                  # an opened key becomes pyHanko's signer (loads pyHanko)

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
    from pyhanko_certvalidator import ValidationContext

    # lazy, as the pyHanko imports above: pyHanko loads only when a PDF is signed
    from ._pyhanko import TimedPdfSigner

    timestamper = HTTPTimeStamper(tsa_url, timeout=tsa_timeout) if level != "B-B" else None
    context = None
    if level in ("B-LT", "B-LTA"):
        context = ValidationContext(trust_roots=_certs(trust_roots), allow_fetching=allow_fetching)

    reserved = _bytes_to_reserve(signer, timestamped=timestamper is not None)
    while True:
        writer = _writer(pdf, IncrementalPdfFileWriter)
        name = _free_field_name(writer, field_name, fields)
        first = _refuse_if_locked(writer)
        meta = signers.PdfSignatureMetadata(
            field_name=name, reason=reason, location=location,
            certify=certify and first, docmdp_permissions=fields.MDPPerm.NO_CHANGES,
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=context is not None, validation_context=context,
            use_pades_lta=level == "B-LTA",
            timestamp_field_name=f"{name}-archive" if level == "B-LTA" else None)
        pdf_signer = TimedPdfSigner(meta, signer=signer, timestamper=timestamper,
                                    new_field_spec=field_spec(writer, name, visible),
                                    stamp_style=stamp_style() if visible else None,
                                    signing_time=signing_time)
        try:
            return pdf_signer.sign_pdf(writer, bytes_reserved=reserved).getvalue()
        except TimestampRequestError as exc:
            raise SigningError(f"PAdES {level}: timestamping failed, the TSA {tsa_url} "
                               f"did not answer ({_cause(exc)})") from None
        except PyHankoSigningError as exc:
            # Our estimate was too small (a huge chain, a chatty TSA): let pyHanko size it.
            if reserved is not None and "larger than expected" in str(exc):
                reserved = None
                continue
            raise SigningError(f"PAdES {level} signing failed: {_cause(exc)}") from None
        except Exception as exc:  # noqa: BLE001 - token, validation and PDF errors alike
            raise SigningError(f"PAdES {level} signing failed: {_cause(exc)}") from None


def _writer(pdf: bytes, writer_cls):
    try:
        writer = writer_cls(BytesIO(pdf))
    except Exception as exc:  # noqa: BLE001 - pyHanko's reader raises many types
        raise SigningError(f"cannot sign: the input is not a readable PDF ({_cause(exc)})") from None
    if writer.prev.encrypted:
        raise SigningError("cannot sign an encrypted PDF")
    # pyHanko appends its name to the info /Producer but writes only its own name to the
    # XMP pdf:Producer; PDF/A requires both to agree, so align the info entry beforehand.
    info_ref = writer.trailer.raw_get("/Info") if "/Info" in writer.trailer else None
    if "/Metadata" in writer.root and info_ref is not None:
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.metadata.model import VENDOR

        info = info_ref.get_object()
        if info.get("/Producer") != VENDOR:
            info["/Producer"] = generic.TextStringObject(VENDOR)
            writer.mark_update(info_ref)
    return writer


def _refuse_if_locked(writer) -> bool:
    """True when the PDF has no signature yet; refuses one whose certification forbids changes."""
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import read_certification_data

    if not writer.prev.embedded_signatures:
        return True
    certification = read_certification_data(writer.prev)
    if certification is not None and certification.permission == MDPPerm.NO_CHANGES:
        raise SigningError("the PDF is certified with no changes allowed: another signature "
                           "would break its certification (sign the unsigned dossier instead)")
    return False


def _bytes_to_reserve(signer, timestamped: bool) -> int | None:
    """Room for the CMS blob, so pyHanko does not sign a dummy first just to measure it.

    The blob holds the certificates (the signer's and its chain), the signature value and
    the signed attributes, plus the TSA's token and certificates for B-T and up; it is
    written in hex, hence twice its size. Too small a guess is retried with pyHanko's sizing.
    """
    try:
        cert = signer.signing_cert
        certs = [cert, *signer.cert_registry]
    except Exception:  # noqa: BLE001 - a signer without local certificates: let pyHanko size it
        return None
    size = sum(len(c.dump()) for c in certs) + 3072 + (8192 if timestamped else 0)
    return 2 * (-(-size // 1024) * 1024)


def _free_field_name(writer, wanted: str, fields) -> str:
    # An empty field of that name (a placeholder) is filled; a signed one is left alone.
    taken = {name for name, value, _ in fields.enumerate_sig_fields(writer.prev) if value is not None}
    name, n = wanted, 1
    while name in taken:  # a second signature (counter-signature) gets its own field
        n += 1
        name = f"{wanted}-{n}"
    return name


def _cause(exc: BaseException) -> str:
    # The useful text is often on the wrapped exception (e.g. connection refused).
    parts = []
    while exc is not None and len(parts) < 3:
        text = str(exc).strip()
        if text and text not in parts:
            parts.append(text)
        exc = exc.__cause__ or exc.__context__
    return ": ".join(parts) or "unknown error"
