"""Verification of every signature and document timestamp in a PDF, for ``docgen verify``.

Trust is checked only against roots the caller gives (no OS trust store, no network): a
court-ready dossier must verify the same way on any machine, today and in ten years. Without
roots the verdict is at best "intact, signer not verified" (exit 4), never "valid": anyone
can make a certificate with any name. Anything a later revision changes on the pages makes
the signature "modified after signing" unless a later trusted signature signed it too.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from ..errors import EXIT_OK, EXIT_SIGNATURE, EXIT_SIGNER_NOT_VERIFIED, SigningError
from .revisions import visible_changes
from .signer import _certs, _common_name

# Changes after a signature that leave it standing as far as pyHanko's analysis goes:
# validation data and timestamps (B-LT/B-LTA), and further signatures (pyHanko files these
# under "form filling"). What these revisions show on the pages is checked on top (revisions.py).
_HARMLESS = {"none", "lta_updates", "form_filling"}
_DOCMDP = {1: "no changes allowed", 2: "form filling and signing allowed", 3: "annotations allowed"}

VALID, NOT_VERIFIED, INVALID = "valid", "intact, signer not verified", "INVALID"


@dataclass
class SignatureReport:
    field: str
    kind: str                       # "signature" | "document timestamp"
    signer: str | None              # common name of the signer's (or TSA's) certificate
    signing_time: str | None        # claimed by the signer (/M), ISO 8601
    timestamp_time: str | None      # from the TSA's token, ISO 8601
    level: str | None               # B-B | B-T | B-LT | B-LTA | "not PAdES" (timestamps: None)
    intact: bool                    # the signed bytes' digest matches
    valid: bool                     # the cryptographic signature (and its timestamp) holds
    trusted: bool | None            # chains to the given roots; None: not checked
    covers_whole_file: bool
    modification: str               # none | lta_updates | form_filling | annotations | other
    modified_after_signing: bool    # changed beyond validation data and further signatures
    problems: list[str] = field(default_factory=list)
    certification: str | None = None    # DocMDP of a certification signature; None: approval
    changes_after_signing: list[str] = field(default_factory=list)  # visible, not vouched for
    revision: int = field(default=-1, repr=False)  # 0-based revision the signature closes

    @property
    def intact_and_unmodified(self) -> bool:
        """Everything holds except, perhaps, who signed: trust aside."""
        return (self.intact and self.valid and not self.modified_after_signing
                and not self.problems)

    @property
    def ok(self) -> bool:
        return self.intact_and_unmodified and self.trusted is not False


@dataclass
class VerificationReport:
    signatures: list[SignatureReport]
    trust_checked: bool

    @property
    def verdict(self) -> str:
        """``valid`` (signer verified against a trust anchor), ``intact, signer not verified``
        (no anchor given: anyone can make a certificate with any name), or ``INVALID``."""
        if not any(s.kind == "signature" for s in self.signatures):
            return INVALID
        if not all(s.ok for s in self.signatures):
            return INVALID
        return VALID if self.trust_checked else NOT_VERIFIED

    @property
    def ok(self) -> bool:
        """Valid: intact, unmodified, and every signer chains to a trust anchor."""
        return self.verdict == VALID

    @property
    def intact(self) -> bool:
        """Intact and unmodified, whether or not the signer was verified."""
        return self.verdict != INVALID

    @property
    def exit_code(self) -> int:
        return {VALID: EXIT_OK, NOT_VERIFIED: EXIT_SIGNER_NOT_VERIFIED}.get(self.verdict, EXIT_SIGNATURE)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "verdict": self.verdict, "trust_checked": self.trust_checked,
                "signatures": [dict(_public(s), ok=s.ok) for s in self.signatures]}

    def text(self) -> str:
        if not self.signatures:
            return "no signature\nresult: INVALID"
        lines = []
        for n, s in enumerate(self.signatures, 1):
            what = "Signature" if s.kind == "signature" else "Document timestamp"
            state = "OK" if s.ok and s.trusted else "INTACT" if s.ok else "INVALID"
            lines.append(f"{what} {n} (field {s.field}): {state}")
            lines.append(f"  {'signer' if s.kind == 'signature' else 'TSA'}: {s.signer}")
            if s.level:
                lines.append(f"  level: PAdES {s.level}" if s.level.startswith("B-") else f"  level: {s.level}")
            if s.kind == "signature":
                lines.append(f"  certification: {s.certification}" if s.certification
                             else "  certification: none (approval signature)")
            if s.signing_time:
                lines.append(f"  signing time (claimed): {s.signing_time}")
            if s.timestamp_time:
                lines.append(f"  timestamp: {s.timestamp_time}")
            lines.append(f"  intact: {_yes(s.intact)}; cryptographically valid: {_yes(s.valid)}")
            lines.append("  trusted: " + ("NOT VERIFIED (no trust anchor given)" if s.trusted is None
                                          else _yes(s.trusted)))
            lines.append("  covers the whole file: " + _yes(s.covers_whole_file)
                         + ("" if s.modification == "none" else f" (later changes: {s.modification})"))
            if s.modified_after_signing:
                lines.append("  MODIFIED AFTER SIGNING")
            lines.extend(f"    - {c}" for c in s.changes_after_signing)
            lines.extend(f"  problem: {p}" for p in s.problems)
        lines.append(f"result: {self.verdict}")
        if self.verdict == NOT_VERIFIED:
            lines.append("  (give the signer's root certificate: --trust, $DOCGEN_TRUST or the "
                         "trust: list of $DOCGEN_CONFIG)")
        return "\n".join(lines)


def verify_pdf(pdf: bytes, trust_pem: list[bytes] | None = None) -> VerificationReport:
    """Check every signature of ``pdf``; trust is checked only if ``trust_pem`` is given.

    Raises ``SigningError`` when ``pdf`` is not a readable PDF or a trust root is unreadable.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader


    roots = _certs(trust_pem) if trust_pem else []
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        if reader.encrypted:
            raise SigningError("cannot verify an encrypted PDF")
        embedded = list(reader.embedded_signatures)
    except SigningError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyHanko's reader raises many types
        raise SigningError(f"not a readable PDF ({exc})") from None
    timestamps = [e.signed_revision for e in embedded if e.sig_object_type == "/DocTimeStamp"]
    reports = []
    for emb in embedded:
        try:
            reports.append(_check(reader, emb, roots, timestamps))
        except Exception as exc:  # noqa: BLE001 - a broken signature must not hide the others
            reports.append(SignatureReport(
                field=str(emb.field_name), kind="signature", signer=None, signing_time=None,
                timestamp_time=None, level=None, intact=False, valid=False,
                trusted=False if roots else None, covers_whole_file=False,
                modification="other", modified_after_signing=True,
                problems=[f"cannot be validated: {exc}"]))
    _visible_changes(reader, reports)
    return VerificationReport(signatures=reports, trust_checked=bool(roots))


