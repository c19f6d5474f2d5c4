"""An e-mail (.eml) as readable pages: headers, text body, list of attachments, and a note that
the original file is attached to the dossier.

A judge reads pages, not MIME: the message is reproduced from its text only (an HTML body is
reduced to its visible text; nothing is fetched or rendered from it), and the page says where
the untouched original is, so the reproduction never has to be trusted on its own.
"""
from __future__ import annotations

import email
import email.policy
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

from .pieces import PieceSpec, original_name
from .reporting import fail, reason

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ..render.workers import Layouts

EML_BODY_LIMIT = 60_000               # characters of an e-mail body reproduced on the page

_EML_LABELS = {
    "fr": {"heading": "Courriel", "from": "De", "to": "À", "cc": "Cc", "date": "Date", "subject": "Objet",
           "attachments": "Pièces jointes au courriel", "none": "aucune", "body": "Message",
           "empty": "(message sans texte)", "html_note": "Texte extrait de la version HTML du message "
           "(mise en forme, images et liens non reproduits).",
           "truncated": "[… texte tronqué : le message complet figure dans le fichier original joint au dossier]",
           "source": "Reproduction lisible du message électronique « {file} » ({size}, SHA-256 {sha}). "
                     "Le fichier original est joint au présent dossier sous le nom « {attached} ».",
           "bytes": "octets", "unnamed": "(sans nom)"},
    "nl": {"heading": "E-mail", "from": "Van", "to": "Aan", "cc": "Cc", "date": "Datum", "subject": "Onderwerp",
           "attachments": "Bijlagen bij de e-mail", "none": "geen", "body": "Bericht",
           "empty": "(bericht zonder tekst)", "html_note": "Tekst overgenomen uit de HTML-versie van het bericht "
           "(opmaak, afbeeldingen en links niet weergegeven).",
           "truncated": "[… tekst ingekort: het volledige bericht staat in het originele bestand bij het dossier]",
           "source": "Leesbare weergave van het elektronisch bericht « {file} » ({size}, SHA-256 {sha}). "
                     "Het originele bestand is bij dit dossier gevoegd onder de naam « {attached} ».",
           "bytes": "bytes", "unnamed": "(zonder naam)"},
}


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML e-mail body: no rendering, no fetching, scripts and styles skipped."""

    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(" ".join(data.split(" ")) if data.strip() else (" " if data else ""))

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).splitlines()]
        out, blank = [], 0
        for line in lines:
            blank = blank + 1 if not line else 0
            if blank <= 1:
                out.append(line)
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _part_text(part) -> str:  # noqa: ANN001
    try:
        return part.get_content()
    except Exception:  # noqa: BLE001 - unknown charset, bad transfer encoding
        payload = part.get_payload(decode=True) or b""
        try:
            return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        except LookupError:                                   # a charset Python does not know
            return payload.decode("utf-8", errors="replace")


_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))


def _clean(text: str) -> str:
    """No control characters (they have no place in the page and upset the HTML parser)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def _size(n: int, unit: str) -> str:
    if n < 1024:
        return f"{n} {unit}"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} Kio".replace(".", ",") if unit == "octets" else f"{n / 1024:.1f} KiB"
    return f"{n / 1024 / 1024:.1f} Mio".replace(".", ",") if unit == "octets" else f"{n / 1024 / 1024:.1f} MiB"


def eml_context(data: bytes, *, file_name: str, attached_as: str, sha256: str, language: str) -> dict:
    L = _EML_LABELS[language]
    message = email.message_from_bytes(data, policy=email.policy.default)

    def raw(name: str) -> str:
        return _clean(", ".join(" ".join(str(v).split()) for k, v in message.raw_items()
                                if k.lower() == name.lower()))

    def header(name: str) -> str:
        if name == "Date":
            # The parsed Date is re-formatted from the datetime: a wrong weekday is « corrected » and a
            # trailing comment dropped. A reproduction shows what was sent, so the Date is taken raw.
            return raw(name)
        try:
            values = message.get_all(name) or []
            if any(getattr(v, "defects", None) for v in values):       # show what was sent, not a guess
                raise ValueError("defective header")
            return _clean(", ".join(str(v) for v in values))
        except Exception:  # noqa: BLE001 - a malformed header is shown raw
            return raw(name)

    body, from_html = "", False
    part = message.get_body(preferencelist=("plain", "html"))
    if part is not None:
        text = _part_text(part)
        if part.get_content_subtype() == "html":
            text, from_html = html_to_text(text), True
        body = _clean(text).strip("\n")
    truncated = len(body) > EML_BODY_LIMIT
    if truncated:
        body = body[:EML_BODY_LIMIT]
    attachments = []
    for item in message.iter_attachments():
        try:
            payload = item.get_payload(decode=True)
            size = len(payload) if isinstance(payload, bytes) else len(item.as_bytes())
        except Exception:  # noqa: BLE001
            size = 0
        attachments.append({"name": _clean(item.get_filename() or L["unnamed"]), "type": item.get_content_type(),
                            "size": _size(size, L["bytes"])})
    return {
        "lang": language, "L": L,
        "headers": [(L[k], header(h)) for k, h in (("from", "From"), ("to", "To"), ("cc", "Cc"),
                                                   ("date", "Date"), ("subject", "Subject")) if header(h)],
        "subject": header("Subject"), "body": body, "from_html": from_html, "truncated": truncated,
        "attachments": attachments,
        "source": L["source"].format(file=file_name, size=_size(len(data), L["bytes"]), sha=sha256,
                                     attached=attached_as),
    }


def eml_layout(spec: PieceSpec, data: bytes, digest: str, roots: tuple[Path, ...], language: str,
               layouts: Layouts) -> Future:
    """The message rendered with the ``base/eml.html.j2`` template, its layout handed to
    ``layouts``: a future of its PDF bytes (read by :func:`eml_pages`)."""
    # lazy: validation's file probe loads this module (through dossier/sources.py) and must not
    # load Jinja2
    from ..render.jinja import environment

    try:
        context = eml_context(data, file_name=spec.path.name, attached_as=original_name(spec),
                              sha256=digest, language=language)
    except Exception as exc:  # noqa: BLE001
        raise fail(spec, "reading the e-mail", f"the message cannot be parsed ({reason(exc)})") from None
    try:
        markup = environment(roots).get_template("base/eml.html.j2").render(context)
    except Exception as exc:  # noqa: BLE001
        raise fail(spec, "rendering the e-mail", reason(exc)) from None
    return layouts.pdf(markup, roots, identity=f"eml|{digest}|{language}|{spec.number}")


def eml_pages(spec: PieceSpec, pdf: Future) -> tuple[PdfReader, int]:
    """The laid-out message (a future from :func:`eml_layout`): its reader and page count."""
    try:
        reader = PdfReader(io.BytesIO(pdf.result()))
        pages = len(reader.pages)
    except Exception as exc:  # noqa: BLE001
        raise fail(spec, "rendering the e-mail", reason(exc)) from None
    return reader, pages
