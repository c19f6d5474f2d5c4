"""The aging report's formats: a text table, CSV, JSON and a self-contained HTML page.

CSV has one row per debtor; cells that a spreadsheet would take for a formula are prefixed with
an apostrophe. JSON gives amounts as decimal strings. The HTML page carries an inline SVG chart
(no script, no external resource) and is written in the current language (``docgen.i18n``).
"""
from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal

from ..i18n import _, current
from ..law.money import ZERO, as_str
from ..model.text import terminal_safe
from .aging_report import BUCKET_LABELS, BUCKETS, AgingReport, DebtorRow

_COLUMNS = ("debtor", "cases", "stage", *BUCKETS, "outstanding", "interest", "indemnities", "total_due",
            "indemnities_paid")
# outstanding + interest + indemnities = total_due; indemnities_paid is shown beside them.


def _cells(row: DebtorRow) -> list[str]:
    return [row.name, " ".join(row.cases), row.stage, *(as_str(row.buckets[b]) for b in BUCKETS),
            as_str(row.outstanding), as_str(row.interest), as_str(row.indemnities), as_str(row.total_due),
            as_str(row.indemnities_paid)]


def _total_cells(report: AgingReport) -> list[str]:
    return ["TOTAL", str(sum(len(r.cases) for r in report.rows)), "", *(as_str(report.total(b)) for b in BUCKETS),
            as_str(report.total()), as_str(report.interest), as_str(report.indemnities), as_str(report.total_due),
            as_str(report.indemnities_paid)]


def _headers() -> list[str]:
    return [_("Debtor"), _("Cases"), _("Stage"), *(_(BUCKET_LABELS[b]) for b in BUCKETS), _("Outstanding"),
            _("Interest"), _("Indemnities"), _("Total due"), _("Indemnities paid")]