def _visible_changes(reader, reports: list[SignatureReport]) -> None:
    """Mark each signature followed by a visible change that no trusted signature vouches for.

    A later revision may add or change what the pages show only if a later signature, itself
    intact, valid and trusted, signed it (a counter-signature's own visible stamp, say). A
    document timestamp does not vouch for content: any TSA stamps whatever it is sent, so an
    attacker could have an overlay timestamped by the very TSA the verifier trusts.
    """

    signed = [r for r in reports if r.revision >= 0]
    if not signed:
        return
    vouching = [r.revision for r in signed if r.kind == "signature" and r.trusted is True
                and r.intact_and_unmodified]
    try:
        changes = visible_changes(reader, min(r.revision for r in signed))
    except Exception as exc:  # noqa: BLE001 - what cannot be analysed cannot be vouched for
        for report in signed:
            if report.revision < reader.xrefs.total_revisions - 1:
                report.modified_after_signing = True
                report.problems.append(f"the changes made after signing cannot be analysed ({exc})")
        return
    for report in signed:
        shown = [c for c in changes if c.revision > report.revision
                 and not any(v >= c.revision for v in vouching)]
        if shown:
            report.modified_after_signing = True
            report.changes_after_signing = [str(c) for c in shown]


def _public(report: SignatureReport) -> dict:
    data = asdict(report)
    data.pop("revision")
    return data


