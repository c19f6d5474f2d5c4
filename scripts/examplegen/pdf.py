"""WeasyPrint from HTML strings, with the documents' own dates as PDF metadata (never the
clock), the shared page styles, and small HTML helpers."""
from __future__ import annotations

import logging
from datetime import date, datetime

from .common import PARIS, ROOT, SPECIMEN, esc


_WEASY: dict = {}


def render_pdf(body: str, *, title: str, author: str, created: datetime, lang: str,
               css: str, subject: str = SPECIMEN) -> bytes:
    """HTML -> PDF bytes. Metadata dates come from the document itself, never the clock."""
    if not _WEASY:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        _WEASY["mod"], _WEASY["fonts"] = weasyprint, FontConfiguration()
    stamp = created.isoformat(timespec="seconds")
    doc = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
           f'<meta name="author" content="{esc(author)}">'
           f'<meta name="description" content="{esc(subject)}">'
           f'<meta name="keywords" content="docgen, example, fictitious">'
           f'<meta name="generator" content="docgen scripts/make_examples.py">'
           f'<meta name="dcterms.created" content="{stamp}">'
           f'<meta name="dcterms.modified" content="{stamp}">'
           f'<style>{css}</style></head><body>{body}</body></html>')
    weasyprint = _WEASY["mod"]
    return weasyprint.HTML(string=doc, base_url=str(ROOT)).write_pdf(font_config=_WEASY["fonts"])


def at(d: date, hour: int = 10, minute: int = 0, tz=PARIS) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=tz)


BASE_CSS = """
@page { size: A4; margin: 15mm 17mm 25mm 17mm;
  @bottom-left { content: element(legal); width: 150mm; vertical-align: top; }
  @bottom-right { content: counter(page) " / " counter(pages); width: 20mm; vertical-align: top;
                  font: 7pt "DejaVu Sans"; color: #888; padding-top: 2.2mm; } }
html { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8.8pt; color: #1d1d1f; line-height: 1.38; }
body { margin: 0; }
p { margin: 0 0 2.2mm 0; }
.legal { position: running(legal); font-size: 6.6pt; color: #666; border-top: 0.4pt solid #bbb;
         padding-top: 1.8mm; line-height: 1.35; }
.brand { font-size: 17pt; font-weight: bold; letter-spacing: 0.2pt; line-height: 1.1; }
.tag { font-size: 8pt; color: #666; margin-bottom: 1.5mm; }
.coords { font-size: 8pt; color: #333; }
.window { position: absolute; top: 40mm; left: 93mm; width: 82mm; font-size: 9.6pt; line-height: 1.3; }
.window .small { font-size: 7pt; color: #777; margin-bottom: 1mm; }
.doctitle { position: absolute; top: 0; right: 0; text-align: right; }
.doctitle .kind { font-size: 20pt; font-weight: bold; letter-spacing: 2pt; }
.doctitle .no { font-size: 10pt; margin-top: 1mm; }
table { border-collapse: collapse; }
.meta { margin-top: 9mm; font-size: 8.6pt; }
.meta th { text-align: left; font-weight: normal; color: #666; padding: 0.4mm 4mm 0.4mm 0; white-space: nowrap; }
.meta td { padding: 0.4mm 0; font-weight: bold; }
.headzone { position: relative; height: 72mm; }
.object { margin: 3mm 0 3mm 0; }
.lines { width: 100%; margin-top: 2mm; }
.lines th { color: #fff; font-weight: bold; font-size: 8pt; padding: 1.6mm 1.8mm; text-align: right; white-space: nowrap; }
.lines th.l, .lines td.l { text-align: left; }
.lines td { padding: 1.6mm 1.8mm; text-align: right; vertical-align: top; border-bottom: 0.4pt solid #ddd; }
.lines tr:nth-child(even) td { background: #f6f4f1; }
.lines td .sub { color: #666; font-size: 7.8pt; }
.totals { margin-left: auto; margin-top: 3mm; width: 78mm; }
.totals td { padding: 1.1mm 1.8mm; text-align: right; }
.totals td.l { text-align: left; color: #444; }
.totals tr.grand td { font-weight: bold; font-size: 10pt; color: #fff; }
.paybox { margin-top: 5mm; border: 0.8pt solid #bbb; padding: 2.6mm 3.2mm; font-size: 8.4pt; page-break-inside: avoid; }
.paybox b.big { font-size: 10pt; }
.mentions { margin-top: 4mm; font-size: 7.4pt; color: #333; }
.mentions p { margin-bottom: 1.3mm; }
.mono { font-family: "DejaVu Sans Mono"; font-size: 8.2pt; }
"""


LETTER_CSS = """
@page { size: A4; margin: 20mm 20mm 24mm 20mm;
  @bottom-left { content: element(legal); width: 150mm; vertical-align: top; }
  @bottom-right { content: counter(page) " / " counter(pages); width: 18mm; vertical-align: top;
                  font: 7pt "DejaVu Sans"; color: #888; padding-top: 2.2mm; } }
html { font-family: "DejaVu Serif"; font-size: 9.2pt; color: #111; line-height: 1.36; }
body { margin: 0; }
p { margin: 0 0 2.4mm 0; text-align: justify; }
.legal { position: running(legal); font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 6.6pt;
         color: #666; border-top: 0.4pt solid #bbb; padding-top: 1.8mm; }
.head { position: absolute; top: 0; left: 0; font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8pt;
        color: #333; width: 80mm; }
.refs-left { position: absolute; top: 47mm; left: 0; width: 80mm; font-family: "DejaVu Sans"; font-stretch: condensed;
             font-size: 8pt; color: #333; line-height: 1.4; }
.head .brand { font-size: 14pt; font-weight: bold; color: #111; }
.copy { position: absolute; top: 0; right: 0; font-family: "DejaVu Sans"; font-size: 7.5pt; color: #a33;
        border: 0.6pt solid #a33; padding: 0.6mm 2mm; letter-spacing: 1pt; }
.window { position: absolute; top: 35mm; left: 90mm; width: 85mm; height: 33mm; font-family: "DejaVu Sans";
          font-size: 9.5pt; line-height: 1.3; }
.window .ret { font-size: 6.5pt; color: #666; border-bottom: 0.3pt solid #999; margin-bottom: 1.2mm; }
.after { padding-top: 70mm; }
.place { text-align: right; margin-bottom: 3mm; }
.refs { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8.4pt; color: #333; margin-bottom: 3mm; }
.object { font-weight: bold; margin-bottom: 3.5mm; }
table.items { border-collapse: collapse; width: 100%; font-family: "DejaVu Sans"; font-stretch: condensed;
              font-size: 8.6pt; margin: 1mm 0 4mm 0; }
table.items th { text-align: left; border-bottom: 0.8pt solid #333; padding: 1mm 1.5mm; }
table.items td { border-bottom: 0.4pt solid #ccc; padding: 1mm 1.5mm; }
table.items .r { text-align: right; }
table.items tr.total td { font-weight: bold; border-bottom: none; border-top: 0.8pt solid #333; }
.sign { margin-top: 2mm; width: 100%; page-break-inside: avoid; }
.sign td { vertical-align: top; }
.sign img { width: 34mm; display: block; margin: -1mm 0 0 -3mm; }
.bank { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8.6pt; border-left: 2pt solid #999;
        padding: 1mm 0 1mm 3mm; margin: 2mm 0 4mm 0; }
"""


def box(checked: bool) -> str:
    return f'<span class="box">{"X" if checked else "&nbsp;"}</span>'