def to_table(report: AgingReport) -> str:
    """The text table. Debtor names are never cut (a long name widens its column); a long list
    of cases is, the JSON and CSV formats giving them all."""
    header = [h.upper() for h in _headers()]
    body = [_cells(r) for r in report.rows]
    for cells in body:
        cells[1] = cells[1] if len(cells[1]) <= 24 else cells[1][:21] + "..."
    totals = _total_cells(report)
    totals[0] = _("TOTAL")
    # Debtor names are the user's text: a control character in one must not reach the terminal raw.
    rows = [[terminal_safe(cell) for cell in r] for r in (header, *body, totals)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(header))]
    lines = []
    for n, r in enumerate(rows):
        cells = [cell.ljust(w) if c < 3 else cell.rjust(w) for c, (cell, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0 or n == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(_("as of {day}, amounts in EUR (outstanding principal per age bucket; outstanding + interest + "
                   "indemnities = total due)").format(day=report.as_of))
    for case, reason in report.errors:
        lines.append(terminal_safe(_("left out: {case}: {reason}").format(case=case, reason=reason)))
    for case, note in report.assumed:
        lines.append(terminal_safe(_("rate assumed: {case}: {note}").format(case=case, note=note)))
    return "\n".join(lines)


def _csv_safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(report: AgingReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for row in report.rows:
        writer.writerow([_csv_safe(c) for c in _cells(row)])
    writer.writerow(_total_cells(report))
    return out.getvalue()


def to_json(report: AgingReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


_PALETTE = ("#2f5d8a", "#e07b39", "#5a9e5a", "#b5483f", "#8a6bb0", "#c9a227", "#4aa3a8", "#9a9a9a")


def _money_text(amount: Decimal) -> str:
    whole, _, frac = f"{amount:.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return "\u202f".join(groups) + "," + frac + "\u00a0€"


def chart_svg(report: AgingReport, *, top: int = 6) -> str:
    """Stacked bars, one per bucket: the largest debtors each in their colour, the rest grey."""
    other, label = _("other debtors"), _("Outstanding principal per age bucket")
    width, height, left, bottom, top_pad = 760, 360, 70, 40, 30
    plot_h = height - bottom - top_pad
    biggest = sorted(report.rows, key=lambda r: -r.outstanding)[:top]
    series = [(r.name, {b: r.buckets[b] for b in BUCKETS}, False) for r in biggest if r.outstanding > 0]
    rest = {b: report.total(b) - sum((s[1][b] for s in series), ZERO) for b in BUCKETS}
    if any(v > 0 for v in rest.values()):
        series.append((other, rest, True))
    peak = max((report.total(b) for b in BUCKETS), default=ZERO)
    scale = float(plot_h) / float(peak) if peak > 0 else 0.0  # ok: SVG chart geometry
    slot = (width - left - 20) / len(BUCKETS)
    bar = slot * 0.55
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" style="max-width:{width}px" '
             f'viewBox="0 0 {width} {height + 22 * len(series)}" role="img" '
             f'aria-label="{html.escape(label)}" font-family="sans-serif" '
             f'font-size="12">']
    base_y = top_pad + plot_h
    parts.append(f'<line x1="{left}" y1="{base_y}" x2="{width - 10}" y2="{base_y}" stroke="#444"/>')
    for k, b in enumerate(BUCKETS):
        x = left + k * slot + (slot - bar) / 2
        y = float(base_y)  # ok: SVG chart geometry
        for n, (name, values, grey) in enumerate(series):
            h = float(values[b]) * scale  # ok: SVG chart geometry
            if h <= 0:
                continue
            y -= h
            color = "#bbbbbb" if grey else _PALETTE[n]
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color}">'
                         f'<title>{html.escape(name)}: {html.escape(_money_text(values[b]))}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-weight="bold">'
                     f'{html.escape(_money_text(report.total(b)))}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{base_y + 18}" text-anchor="middle">'
                     f'{html.escape(_(BUCKET_LABELS[b]))}</text>')
    for n, (name, _values, grey) in enumerate(series):
        y = height + 22 * n
        color = "#bbbbbb" if grey else _PALETTE[n]
        parts.append(f'<rect x="{left}" y="{y - 11}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{left + 18}" y="{y}">{html.escape(name[:60])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: AgingReport) -> str:
    """One self-contained page in the current language (``docgen.i18n``): figures, chart, table
    (outstanding + interest + indemnities = total due, indemnities paid beside), left-out cases."""
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in _headers())
    body = []
    for row in report.rows:
        cells = _cells(row)
        money = [_money_text(Decimal(c)) for c in cells[3:]]
        body.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells[:3]) +
                    "".join(f'<td class="num">{e(m)}</td>' for m in money) + "</tr>")
    totals = _total_cells(report)
    totals[0] = _("TOTAL")
    body.append('<tr class="total">' + "".join(f"<td>{e(c)}</td>" for c in totals[:3]) +
                "".join(f'<td class="num">{e(_money_text(Decimal(c)))}</td>' for c in totals[3:]) + "</tr>")
    excluded = ""
    if report.errors:
        excluded = ("<h2>" + e(_("Left out")) + "</h2><ul>" +
                    "".join(f"<li>{e(c)}: {e(r)}</li>" for c, r in report.errors) + "</ul>")
    if report.assumed:
        excluded += ("<h2>" + e(_("Rates assumed")) + "</h2><ul>" +
                     "".join(f"<li>{e(c)}: {e(n)}</li>" for c, n in report.assumed) + "</ul>")
    day = e(report.as_of.isoformat())
    figures = ((report.total(), _("outstanding principal")), (report.total("90+"), _("more than 90 days past due")),
               (report.interest, _("interest accrued, unpaid")), (report.indemnities, _("indemnities, unpaid")),
               (report.total_due, _("total due")))
    figures += ((None, _("debtors")),)
    boxes = "".join(f"<div>{e(_money_text(v)) if v is not None else len(report.rows)}<span>{e(label)}</span></div>\n"
                    for v, label in figures)
    title, heading = _("Aging report as of {day}").format(day=report.as_of.isoformat()), _("Aging report")
    note = _("Outstanding principal + interest + indemnities = total due; amounts in EUR.")
    return f"""<!DOCTYPE html>
<html lang="{current()}"><head><meta charset="utf-8">
<title>{e(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin-top: 1.5em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .3em .6em; text-align: left; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
tr.total td {{ font-weight: bold; border-top: 2px solid #444; }}
.figures {{ display: flex; gap: 2.5em; margin: 1em 0; }}
.figures div {{ font-size: 1.4em; font-weight: bold; }}
.figures span {{ display: block; font-size: .6em; font-weight: normal; color: #666; }}
</style></head><body>
<h1>{e(heading)} — {day}</h1>
<div class="figures">
{boxes}</div>
{chart_svg(report)}
<table><thead><tr>{head}</tr></thead><tbody>
{"".join(body)}
</tbody></table>
<p>{e(note)}</p>
{excluded}
</body></html>
"""


FORMATS = {"table": to_table, "csv": to_csv, "json": to_json, "html": to_html}