def _check(reader, emb, roots: list, timestamps: list[int]) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel


    context = _context(reader, roots)
    problems: list[str] = []
    token = None
    if emb.sig_object_type == "/DocTimeStamp":
        status = validate_pdf_timestamp(emb, validation_context=context)
        kind, level, claimed, stamped = "document timestamp", None, None, status.timestamp
    else:
        status = validate_pdf_signature(emb, signer_validation_context=context)
        kind, claimed = "signature", status.signer_reported_dt
        token = status.timestamp_validity
        stamped = token.timestamp if token is not None else None
        level = _level(reader, emb, token is not None, timestamps)
    valid = status.valid and (token is None or (token.valid and token.intact))
    trusted = status.trusted and (token is None or token.trusted)
    modification = status.modification_level
    modification = modification.name.lower() if modification is not None else "other"
    if not status.intact:
        problems.append("the signed content was altered (digest mismatch)")
    elif not status.valid:
        problems.append("the cryptographic signature does not match the certificate")
    elif roots and not status.trusted and status.trust_problem_indic is not None:
        problems.append(f"not trusted: {status.trust_problem_indic.name.lower()}")
    if token is not None and not (token.valid and token.intact):
        problems.append("the signature's timestamp token is not valid")
    elif token is not None and roots and not token.trusted:
        problems.append("the timestamp authority does not chain to the given roots")
    if status.docmdp_ok is False and modification in _HARMLESS:
        problems.append("the signature forbids the changes made after it")
    docmdp = emb.docmdp_level if kind == "signature" and _certifies(emb) else None
    return SignatureReport(
        field=str(emb.field_name), kind=kind, signer=_common_name(status.signing_cert),
        signing_time=_iso(claimed), timestamp_time=_iso(stamped), level=level,
        intact=status.intact, valid=valid, trusted=trusted if roots else None,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        modification=modification, modified_after_signing=modification not in _HARMLESS,
        problems=problems, revision=emb.signed_revision,
        certification=_DOCMDP.get(docmdp.value, str(docmdp)) if docmdp is not None else None)


def _certifies(emb) -> bool:
    # A certification signature carries a DocMDP transform; an approval one may carry only a
    # field lock, whose /P pyHanko's docmdp_level also reports.
    try:
        refs = emb.sig_object.get("/Reference") or ()
        return any(ref.get("/TransformMethod") == "/DocMDP" for ref in refs)
    except Exception:  # noqa: BLE001
        return False


def _context(reader, roots: list):
    """Offline context trusting only ``roots``, fed with the PDF's own DSS (B-LT data)."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError
    from pyhanko_certvalidator import ValidationContext

    # An empty list, not None: None would mean the operating system's trust store.
    kwargs: dict[str, Any] = {"trust_roots": roots, "allow_fetching": False}
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs)
    except NoDSSFoundError:
        return ValidationContext(**kwargs)


def _level(reader, emb, has_token: bool, timestamps: list[int]) -> str:
    if str(emb.sig_object.get("/SubFilter")) != "/ETSI.CAdES.detached":
        return "not PAdES"
    if not has_token:
        return "B-B"
    if "/DSS" not in reader.root:
        return "B-T"
    later = any(rev > emb.signed_revision for rev in timestamps)
    return "B-LTA" if later else "B-LT"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"
