"""How wide a table's invoice-number column is: just wide enough for the case's longest number.

Every table has a fixed layout (templates/base/document.css): its columns take the widths of
their classes, and nothing is measured when the page is laid out. An invoice number is one word
that must stay whole on its line (« F2025-02836- » over « 1 » is misread), and numbering schemes
differ from one creditor to the next, so the column takes one of three widths, chosen here from
the numbers themselves: ``c-ref`` (« FA-2026-0123 »), ``c-ref-wide``, ``c-ref-xwide``. The text
column beside it gives up the difference. The editable DOCX reads the same classes.

The numbers are measured with the advance widths of the table font (Liberation Serif, 9 pt),
copied here from the bundled font file (a test checks them against it) so that choosing a class
loads no font.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Advance widths of Liberation Serif Regular, characters 32 to 126, in units of 1/2048 em.
_ADVANCES = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479,
    1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479,
    1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569,
    1024, 569, 1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983,
    1108)
UNITS_PER_EM = 2048
_WIDEST = max(_ADVANCES)              # a character outside the table: counted as wide as « W »

# Each class, with the widest text its column holds on one line, in em of the 9 pt table font:
# its share of the 170 mm text width, less 3 mm of cell padding, less 1 % for rounding.
# (13 % of 170 mm = 22.1 mm; 22.1 - 3 = 19.1 mm = 6.02 em of 9 pt (3.175 mm); and so on.)
TABLE_WIDTH_MM, PADDING_MM, EM_MM = 170.0, 3.0, 9 * 25.4 / 72
WIDTHS = {"c-ref": 13.0, "c-ref-wide": 16.5, "c-ref-xwide": 21.0}    # percent, as in document.css


def text_em(text: str) -> float:
    """The width of ``text`` in the table font, in em."""
    units = 0
    for ch in text:
        code = ord(ch)
        if not 32 <= code <= 126:
            base = unicodedata.normalize("NFKD", ch)[:1]          # « é » is as wide as « e »
            code = ord(base) if base else 0
        units += _ADVANCES[code - 32] if 32 <= code <= 126 else _WIDEST
    return units / UNITS_PER_EM


def _room_em(percent: float) -> float:
    return (TABLE_WIDTH_MM * percent / 100 - PADDING_MM) / EM_MM * 0.99


def ref_column(numbers: Iterable[str]) -> str:
    """The class of the invoice-number column that holds the longest of ``numbers`` on one line
    (the widest class when none does: a longer number then wraps, at its hyphens first)."""
    widest = max((text_em(str(n)) for n in numbers), default=0.0)
    for name, percent in WIDTHS.items():
        if widest <= _room_em(percent):
            return name
    return "c-ref-xwide"
