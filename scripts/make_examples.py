#!/usr/bin/env python3
"""Render the binary example inputs of ``examples/*/`` from each ``case.yaml``.

The four example cases (``examples/fr-b2b``, ``fr-b2c``, ``be-b2b``, ``be-b2c``) name
invoices, quotes, general terms, postal receipts, scanned acknowledgements of receipt
and e-mails. None of them is drawn by hand: this script renders every one of them from
the case file itself (figures are read from the YAML, so an invoice always shows the
``amount`` of the case), and fails if a case names a file it cannot produce.

    python scripts/make_examples.py             # write the files whose bytes changed
    python scripts/make_examples.py --check     # exit 1 if regenerating would change a file
    python scripts/make_examples.py --only be-b2c --list

Determinism. Running it twice gives the same bytes:
- no clock and no unseeded randomness: every "random" stroke, speckle or noise comes
  from ``random.Random(<fixed text seed>)``; PDF metadata dates are the documents' own
  dates, set through ``<meta name="dcterms.created">``;
- WeasyPrint 70 writes no time stamp of its own and derives the PDF ``/ID`` from the
  content, so its output is byte-stable; the e-mails get fixed Date, Message-ID and
  MIME boundaries; Pillow's PNG and JPEG encoders are deterministic.
Bytes still depend on the library versions (WeasyPrint, pydyf, HarfBuzz, Pillow,
libjpeg, zlib) and on the DejaVu fonts installed: ``--check`` on another machine may
report differences that are only a different toolchain. The files were last generated
with Python 3.11, WeasyPrint 70.0, Pillow 13.0, DejaVu 2.37 (Debian 12).

This is a development script: it needs PyYAML, python-stdnum, Pillow, WeasyPrint and
the DejaVu fonts, none of which docgen itself needs for reading the examples.
"""
from __future__ import annotations

import argparse
import base64
import html
import io
import logging
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from stdnum import bic as std_bic
from stdnum import iban as std_iban
from stdnum.be import ogm_vcs
from stdnum.be import vat as be_enterprise
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASE_NAMES = ("fr-b2b", "fr-b2c", "be-b2b", "be-b2c")
MAX_BYTES = 150 * 1024          # generated files are committed: keep each one small
PARIS = ZoneInfo("Europe/Paris")
BRUSSELS = ZoneInfo("Europe/Brussels")
SPECIMEN = "Document fictif – exemple généré par docgen/scripts/make_examples.py"
SPECIMEN_NL = "Fictief document – voorbeeld gegenereerd door docgen/scripts/make_examples.py"

# --------------------------------------------------------------------------------------
# Money, dates, identifiers
# --------------------------------------------------------------------------------------
CENT = Decimal("0.01")
NBSP = "\u00a0"
NNBSP = "\u202f"


def money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


def num(value, lang: str = "fr") -> str:
    """1234.5 -> '1 234,50' (fr, narrow no-break space) or '1.234,50' (nl)."""
    value = money(value)
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    sep = "." if lang == "nl" else NNBSP
    return f"{sign}{sep.join(groups)},{cents}"


def eur(value, lang: str = "fr") -> str:
    return f"€{NBSP}{num(value, lang)}" if lang == "nl" else f"{num(value, lang)}{NBSP}€"


def pct(value, lang: str = "fr") -> str:
    text = f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}{NBSP}%"


MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}


def dshort(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def dlong(d: date, lang: str = "fr") -> str:
    day = "1er" if (lang == "fr" and d.day == 1) else str(d.day)
    return f"{day} {MONTHS[lang][d.month - 1]} {d.year}"


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def be_holidays(year: int) -> set[date]:
    e = easter(year)
    return {date(year, 1, 1), e + timedelta(days=1), date(year, 5, 1), e + timedelta(days=39),
            e + timedelta(days=50), date(year, 7, 21), date(year, 8, 15), date(year, 11, 1),
            date(year, 11, 11), date(year, 12, 25)}


def be_consumer_window(sent: date, channel: str) -> tuple[date, date, date]:
    """Book XIX: (first day, 14th day, first claimable day) of the free-reminder window.
    Posted: starts on the 3rd working day after posting; e-mailed: the next day."""
    if channel == "email":
        start = sent + timedelta(days=1)
    else:
        day, worked = sent, 0
        while worked < 3:
            day += timedelta(days=1)
            if day.weekday() < 5 and day not in be_holidays(day.year):
                worked += 1
        start = day
    return start, start + timedelta(days=13), start + timedelta(days=14)


def be_lump_sum_cap(balance: Decimal) -> Decimal:
    """CDE XIX.4 maximum lump sum on an outstanding consumer balance."""
    if balance <= Decimal("150"):
        return Decimal("20.00")
    if balance <= Decimal("500"):
        return money(Decimal("30") + (balance - Decimal("150")) * Decimal("0.10"))
    return min(money(Decimal("65") + (balance - Decimal("500")) * Decimal("0.05")), Decimal("2000.00"))


def fmt_siren(number: str) -> str:
    n = "".join(ch for ch in number if ch.isdigit())
    return f"{n[:3]} {n[3:6]} {n[6:9]}" + (f" {n[9:]}" if len(n) > 9 else "")


def fmt_bce(number: str) -> str:
    n = be_enterprise.compact(number)
    return f"{n[:4]}.{n[4:7]}.{n[7:]}"


def fmt_vat(number: str) -> str:
    n = eu_vat.compact(number)
    if n.startswith("BE"):
        return f"BE {fmt_bce(n[2:])}"
    if n.startswith("FR"):
        return f"FR{n[2:4]} {fmt_siren(n[4:])}"
    return n


def fmt_tracking(number: str) -> str:
    n = number.replace(" ", "")
    if n.endswith("BE"):                       # UPU S10: RR 473 190 261 BE
        return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:11]} {n[11:]}"
    return f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:12]} {n[12:]}"   # La Poste: 1A 194 286 0357 4


def ogm(seed_digits: str) -> str:
    """A valid Belgian structured communication +++xxx/xxxx/xxxxx+++ from 10 digits."""
    base = (seed_digits + "0" * 10)[:10]
    return f"+++{ogm_vcs.format(base + ogm_vcs.calc_check_digits(base))}+++"


def esc(text) -> str:
    return html.escape(str(text), quote=True)


# --------------------------------------------------------------------------------------
# The case, read from YAML
# --------------------------------------------------------------------------------------
@dataclass
class Case:
    name: str
    data: dict
    directory: Path

    @classmethod
    def load(cls, name: str) -> "Case":
        directory = EXAMPLES / name
        data = yaml.safe_load((directory / "case.yaml").read_text(encoding="utf-8"))
        return cls(name, data, directory)

    # convenience accessors -------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.data["language"]

    @property
    def country(self) -> str:
        return self.data["jurisdiction"]

    @property
    def b2b(self) -> bool:
        return self.data["relationship"] == "B2B"

    @property
    def creditor(self) -> dict:
        return self.data["creditor"]

    @property
    def debtor(self) -> dict:
        return self.data["debtor"]

    @property
    def contract(self) -> dict:
        return self.data.get("contract") or {}

    @property
    def invoices(self) -> list[dict]:
        return self.data["invoices"]

    def invoice(self, number: str) -> dict:
        return next(i for i in self.invoices if i["number"] == number)

    def events(self, kind: str) -> list[dict]:
        return sorted((e for e in self.data.get("events", []) if e["type"] == kind), key=lambda e: e["date"])

    def event_with_proof(self, proof: str) -> dict:
        return next(e for e in self.data.get("events", []) if e.get("proof") == proof)

    def referenced_files(self) -> list[str]:
        files = [i["file"] for i in self.invoices if i.get("file")]
        files += [e["proof"] for e in self.data.get("events", []) if e.get("proof")]
        files += [x["file"] for x in self.data.get("exhibits", [])]
        return files

    def open_items(self, on: date) -> list[tuple[dict, Decimal]]:
        """Invoices due on or before `on` with the principal a bookkeeper would show:
        amount less credit notes and payments received before that date (designated
        payments to their invoice, others to the oldest invoice). Interest is left out:
        this is only the figure a reminder letter quotes."""
        left = {i["number"]: money(i["amount"]) for i in self.invoices}
        for cn in self.data.get("credit_notes", []):
            if cn["date"] <= on:
                left[cn["invoice"]] -= money(cn["amount"])
        for pay in sorted(self.data.get("payments", []), key=lambda p: p["date"]):
            if pay["date"] > on:
                continue
            amount = money(pay["amount"])
            order = [pay["invoice"]] if pay.get("invoice") else []
            order += [i["number"] for i in sorted(self.invoices, key=lambda i: i["due_date"])]
            for number in order:
                take = min(amount, left[number])
                left[number] -= take
                amount -= take
                if not amount:
                    break
        return [(i, left[i["number"]]) for i in sorted(self.invoices, key=lambda i: i["due_date"])
                if left[i["number"]] > 0]


def party_name(p: dict) -> str:
    if p.get("kind") == "person" or not p.get("name"):
        return " ".join(x for x in (p.get("civility"), p.get("first_name"), p.get("last_name")) if x)
    return p["name"]


def party_full_name(p: dict) -> str:
    """Company name with its legal form: 'Pixelmeuse SRL'; a person as party_name."""
    if p.get("kind") == "company" and p.get("legal_form"):
        return f"{p['name']} {p['legal_form']}"
    return party_name(p)


def address_lines(p: dict, upper: bool = True, with_name: bool = True, home: str | None = None) -> list[str]:
    a = p["address"]
    lines = [party_full_name(p)] if with_name else []
    lines += [x for x in (a.get("street"), a.get("line2")) if x]
    city = a["city"].upper() if upper else a["city"]
    lines.append(f"{a['postcode']} {city}")
    if home and a["country"] != home:
        lines.append({"FR": "FRANCE", "BE": "BELGIQUE"}.get(a["country"], a["country"]))
    return lines


def registration_text(p: dict, lang: str, register: str | None = None) -> str:
    reg = p.get("registration")
    if not reg:
        return ""
    scheme, number = reg["scheme"], reg["number"]
    if scheme == "RCS":
        return number
    if scheme == "SIREN":
        return f"SIREN {fmt_siren(number)}"
    if scheme == "SIRET":
        return f"SIRET {fmt_siren(number)}"
    label = "Ondernemingsnummer" if lang == "nl" else "N° d'entreprise"
    text = f"{label} {fmt_bce(number)}"
    return f"{text} – {register}" if register else text


def siren_of(p: dict) -> str | None:
    reg = p.get("registration") or {}
    digits = "".join(ch for ch in reg.get("number", "") if ch.isdigit())
    return digits[:9] if reg.get("scheme") in ("SIREN", "SIRET", "RCS") else None


def check_identifiers(case: Case) -> list[str]:
    """The examples must carry valid identifiers: checked here with python-stdnum too."""
    problems = []
    for role in ("creditor", "debtor"):
        p = case.data[role]
        reg = p.get("registration")
        if reg:
            number = reg["number"]
            ok = {"SIREN": lambda: fr_siren.is_valid(number),
                  "SIRET": lambda: fr_siret.is_valid(number),
                  "RCS": lambda: fr_siren.is_valid(siren_of(p) or ""),
                  "BCE": lambda: be_enterprise.is_valid(number)}[reg["scheme"]]()
            if not ok:
                problems.append(f"{case.name}: {role} registration {number} is not valid")
        if p.get("vat_number") and not eu_vat.is_valid(p["vat_number"]):
            problems.append(f"{case.name}: {role} VAT number {p['vat_number']} is not valid")
        if p.get("iban") and not std_iban.is_valid(p["iban"]):
            problems.append(f"{case.name}: {role} IBAN {p['iban']} is not valid")
        if p.get("bic") and not std_bic.is_valid(p["bic"]):
            problems.append(f"{case.name}: {role} BIC {p['bic']} is not valid")
        if p.get("vat_number") and siren_of(p) and eu_vat.compact(p["vat_number"])[4:] != siren_of(p):
            problems.append(f"{case.name}: {role} VAT number does not match the SIREN")
    return problems


# --------------------------------------------------------------------------------------
# Pillow helpers: fonts, signatures, handwriting, stamps, barcodes, scans
# --------------------------------------------------------------------------------------
FONT_FILES = {
    "sans": "DejaVuSans.ttf",
    "sans-bold": "DejaVuSans-Bold.ttf",
    "cond": "DejaVuSansCondensed.ttf",
    "cond-bold": "DejaVuSansCondensed-Bold.ttf",
    "serif": "DejaVuSerif.ttf",
    "hand": "DejaVuSerifCondensed-Italic.ttf",
    "mono": "DejaVuSansMono.ttf",
    "mono-bold": "DejaVuSansMono-Bold.ttf",
}


@lru_cache(maxsize=None)
def font_path(filename: str) -> str:
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"):
        found = sorted(folder.rglob(filename)) if folder.is_dir() else []
        if found:
            return str(found[0])
    raise SystemExit(f"font {filename} not found: install the DejaVu fonts (fonts-dejavu-core/extra)")


@lru_cache(maxsize=None)
def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(FONT_FILES[style]), size)


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def data_uri(img: Image.Image) -> str:
    return "data:image/png;base64," + base64.b64encode(png_bytes(img)).decode("ascii")


def signature(seed: str, width: int = 420, height: int = 150, ink=(22, 38, 105), weight: float = 2.4) -> Image.Image:
    """A handwritten-looking signature (RGBA, transparent background), fixed by `seed`."""
    rng = random.Random(seed)
    scale = 3
    mask = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(mask)

    def stroke(points: list[tuple[float, float]], w0: float) -> None:
        pts = [(x * scale, y * scale) for x, y in points]
        for k in range(len(pts) - 1):
            p = k / max(1, len(pts) - 2)
            w = max(1.0, scale * w0 * (0.45 + 0.55 * math.sin(math.pi * min(1.0, 0.15 + p))))
            draw.line([pts[k], pts[k + 1]], fill=255, width=int(round(w)))
            r = w / 2
            x, y = pts[k + 1]
            draw.ellipse([x - r, y - r, x + r, y + r], fill=255)

    def catmull_rom(ctrl: list[tuple[float, float]], per: int = 14) -> list[tuple[float, float]]:
        ctrl = [ctrl[0]] + ctrl + [ctrl[-1]]
        out = []
        for k in range(1, len(ctrl) - 2):
            p0, p1, p2, p3 = ctrl[k - 1], ctrl[k], ctrl[k + 1], ctrl[k + 2]
            for j in range(per):
                t = j / per
                out.append(tuple(0.5 * (2 * p1[i] + (-p0[i] + p2[i]) * t
                                        + (2 * p0[i] - 5 * p1[i] + 4 * p2[i] - p3[i]) * t * t
                                        + (-p0[i] + 3 * p1[i] - 3 * p2[i] + p3[i]) * t ** 3)
                                 for i in range(2)))
        out.append(ctrl[-2])
        return out

    base = height * rng.uniform(0.56, 0.64)
    slant = rng.uniform(0.25, 0.5)
    x = width * 0.05
    words = rng.choice((1, 2, 2))
    last = (x, base)
    for word in range(words):
        ctrl = [(x, base + rng.uniform(0, 8))]
        # the capital: a tall up-stroke with a loop back
        top = base - height * rng.uniform(0.38, 0.5)
        ctrl += [(x + rng.uniform(10, 22), top), (x + rng.uniform(-4, 8), base - height * 0.12),
                 (x + rng.uniform(18, 30), base - height * rng.uniform(0.2, 0.3))]
        x += rng.uniform(24, 36)
        for k in range(rng.randint(5, 9) if word == words - 1 else rng.randint(2, 4)):
            up = k % 2 == 0
            step = rng.uniform(12, 26) if rng.random() > 0.28 else -rng.uniform(6, 14)
            x += step
            h = height * (rng.uniform(0.08, 0.2) if rng.random() > 0.2 else rng.uniform(0.3, 0.42))
            ctrl.append((x, base - h if up else base + rng.uniform(-3, 7)))
            x += rng.uniform(4, 12)
        slanted = [(px + slant * (base - py), py) for px, py in ctrl]
        stroke(catmull_rom(slanted), weight)
        last = slanted[-1]
        x += rng.uniform(18, 30)
    # flourish: from the end, back under the name
    ex, ey = last
    sx, sy = width * rng.uniform(0.08, 0.2), base + height * rng.uniform(0.16, 0.24)
    cx, cy = ex + rng.uniform(20, 50), base + height * 0.34
    flourish = []
    for k in range(80):
        t = k / 79
        flourish.append(((1 - t) ** 2 * ex + 2 * (1 - t) * t * cx + t ** 2 * sx,
                         (1 - t) ** 2 * ey + 2 * (1 - t) * t * cy + t ** 2 * sy))
    if rng.random() < 0.75:
        stroke(flourish, weight * 0.8)
    else:
        dx, dy = ex + rng.uniform(10, 20), base - height * 0.3
        stroke([(dx, dy), (dx + 3, dy + 2)], weight * 1.2)
    mask = mask.resize((width, height), Image.LANCZOS)
    out = Image.new("RGBA", (width, height), ink + (0,))
    out.putalpha(mask)
    return out


def handwrite(img: Image.Image, xy: tuple[int, int], text: str, size: int, seed: str,
              ink=(22, 38, 105)) -> None:
    """Write `text` on an RGB image with a little jitter per letter, so it reads as handwriting."""
    rng = random.Random(seed)
    f = font("hand", size)
    x, y = xy
    for ch in text:
        advance = f.getlength(ch)
        if not ch.isspace():
            box = Image.new("L", (int(size * 1.8), int(size * 1.9)), 0)
            ImageDraw.Draw(box).text((int(size * 0.4), int(size * 0.25)), ch, font=f, fill=255)
            box = box.rotate(rng.uniform(-7, 5), resample=Image.BICUBIC)
            box = box.point(lambda v: int(v * 0.92))
            dy = rng.uniform(-0.07, 0.07) * size
            img.paste(Image.new("RGB", box.size, ink), (int(x - size * 0.4), int(y - size * 0.25 + dy)), box)
        x += advance * rng.uniform(0.93, 1.02)


def rubber_stamp(lines: list[str], seed: str, ink=(45, 70, 160), width: int = 520) -> Image.Image:
    """A rectangular company stamp (tampon), RGBA, slightly uneven and rotated."""
    rng = random.Random(seed)
    sizes = [32] + [24] * (len(lines) - 1)
    fonts = [font("sans-bold" if s > 24 else "cond-bold", s) for s in sizes]
    width = max(width, 44 + int(max(f.getlength(t) for f, t in zip(fonts, lines))))
    height = 36 + sum(int(s * 1.35) for s in sizes)
    mask = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(mask)
    d.rounded_rectangle([4, 4, width - 5, height - 5], radius=10, outline=255, width=5)
    y = 18
    for text, s, f in zip(lines, sizes, fonts):
        w = f.getlength(text)
        d.text(((width - w) / 2, y), text, font=f, fill=255)
        y += int(s * 1.35)
    # uneven inking: knock out specks
    for _ in range(900):
        x, yy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(0.6, 2.2)
        d.ellipse([x - r, yy - r, x + r, yy + r], fill=0)
    mask = mask.point(lambda v: int(v * 0.8)).rotate(rng.uniform(-4, 4), resample=Image.BICUBIC, expand=True)
    out = Image.new("RGBA", mask.size, ink + (0,))
    out.putalpha(mask)
    return out


def postmark(top: str, day: date, bottom: str, seed: str, ink=(35, 35, 55), diameter: int = 250,
             hour: str | None = None) -> Image.Image:
    """A round post-office date stamp, text along the ring, the date in the middle (RGBA)."""
    rng = random.Random(seed)
    s = 2
    size = diameter * s
    mask = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(mask)
    c = size / 2
    d.ellipse([6, 6, size - 7, size - 7], outline=255, width=5 * s)
    inner = size * 0.30
    d.ellipse([c - inner, c - inner, c + inner, c + inner], outline=255, width=3 * s)
    ring_r = (size / 2 - 6 + size * 0.30) / 2
    # shrink long office names so each text stays within about 150 degrees of the ring
    fsize = int(size * 0.085)
    while fsize > 10 and font("sans-bold", fsize).getlength(max(top, bottom, key=len)) / ring_r > math.radians(150):
        fsize -= 1
    f = font("sans-bold", fsize)

    def arc_text(text: str, centre_deg: float, upper: bool) -> None:
        widths = [f.getlength(ch) for ch in text]
        total = sum(widths) / ring_r
        theta = math.radians(centre_deg) - total / 2 if upper else math.radians(centre_deg) + total / 2
        for ch, w in zip(text, widths):
            step = w / ring_r
            mid = theta + step / 2 if upper else theta - step / 2
            side = int(f.size * 1.6)
            glyph = Image.new("L", (side, side), 0)
            ImageDraw.Draw(glyph).text((side / 2, side / 2), ch, font=f, fill=255, anchor="mm")
            rot = -(math.degrees(mid) + 90) if upper else 90 - math.degrees(mid)
            glyph = glyph.rotate(rot, resample=Image.BICUBIC)
            gx = c + ring_r * math.cos(mid) - glyph.size[0] / 2
            gy = c + ring_r * math.sin(mid) - glyph.size[1] / 2
            mask.paste(255, (int(gx), int(gy)), glyph)
            theta = theta + step if upper else theta - step
    arc_text(top, -90, True)
    arc_text(bottom, 90, False)
    fd = font("mono-bold", int(size * 0.105))
    middle = [day.strftime("%d-%m"), day.strftime("%Y")] if not hour else [hour, day.strftime("%d-%m"), day.strftime("%Y")]
    y = c - len(middle) * fd.size * 0.62
    for text in middle:
        w = fd.getlength(text)
        d.text((c - w / 2, y), text, font=fd, fill=255)
        y += fd.size * 1.2
    for _ in range(1400):   # uneven ink
        x, yy, r = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(0.8, 3.0)
        d.ellipse([x - r, yy - r, x + r, yy + r], fill=0)
    mask = mask.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)
    mask = mask.resize((diameter, diameter), Image.LANCZOS).point(lambda v: int(v * 0.85))
    out = Image.new("RGBA", mask.size, ink + (0,))
    out.putalpha(mask)
    return out


# Interleaved 2 of 5: a real, numeric barcode (the postal services use Code 128 or
# Data Matrix; ITF looks the same to the eye and needs no lookup table of 107 symbols).
_ITF = {"0": "nnwwn", "1": "wnnnw", "2": "nwnnw", "3": "wwnnn", "4": "nnwnw",
        "5": "wnwnn", "6": "nwwnn", "7": "nnnww", "8": "wnnwn", "9": "nwnwn"}


def itf_modules(digits: str) -> list[tuple[bool, int]]:
    digits = "".join(ch for ch in digits if ch.isdigit())
    if len(digits) % 2:
        digits = "0" + digits
    seq = [(True, 1), (False, 1), (True, 1), (False, 1)]
    for a, b in zip(digits[::2], digits[1::2]):
        for wa, wb in zip(_ITF[a], _ITF[b]):
            seq += [(True, 3 if wa == "w" else 1), (False, 3 if wb == "w" else 1)]
    return seq + [(True, 3), (False, 1), (True, 1)]


def barcode_image(digits: str, height: int, module: int = 2) -> Image.Image:
    seq = itf_modules(digits)
    width = (sum(w for _, w in seq) + 20) * module
    img = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(img)
    x = 10 * module
    for bar, w in seq:
        if bar:
            d.rectangle([x, 0, x + w * module - 1, height - 1], fill=0)
        x += w * module
    return img


def barcode_svg(digits: str, height_mm: float = 12, module_mm: float = 0.33) -> str:
    seq = itf_modules(digits)
    x, rects = 0.0, []
    for bar, w in seq:
        if bar:
            rects.append(f'<rect x="{x:.3f}" y="0" width="{w * module_mm:.3f}" height="{height_mm}"/>')
        x += w * module_mm
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{x:.2f}mm" height="{height_mm}mm" '
            f'viewBox="0 0 {x:.3f} {height_mm}">{"".join(rects)}</svg>')


def scanned(card: Image.Image, seed: str, angle: float, margin: int = 34, bg=(244, 244, 241),
            noise: int = 7, blur: float = 0.55) -> Image.Image:
    """What a flatbed scanner makes of `card`: a slight skew, a grey lid border,
    uneven lighting, sensor noise and a soft focus. Deterministic for a given seed."""
    rng = random.Random(seed)
    rotated = card.convert("RGB").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=bg)
    w, h = rotated.size[0] + 2 * margin, rotated.size[1] + 2 * margin
    canvas = Image.new("RGB", (w, h), bg)
    shadow = Image.new("L", (w, h), 0)
    ImageDraw.Draw(shadow).rectangle([margin + 5, margin + 6, margin + rotated.size[0] + 3,
                                      margin + rotated.size[1] + 4], fill=70)
    shadow = shadow.filter(ImageFilter.GaussianBlur(6))
    canvas.paste((190, 190, 186), (0, 0), shadow)
    canvas.paste(rotated, (margin, margin))
    # lighting falls off towards one edge
    light = Image.linear_gradient("L").rotate(90 if rng.random() < 0.5 else -90).resize((w, h))
    light = light.point(lambda v: 255 - v // 14)
    canvas = ImageChops.multiply(canvas, Image.merge("RGB", (light, light, light)))
    grain = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    grain = grain.point(lambda v: 128 + (v - 128) * noise // 128)
    canvas = ImageChops.add(canvas, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)
    return canvas.filter(ImageFilter.GaussianBlur(blur))


def jpeg_bytes(img: Image.Image, quality: int = 70) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality, optimize=True, subsampling=2, dpi=(200, 200))
    return buf.getvalue()


def grey_png_bytes(img: Image.Image, levels: int = 16, dpi: int = 150) -> bytes:
    """A black-and-white office scan: greyscale reduced to a few levels (small PNG)."""
    grey = img.convert("L")
    step = 256 // levels
    grey = grey.point(lambda v: min(255, (v // step) * step + step // 2) if v < 250 - step else 255)
    buf = io.BytesIO()
    grey.save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# PDF rendering (WeasyPrint, from HTML strings)
# --------------------------------------------------------------------------------------
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


@dataclass
class InvoiceLine:
    text: str
    qty: Decimal
    unit: str
    price: Decimal            # unit price excluding VAT
    rate: Decimal             # VAT rate in percent
    sub: str = ""

    @property
    def amount(self) -> Decimal:
        return money(self.qty * self.price)


def priced_lines(case: Case, number: str, total: Decimal, rate: Decimal, fallback_text: str) -> list[InvoiceLine]:
    """The detailed lines of `number` from CONFIG if they add up to `total` incl. VAT;
    otherwise one line rebuilt from the YAML amount, so the PDF always matches the case."""
    spec = CONFIG[case.name].get("lines", {}).get(number)
    if spec:
        lines = [InvoiceLine(t, Decimal(q), u, Decimal(p), rate, sub) for t, q, u, p, *rest in spec
                 for sub in [rest[0] if rest else ""]]
        if vat_totals(lines)[2] == total:
            return lines
        print(f"  ! {case.name} {number}: detailed lines do not add up to {total}; one line instead",
              file=sys.stderr)
    excl = money(total / (1 + rate / 100))
    return [InvoiceLine(fallback_text, Decimal(1), "forfait" if case.lang == "fr" else "forfait", excl, rate)]


def vat_totals(lines: list[InvoiceLine]) -> tuple[Decimal, dict[Decimal, Decimal], Decimal]:
    excl = sum((ln.amount for ln in lines), Decimal("0"))
    by_rate: dict[Decimal, Decimal] = {}
    for ln in lines:
        by_rate[ln.rate] = by_rate.get(ln.rate, Decimal("0")) + ln.amount
    vat = {r: money(base * r / 100) for r, base in sorted(by_rate.items())}
    return excl, vat, excl + sum(vat.values(), Decimal("0"))


LABELS = {
    "FR": dict(invoice="FACTURE", credit="AVOIR", no="N°", date="Date de facture", due="Date d'échéance",
               performed="Date de réalisation", ref="Référence", client_ids="Client", desc="Désignation",
               qty="Qté", unit="Unité", price="P.U. HT", vat="TVA", amount="Montant HT", total_ex="Total HT",
               total_vat="TVA", total_inc="Total TTC", to_pay="Net à payer", pay="Règlement par virement",
               pay_ref="Libellé à indiquer", due_short="à payer au plus tard le", original="Facture d'origine",
               credit_pay="Montant déduit de la facture", page="Page"),
    "BE": dict(invoice="FACTURE", credit="NOTE DE CRÉDIT", no="N°", date="Date de facture", due="Date d'échéance",
               performed="Période de prestation", ref="Référence", client_ids="Client", desc="Description",
               qty="Qté", unit="Unité", price="P.U. HTVA", vat="TVA", amount="Montant HTVA",
               total_ex="Total HTVA", total_vat="TVA", total_inc="Total TVAC", to_pay="Total à payer",
               pay="Paiement par virement", pay_ref="Communication structurée", due_short="au plus tard le",
               original="Facture d'origine", credit_pay="Montant déduit de la facture", page="Page"),
    "NL": dict(invoice="FACTUUR", credit="CREDITNOTA", no="Nr.", date="Factuurdatum", due="Vervaldag",
               performed="Uitvoeringsdatum", ref="Referentie", client_ids="Klant", desc="Omschrijving",
               qty="Aantal", unit="Eenheid", price="Prijs excl. btw", vat="Btw", amount="Bedrag excl. btw",
               total_ex="Totaal excl. btw", total_vat="Btw", total_inc="Totaal incl. btw", to_pay="Te betalen",
               pay="Betaling via overschrijving", pay_ref="Gestructureerde mededeling", due_short="uiterlijk op",
               original="Oorspronkelijke factuur", credit_pay="Bedrag in mindering van factuur", page="Pagina"),
}


def labels(case: Case) -> dict:
    return LABELS["NL" if case.lang == "nl" else case.country]


def legal_footer(case: Case) -> str:
    """One line with the creditor's mandatory business mentions."""
    c, cfg, lang = case.creditor, CONFIG[case.name], case.lang
    bits = [party_full_name(c)]
    if c.get("kind") == "sole_trader":
        bits = [f"{c['first_name']} {c['last_name']} EI – {c['name']}", "Entrepreneur individuel"]
    elif c.get("share_capital"):
        bits = [c["name"], f"{c['legal_form']} au capital de {eur(c['share_capital'])}"]
    bits.append(", ".join(address_lines(c, upper=False, with_name=False)))
    reg = registration_text(c, lang, cfg.get("register"))
    if reg:
        bits.append(reg)
    if c.get("vat_number"):
        bits.append(("Btw " if lang == "nl" else "TVA ") + fmt_vat(c["vat_number"]))
    if c.get("iban"):
        bits.append(f"IBAN {std_iban.format(c['iban'])}" + (f" – BIC {c['bic']}" if c.get("bic") else ""))
    bits += cfg.get("footer_extra", [])
    return f'<div class="legal">{esc(" · ".join(bits))}</div>'


def seller_block(case: Case) -> str:
    c, cfg = case.creditor, CONFIG[case.name]
    a = c["address"]
    name = c["name"] if c.get("kind") != "company" else party_full_name(c)
    contact = " · ".join(x for x in (c.get("phone"), c.get("email")) if x)
    return (f'<div class="brand" style="color:{cfg["brand"]}">{esc(name)}</div>'
            f'<div class="tag">{esc(cfg["tagline"])}</div>'
            + (f'<div class="coords"><b>{esc(c["first_name"])} {esc(c["last_name"])} EI</b> – entrepreneur individuel</div>'
               if c.get("kind") == "sole_trader" else "") +
            f'<div class="coords">{esc(a["street"])} · {esc(a["postcode"])} {esc(a["city"])}<br>{esc(contact)}</div>')


def window_block(case: Case, party: dict, attention: str | None = None) -> str:
    lines = address_lines(party, home=case.country)
    if attention:
        lines.insert(1, attention)
    return "<br>".join(esc(x) for x in lines)


def render_invoice(case: Case, inv: dict) -> bytes:
    cfg, lab, lang = CONFIG[case.name], labels(case), case.lang
    total = money(inv["amount"])
    rate = Decimal(cfg["vat"])
    lines = priced_lines(case, inv["number"], total, rate, inv.get("description", ""))
    excl, vat, incl = vat_totals(lines)
    assert incl == total, (inv["number"], incl, total)
    brand = cfg["brand"]
    d = case.debtor
    meta = [(lab["no"] + (" facture" if lang == "fr" else ""), inv["number"]),
            (lab["date"], dshort(inv["issue_date"]))]
    if cfg.get("performed", {}).get(inv["number"]):
        meta.append((lab["performed"], cfg["performed"][inv["number"]]))
    meta.append((lab["due"], dshort(inv["due_date"])))
    if cfg.get("order_ref", {}).get(inv["number"]):
        meta.append((lab["ref"], cfg["order_ref"][inv["number"]]))
    ids = []
    if d.get("vat_number"):
        ids.append(("Btw-nr. klant" if lang == "nl" else "N° TVA client", fmt_vat(d["vat_number"])))
    if siren_of(d):
        ids.append(("SIREN client", fmt_siren(siren_of(d))))
    elif d.get("registration", {}).get("scheme") == "BCE":
        ids.append(("N° d'entreprise client", fmt_bce(d["registration"]["number"])))
    meta += ids
    meta_html = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    rows = []
    for ln in lines:
        sub = f'<br><span class="sub">{esc(ln.sub)}</span>' if ln.sub else ""
        qty = f"{ln.qty:f}".rstrip("0").rstrip(".").replace(".", ",")
        rows.append(f'<tr><td class="l">{esc(ln.text)}{sub}</td><td>{qty}</td><td>{esc(ln.unit)}</td>'
                    f'<td>{num(ln.price, lang)}</td><td>{pct(ln.rate)}</td><td>{num(ln.amount, lang)}</td></tr>')
    vat_rows = "".join(f'<tr><td class="l">{lab["total_vat"]} {pct(r)}</td><td>{eur(v, lang)}</td></tr>'
                       for r, v in vat.items())
    pay_ref = cfg.get("pay_ref", {}).get(inv["number"], inv["number"])
    c = case.creditor
    paybox = (f'<div class="paybox"><b class="big">{lab["to_pay"]} : {eur(total, lang)}</b> – '
              f'{lab["due_short"]} <b>{dshort(inv["due_date"])}</b><br>'
              f'{lab["pay"]} : IBAN <span class="mono">{std_iban.format(c["iban"])}</span>'
              f'{" – BIC <span class=mono>" + esc(c["bic"]) + "</span>" if c.get("bic") else ""}<br>'
              f'{lab["pay_ref"]} : <b class="mono">{esc(pay_ref)}</b></div>').replace(" : ", f"{NNBSP if lang == 'fr' else ''}: ")
    mentions = "".join(f"<p>{m}</p>" for m in cfg["mentions"](case, inv))
    title = {"nl": "Factuur", "fr": "Facture"}[lang]
    body = f"""
{legal_footer(case)}
<div class="headzone"><div class="seller">{seller_block(case)}</div>
<div class="doctitle"><div class="kind" style="color:{brand}">{lab["invoice"]}</div>
  <div class="no">{esc(inv["number"])}</div></div>
<div class="window"><div class="small">{"Klant" if lang == "nl" else "Client"}</div>{window_block(case, d)}</div>
<table class="meta">{meta_html}</table></div>
<p class="object"><b>{"Betreft" if lang == "nl" else "Objet"}{NNBSP if lang == "fr" else ""}:</b> {esc(inv.get("description", ""))}</p>
<table class="lines"><thead><tr style="background:{brand}"><th class="l">{lab["desc"]}</th><th>{lab["qty"]}</th>
  <th>{lab["unit"]}</th><th>{lab["price"]}</th><th>{lab["vat"]}</th><th>{lab["amount"]}</th></tr></thead>
  <tbody>{"".join(rows)}</tbody></table>
<table class="totals"><tr><td class="l">{lab["total_ex"]}</td><td>{eur(excl, lang)}</td></tr>{vat_rows}
  <tr class="grand" style="background:{brand}"><td class="l" style="color:#fff">{lab["total_inc"]}</td><td>{eur(incl, lang)}</td></tr></table>
{paybox}
<div class="mentions">{mentions}</div>
"""
    return render_pdf(body, title=f"{title} {inv['number']}", author=party_full_name(case.creditor),
                      created=at(inv["issue_date"], 9, 30, BRUSSELS if case.country == "BE" else PARIS),
                      lang=lang, css=BASE_CSS, subject=SPECIMEN_NL if lang == "nl" else SPECIMEN)


def render_credit_note(case: Case, cn: dict) -> bytes:
    cfg, lab, lang = CONFIG[case.name], labels(case), case.lang
    inv = case.invoice(cn["invoice"])
    total = money(cn["amount"])
    rate = Decimal(cfg["vat"])
    text = cfg.get("credit_text", {}).get(cn["number"], f"Avoir sur la facture {inv['number']}")
    lines = priced_lines(case, cn["number"], total, rate, text)
    excl, vat, incl = vat_totals(lines)
    brand, d = cfg["brand"], case.debtor
    meta = [("N° avoir", cn["number"]), ("Date", dshort(cn["date"])),
            (lab["original"], f"{inv['number']} du {dshort(inv['issue_date'])}")]
    if d.get("vat_number"):
        meta.append(("N° TVA client", fmt_vat(d["vat_number"])))
    if siren_of(d):
        meta.append(("SIREN client", fmt_siren(siren_of(d))))
    meta_html = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    rows = "".join(f'<tr><td class="l">{esc(ln.text)}</td><td>{ln.qty:f}</td><td>{esc(ln.unit)}</td>'
                   f'<td>{num(ln.price)}</td><td>{pct(ln.rate)}</td><td>{num(ln.amount)}</td></tr>' for ln in lines)
    vat_rows = "".join(f'<tr><td class="l">TVA {pct(r)}</td><td>{eur(v)}</td></tr>' for r, v in vat.items())
    body = f"""
{legal_footer(case)}
<div class="headzone"><div class="seller">{seller_block(case)}</div>
<div class="doctitle"><div class="kind" style="color:{brand}">{lab["credit"]}</div><div class="no">{esc(cn["number"])}</div></div>
<div class="window"><div class="small">Client</div>{window_block(case, d)}</div>
<table class="meta">{meta_html}</table></div>
<p class="object"><b>Objet{NNBSP}:</b> {esc(cfg.get("credit_object", {}).get(cn["number"], text))}</p>
<table class="lines"><thead><tr style="background:{brand}"><th class="l">{lab["desc"]}</th><th>{lab["qty"]}</th>
  <th>{lab["unit"]}</th><th>{lab["price"]}</th><th>{lab["vat"]}</th><th>{lab["amount"]}</th></tr></thead>
  <tbody>{rows}</tbody></table>
<table class="totals"><tr><td class="l">{lab["total_ex"]}</td><td>{eur(excl)}</td></tr>{vat_rows}
  <tr class="grand" style="background:{brand}"><td class="l" style="color:#fff">Total avoir TTC</td><td>{eur(incl)}</td></tr></table>
<div class="paybox">{lab["credit_pay"]} {esc(inv["number"])}{NNBSP}: <b>{eur(incl)}</b>.
  Montant restant dû sur cette facture après avoir{NNBSP}: <b>{eur(money(inv["amount"]) - incl)}</b>
  (hors règlements reçus). Cet avoir ne donne lieu à aucun remboursement.</div>
<div class="mentions"><p>TVA à régulariser sur la déclaration du mois de l'avoir (CGI art. 272).
  Avoir émis conformément à l'article 242 nonies A, annexe II du CGI.</p></div>
"""
    return render_pdf(body, title=f"Avoir {cn['number']}", author=party_full_name(case.creditor),
                      created=at(cn["date"], 11, 0), lang=lang, css=BASE_CSS)


def render_letter(case: Case, *, sent: date, place: str, to_lines: list[str], object_: str,
                  paragraphs: list[str], signer: dict, refs: str = "", registered: str = "",
                  copy_mark: str = "COPIE", closing: str = "") -> bytes:
    """A business letter on the creditor's letterhead, the address in the window frame
    (110 mm from the left, 55 mm from the top: docs/letters.md)."""
    c, cfg, lang = case.creditor, CONFIG[case.name], case.lang
    ret = ", ".join([party_full_name(c)] + address_lines(c, upper=False, with_name=False))
    sig = signature(signer["name"])
    head = (f'<div class="brand" style="color:{cfg["brand"]}">{esc(c["name"] if c.get("kind") != "company" else party_full_name(c))}</div>'
            f'{esc(cfg["tagline"])}<br>{"<br>".join(esc(x) for x in address_lines(c, upper=False, with_name=False))}'
            f'<br>{esc(c.get("phone", ""))} · {esc(c.get("email", ""))}')
    reg = f'<div class="refs">{registered}</div>' if registered else ""
    body = f"""
{legal_footer(case)}
<div class="copy">{esc(copy_mark)}</div>
<div class="head">{head}</div>
<div class="window"><div class="ret">{esc(ret)}</div>{"<br>".join(esc(x) for x in to_lines)}</div>
<div class="refs-left">{refs}</div>
<div class="after">
<div class="place">{esc(place)}, {"le " if lang == "fr" else ""}{dlong(sent, lang)}</div>
{reg}
<div class="object">{object_}</div>
{"".join(p if p.startswith(("<table", "<div", "<ul")) else f"<p>{p}</p>" for p in paragraphs)}
<table class="sign"><tr><td style="width:95mm">{closing}</td><td>{esc(signer["name"])}<br>
<span style="font-size:9pt">{esc(signer.get("title", ""))}</span><img src="{data_uri(sig)}"></td></tr></table>
</div>"""
    return render_pdf(body, title=re_text(object_), author=party_full_name(c), created=at(sent, 16, 30,
                      BRUSSELS if case.country == "BE" else PARIS), lang=lang, css=LETTER_CSS,
                      subject=SPECIMEN_NL if lang == "nl" else SPECIMEN)


def re_text(fragment: str) -> str:
    import re
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# --------------------------------------------------------------------------------------
# Per-case presentation data: what an invoice shows beyond the case file (line detail,
# tag line, colours). Lines are (text, quantity, unit, unit price excl. VAT[, detail]);
# they must add up to the invoice `amount` of case.yaml, or the invoice falls back to
# one line computed from that amount.
# --------------------------------------------------------------------------------------
def mentions_fr_b2b(case: Case, inv: dict) -> list[str]:
    terms = case.contract.get("payment_terms_days", 30)
    return [
        f"<b>Conditions de paiement{NNBSP}:</b> à {terms} jours date de facture, soit au plus tard le "
        f"{dshort(inv['due_date'])}, par virement. Pas d'escompte pour paiement anticipé.",
        f"<b>Pénalités de retard{NNBSP}:</b> tout retard de paiement rend exigibles de plein droit, dès le "
        f"lendemain de la date d'échéance et sans qu'un rappel soit nécessaire, des pénalités au taux "
        f"d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus "
        f"récente, majoré de 10 points (C. com. art. L441-10), ainsi qu'une <b>indemnité forfaitaire pour "
        f"frais de recouvrement de 40{NBSP}€</b> (art. D441-5), sans préjudice d'une indemnisation "
        f"complémentaire sur justificatifs.",
        "Réserve de propriété : les ouvrages et fournitures restent la propriété de la Menuiserie "
        "Ricordeau jusqu'au paiement intégral du prix (C. civ. art. 2367). Conditions générales de vente "
        "du 1er septembre 2023 acceptées avec le devis D-2023-052.".replace(" : ", f"{NNBSP}: "),
        f"Nature de l'opération{NNBSP}: livraison de biens avec pose (prestation de services)."]


def mentions_fr_b2c(case: Case, inv: dict) -> list[str]:
    return [
        f"<b>Paiement{NNBSP}:</b> à réception, au plus tard le {dshort(inv['due_date'])} "
        f"(15 jours), par virement ou par chèque à l'ordre de Julien Mercier EI. Pas d'escompte pour "
        f"paiement anticipé. En cas de retard, des intérêts au taux légal seront dus à compter de la "
        f"mise en demeure (C. civ. art. 1231-6 et 1344-1).",
        f"<b>TVA au taux de 10{NBSP}%</b>{NNBSP}: travaux d'amélioration et d'entretien portant sur un local "
        f"à usage d'habitation achevé depuis plus de deux ans (CGI art. 279-0 bis){NNBSP}; attestation "
        f"remise par le client.",
        f"Assurance décennale et responsabilité civile professionnelle{NNBSP}: Mutuelle fictive des "
        f"artisans du Sud-Ouest, police n° DEC-31-558204, couverture France métropolitaine.",
        f"Médiation de la consommation (C. consom. art. L612-1){NNBSP}: en cas de litige, le client peut "
        f"recourir gratuitement au Médiateur fictif du bâtiment, mediateur-batiment.example.",
    ]


def mentions_be_b2b(case: Case, inv: dict) -> list[str]:
    return [
        f"<b>Conditions de paiement{NNBSP}:</b> 30 jours calendrier à compter de la date de facture, soit "
        f"au plus tard le {dshort(inv['due_date'])} (contrat-cadre CC-2024-11, art. 6).",
        "<b>Retard de paiement :</b> toute somme impayée à l'échéance porte de plein droit et sans mise en "
        "demeure un intérêt au taux prévu par l'article 5 de la loi du 2 août 2002 concernant la lutte "
        "contre le retard de paiement dans les transactions commerciales, et donne lieu à une "
        "<b>indemnité forfaitaire de 40 €</b> pour frais de recouvrement (art. 6), sans préjudice d'une "
        "indemnisation raisonnable des autres frais de recouvrement.".replace(" : ", f"{NNBSP}: ").replace(" €", f"{NBSP}€"),
        "Toute réclamation doit être adressée par écrit dans les 8 jours de la réception de la facture. "
        "Tribunal compétent : tribunal de l'entreprise de Liège, division Namur.".replace(" : ", f"{NNBSP}: "),
    ]


def mentions_be_b2c(case: Case, inv: dict) -> list[str]:
    return [
        f"<b>Betaling:</b> binnen 14 kalenderdagen na de factuurdatum, uiterlijk op {dshort(inv['due_date'])}, "
        f"met vermelding van de gestructureerde mededeling.",
        "<b>Laattijdige betaling:</b> bij niet-betaling op de vervaldag ontvangt u eerst een kosteloze "
        "herinnering. Betaalt u niet binnen 14 kalenderdagen na die herinnering (termijn die ingaat op de "
        "derde werkdag na verzending), dan zijn van rechtswege verschuldigd: verwijlintresten van 8 % per "
        "jaar op het openstaande bedrag en een forfaitaire schadevergoeding binnen de grenzen van artikel "
        "XIX.4 van het Wetboek van economisch recht (algemene voorwaarden, art. 5).".replace(" %", f"{NBSP}%"),
        f"<b>Btw 6{NBSP}%:</b> renovatie van een privéwoning van meer dan 10 jaar oud (KB nr. 20, tabel A, "
        f"rubriek XXXI). Attest van de klant ontvangen op 02/05/2025. Bij gebrek aan de vereiste "
        f"verklaring is de afnemer aansprakelijk voor de verschuldigde btw, intresten en boetes.",
        "Klachten over de factuur: schriftelijk binnen 8 dagen. Consumentenombudsdienst: "
        "North Gate II, Koning Albert II-laan 8, 1000 Brussel.",
    ]


CONFIG: dict[str, dict] = {
    "fr-b2b": dict(
        brand="#7b4a26", tagline="Menuiserie · Agencement sur mesure · Depuis 1987", vat="20",
        mentions=mentions_fr_b2b,
        lines={
            "F-2023-118": [
                ("Fabrication d'un comptoir de bar en chêne massif, façade à tasseaux, 4,20 ml", "1", "u", "3150.00",
                 "Devis D-2023-052, lot 1 – fabrication en atelier"),
                ("Pose, calage et fixation sur site, 2 compagnons", "20", "h", "45.00"),
            ],
            "F-2024-007": [
                ("Habillage bois des banquettes, chêne huilé", "12", "ml", "125.00", "Devis D-2023-052, lot 2"),
                ("Table haute en chêne massif 120 × 70 cm", "2", "u", "225.00"),
            ],
            "F-2024-031": [
                ("Remplacement de portes de placard (office), chêne plaqué", "2", "u", "210.00",
                 "Devis D-2023-052, lot 3"),
                ("Reprise des finitions et vernis du comptoir (2 couches)", "1", "forfait", "485.00"),
                ("Déplacement Nantes – Saint-Nazaire", "1", "forfait", "60.00"),
            ],
            "AV-2024-004": [
                ("Remise pour défaut de teinte sur une table haute (facture F-2024-007)", "1", "forfait", "200.00"),
            ],
        },
        performed={"F-2023-118": "27/11 au 06/12/2023", "F-2024-007": "15 au 18/01/2024",
                   "F-2024-031": "11 au 13/03/2024"},
        order_ref={"F-2023-118": "Devis D-2023-052 (lot 1)", "F-2024-007": "Devis D-2023-052 (lot 2)",
                   "F-2024-031": "Devis D-2023-052 (lot 3)"},
        credit_object={"AV-2024-004": "Geste commercial – teinte non conforme d'une table haute livrée le 18/01/2024"},
        footer_extra=[],
    ),
    "fr-b2c": dict(
        brand="#1f5f9e", tagline="Plomberie · Chauffage · Salles de bains", vat="10",
        mentions=mentions_fr_b2c,
        lines={
            "FA-2025-0093": [
                ("Dépose de la baignoire et du carrelage, évacuation des gravats", "1", "forfait", "380.00"),
                ("Receveur de douche extra-plat 140 × 90 cm, bonde et siphon, fourni posé", "1", "u", "1240.00"),
                ("Paroi de douche fixe, verre sécurit 8 mm, fournie posée", "1", "u", "690.00"),
                ("Meuble vasque 80 cm avec mitigeur, fourni posé", "1", "u", "1150.00"),
                ("Faïence murale 30 × 60 cm, fournie posée", "18", "m²", "85.00"),
                ("Reprise des alimentations (PER) et des évacuations (PVC)", "1", "forfait", "210.00"),
            ],
            "FA-2025-0121": [
                ("Groupe de sécurité du chauffe-eau, fourni posé", "1", "u", "145.00"),
                ("Mitigeur d'évier, fourni posé", "1", "u", "155.00"),
                ("Déplacement et main-d'œuvre de diagnostic", "1", "forfait", "60.00"),
            ],
        },
        performed={"FA-2025-0093": "31/03 au 10/04/2025", "FA-2025-0121": "21/05/2025"},
        order_ref={"FA-2025-0093": "Devis D-2025-031 du 17/02/2025", "FA-2025-0121": "Intervention du 21/05/2025"},
        footer_extra=["RNE 879 044 139", "Assurance décennale n° DEC-31-558204"],
    ),
    "be-b2b": dict(
        brand="#0e7c7b", tagline="Agence web · Boutiques en ligne · Maintenance", vat="21",
        register="RPM Liège, division Namur", mentions=mentions_be_b2b,
        lines={
            "F2025-0042": [
                ("Refonte de la boutique en ligne – phase 1 : maquettes et intégration", "1", "forfait", "4800.00",
                 "Bon de commande AD-PO-25-0117 du 06/01/2025"),
                ("Formation des équipes (demi-journée)", "2", "½ jour", "600.00"),
            ],
            "F2025-0097": [
                ("Phase 2 : connecteur ERP (flux stock et commandes)", "1", "forfait", "2200.00",
                 "Bon de commande AD-PO-25-0141"),
                ("Maintenance corrective et évolutive – avril 2025", "1", "mois", "600.00"),
            ],
            "F2025-0151": [
                ("Maintenance corrective et évolutive – mai et juin 2025", "2", "mois", "600.00"),
                ("Hébergement et supervision – 2e trimestre 2025", "1", "trimestre", "300.00"),
            ],
        },
        performed={"F2025-0042": "06/01 au 28/02/2025", "F2025-0097": "03/03 au 30/04/2025",
                   "F2025-0151": "01/05 au 30/06/2025"},
        order_ref={"F2025-0042": "Contrat-cadre CC-2024-11", "F2025-0097": "Contrat-cadre CC-2024-11",
                   "F2025-0151": "Contrat-cadre CC-2024-11"},
        pay_ref={"F2025-0042": ogm("2025004200"), "F2025-0097": ogm("2025009700"), "F2025-0151": ogm("2025015100")},
        footer_extra=[],
    ),
    "be-b2c": dict(
        brand="#c4641d", tagline="Zonwering · Screens · Rolluiken – levering en plaatsing", vat="6",
        register="RPR Antwerpen, afdeling Antwerpen", mentions=mentions_be_b2c,
        lines={
            "2025-0318": [
                ("Knikarmscherm 450 × 300 cm, doek acryl antraciet, motor met radiobediening", "1", "st.", "2650.00",
                 "incl. windsensor en handzender – offerte OF-2025-0144"),
                ("Plaatsing door 2 monteurs, bevestiging in gevelsteen", "1", "forfait", "520.00"),
                ("Demontage en afvoer van de oude zonnetent", "1", "forfait", "230.00"),
            ],
            "2025-0331": [
                ("Extra handzender, 5 kanalen", "1", "st.", "85.00"),
                ("Herprogrammering en afstelling van de windsensor (verplaatsing inbegrepen)", "1", "forfait", "155.00"),
            ],
        },
        performed={"2025-0318": "10/06/2025", "2025-0331": "17/06/2025"},
        order_ref={"2025-0318": "Offerte OF-2025-0144", "2025-0331": "Bestelling van 12/06/2025"},
        pay_ref={"2025-0318": ogm("2025031800"), "2025-0331": ogm("2025033100")},
        footer_extra=[],
    ),
}


# --------------------------------------------------------------------------------------
# Postal evidence: La Poste deposit receipt, bpost receipt, signed avis de réception
# --------------------------------------------------------------------------------------
RECEIPT_CSS = """
@page { size: A4; margin: 14mm 16mm 16mm 16mm; }
html { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8.8pt; color: #1a1a1a; line-height: 1.35; }
body { margin: 0; }
.slip { border: 1pt solid #333; width: 178mm; }
.band { padding: 3mm 4mm; font-weight: bold; }
.band .logo { font-size: 17pt; letter-spacing: 0.5pt; }
.band .what { float: right; text-align: right; font-size: 9pt; line-height: 1.3; margin-top: 0.6mm; }
.title { font-size: 14pt; font-weight: bold; letter-spacing: 1.5pt; padding: 3mm 4mm 1mm 4mm; }
.subtitle { padding: 0 4mm 2mm 4mm; color: #444; }
table.grid { width: 100%; border-collapse: collapse; }
table.grid td { border-top: 0.6pt solid #666; padding: 2.2mm 4mm; vertical-align: top; }
table.grid td + td { border-left: 0.6pt solid #666; }
.lbl { font-size: 7pt; color: #555; text-transform: uppercase; letter-spacing: 0.4pt; margin-bottom: 1mm; }
.num { font-family: "DejaVu Sans Mono"; font-size: 15pt; font-weight: bold; letter-spacing: 0.6pt; }
.typed { font-family: "DejaVu Sans Mono"; font-size: 9pt; line-height: 1.35; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.7pt solid #222; text-align: center;
       line-height: 3.2mm; font-size: 8pt; font-weight: bold; margin-right: 1mm; vertical-align: -0.6mm; }
.stamp img { width: 36mm; }
.note { font-size: 7.2pt; color: #444; padding: 2.5mm 4mm; border-top: 0.6pt solid #666; }
.specimen { margin-top: 4mm; font-size: 6.8pt; color: #999; }
.cut { margin-top: 10mm; border-top: 0.8pt dashed #999; padding-top: 1.5mm; font-size: 6.8pt; color: #999; }
"""


def sender_of(case: Case) -> dict:
    """Who posts the formal notice: the representative if any, else the creditor."""
    rep = case.creditor.get("represented_by")
    if rep and rep.get("address"):
        return {"kind": "company", "name": rep.get("firm") or rep["name"], "address": rep["address"],
                "contact": rep["name"]}
    return case.creditor


def box(checked: bool) -> str:
    return f'<span class="box">{"X" if checked else "&nbsp;"}</span>'


def render_laposte_receipt(case: Case, event: dict) -> bytes:
    cfg = CONFIG[case.name]["postal"]
    d, number = event["date"], event["tracking_number"]
    sender = sender_of(case)
    stamp = postmark(cfg["office"], d, cfg["office_code"], seed=f"{case.name}-depot")
    sender_lines = [sender["name"]] + ([sender["contact"]] if sender.get("contact") else []) + \
        address_lines(sender, with_name=False)
    body = f"""
<div class="slip">
 <div class="band" style="background:#ffcd00"><span class="what">Lettre recommandée<br>avec avis de réception</span>
   <span class="logo">LA POSTE</span></div>
 <div class="title">PREUVE DE DÉPÔT</div>
 <div class="subtitle">À conserver par l'expéditeur. Elle vous sera demandée pour toute réclamation.</div>
 <table class="grid">
  <tr><td colspan="2"><div class="lbl">Numéro de l'envoi</div>
      <span class="num">{fmt_tracking(number)}</span>
      <div style="margin-top:1.5mm">{barcode_svg(number, 11, 0.36)}</div></td></tr>
  <tr><td style="width:50%"><div class="lbl">Niveau de garantie</div>
      {box(cfg.get("level") == "R1")} R1 &nbsp; {box(cfg.get("level") == "R2")} R2 &nbsp; {box(cfg.get("level") == "R3")} R3
      <div class="lbl" style="margin-top:2mm">Options</div>{box(True)} Avis de réception &nbsp; {box(False)} Contre-remboursement</td>
      <td><div class="lbl">Date et heure de dépôt</div><span class="typed">{dshort(d)} à {cfg["hour"]}</span>
      <div class="lbl" style="margin-top:2mm">Bureau de dépôt</div><span class="typed">{esc(cfg["office"])} ({esc(cfg["office_code"])})</span>
      <div class="lbl" style="margin-top:2mm">Guichet / opération</div><span class="typed">{esc(cfg["counter"])}</span></td></tr>
  <tr><td><div class="lbl">Expéditeur</div><div class="typed">{"<br>".join(esc(x) for x in sender_lines)}</div></td>
      <td><div class="lbl">Destinataire</div><div class="typed">{"<br>".join(esc(x) for x in address_lines(case.debtor))}</div></td></tr>
  <tr><td><div class="lbl">Contenu déclaré (facultatif)</div><span class="typed">{esc(cfg["content"])}</span></td>
      <td class="stamp"><div class="lbl">Cachet du bureau de dépôt</div><img src="{data_uri(stamp)}"></td></tr>
 </table>
 <div class="note">En cas de perte ou d'avarie, l'indemnisation est limitée au montant correspondant au niveau
  de garantie choisi. La preuve de distribution est l'avis de réception signé par le destinataire ou son
  mandataire, retourné à l'expéditeur.</div>
</div>
<div class="specimen">SPÉCIMEN – {esc(SPECIMEN)}. Mise en page inspirée des liasses de recommandé ; ce n'est pas un document de La Poste.</div>
"""
    return render_pdf(body, title=f"Preuve de dépôt {fmt_tracking(number)}", author="La Poste (spécimen)",
                      created=at(d, int(cfg["hour"][:2]), int(cfg["hour"][-2:])), lang="fr", css=RECEIPT_CSS)


def render_bpost_receipt(case: Case, event: dict) -> bytes:
    cfg = CONFIG[case.name]["postal"]
    d, number = event["date"], event["tracking_number"]
    sender = sender_of(case)
    stamp = postmark(cfg["office"].upper(), d, cfg["office_code"], seed=f"{case.name}-bpost", ink=(150, 30, 40),
                     hour=cfg["hour"].replace(":", "H"))
    nl_first = case.lang == "nl"
    t = (lambda fr, nl: f"{nl} / {fr}") if nl_first else (lambda fr, nl: f"{fr} / {nl}")
    body = f"""
<div class="slip">
 <div class="band" style="background:#e2231a; color:#fff"><span class="what">{t("Envoi recommandé", "Aangetekende zending")}<br>{t("national", "nationaal")}</span>
   <span class="logo">bpost</span></div>
 <div class="title">{t("RÉCÉPISSÉ DE DÉPÔT", "ONTVANGSTBEWIJS")}</div>
 <div class="subtitle">{t("À conserver. Preuve de l'envoi recommandé.", "Bewaar dit bewijs. Het bewijst de aangetekende verzending.")}</div>
 <table class="grid">
  <tr><td colspan="2"><div class="lbl">{t("Numéro d'envoi", "Zendingsnummer")}</div>
      <span class="num">{fmt_tracking(number)}</span>
      <div style="margin-top:1.5mm">{barcode_svg(number, 11, 0.36)}</div></td></tr>
  <tr><td style="width:50%"><div class="lbl">{t("Date et heure", "Datum en uur")}</div><span class="typed">{dshort(d)} {cfg["hour"]}</span>
      <div class="lbl" style="margin-top:2mm">{t("Point de dépôt", "Afgiftepunt")}</div><span class="typed">{esc(cfg["office"])} ({esc(cfg["office_code"])})</span></td>
      <td><div class="lbl">Options</div>{box(False)} {t("Accusé de réception", "Ontvangstbevestiging")}<br>
      {box(False)} {t("Remise en mains propres", "Persoonlijke overhandiging")}
      <div class="lbl" style="margin-top:2mm">{t("Poids", "Gewicht")}</div><span class="typed">{cfg["weight"]}</span></td></tr>
  <tr><td><div class="lbl">{t("Expéditeur", "Afzender")}</div><div class="typed">{"<br>".join(esc(x) for x in address_lines(sender))}</div></td>
      <td><div class="lbl">{t("Destinataire", "Bestemmeling")}</div><div class="typed">{"<br>".join(esc(x) for x in address_lines(case.debtor))}</div></td></tr>
  <tr><td><div class="lbl">{t("Référence client", "Klantreferentie")}</div><span class="typed">{esc(case.data["reference"])}</span></td>
      <td class="stamp"><div class="lbl">{t("Cachet", "Stempel")}</div><img src="{data_uri(stamp)}"></td></tr>
 </table>
 <div class="note">{t("La date et l'heure du récépissé font foi du dépôt de l'envoi recommandé.",
                      "Datum en uur van dit ontvangstbewijs bewijzen de afgifte van de aangetekende zending.")}</div>
</div>
<div class="specimen">{"SPECIMEN – " + esc(SPECIMEN_NL if nl_first else SPECIMEN)}. {"Geen document van bpost." if nl_first else "Ce n'est pas un document de bpost."}</div>
"""
    return render_pdf(body, title=f"bpost {fmt_tracking(number)}", author="bpost (specimen)",
                      created=at(d, int(cfg["hour"][:2]), int(cfg["hour"][-2:]), BRUSSELS), lang=case.lang,
                      css=RECEIPT_CSS, subject=SPECIMEN_NL if nl_first else SPECIMEN)


def avis_de_reception(case: Case, received: dict) -> Image.Image:
    """The pink acknowledgement card of a French registered letter, signed on delivery."""
    cfg = CONFIG[case.name]["postal"]
    sent = case.events("formal_notice_sent")[-1]
    number = sent["tracking_number"]
    W, H = 1250, 860
    pink, red, ink = (250, 226, 229), (170, 36, 64), (30, 30, 35)
    card = Image.new("RGB", (W, H), pink)
    d = ImageDraw.Draw(card)
    d.rectangle([8, 8, W - 9, H - 9], outline=red, width=4)
    d.text((34, 26), "AVIS DE RÉCEPTION", font=font("sans-bold", 46), fill=red)
    d.text((36, 84), "de la lettre recommandée – à retourner à l'expéditeur", font=font("cond", 24), fill=red)
    d.rectangle([W - 250, 26, W - 34, 96], fill=(255, 205, 0))
    d.text((W - 232, 42), "LA POSTE", font=font("sans-bold", 34), fill=ink)
    # number and barcode
    d.text((34, 130), "N° de l'envoi", font=font("cond", 22), fill=red)
    d.text((34, 158), fmt_tracking(number), font=font("mono-bold", 40), fill=ink)
    bc = barcode_image(number, 70, 2)
    card.paste(bc.convert("RGB"), (470, 142))
    # left column: presentation / delivery / signature
    y0 = 250
    d.line([(34, y0), (W - 34, y0)], fill=red, width=2)
    f_lbl = font("cond", 24)
    d.text((34, y0 + 18), "Présentée / avisée le :", font=f_lbl, fill=red)
    d.text((34, y0 + 78), "Distribuée le :", font=f_lbl, fill=red)
    for yy in (y0 + 50, y0 + 110):
        d.line([(290, yy), (620, yy)], fill=red, width=1)
    day = received["date"]
    handwrite(card, (300, y0 + 6), dshort(day), 36, f"{case.name}-pres", ink=(40, 40, 50))
    handwrite(card, (300, y0 + 66), dshort(day), 36, f"{case.name}-dist", ink=(40, 40, 50))
    d.text((34, y0 + 140), "Le destinataire", font=f_lbl, fill=red)
    d.rectangle([210, y0 + 142, 234, y0 + 166], outline=red, width=2)
    d.text((270, y0 + 140), "Le mandataire", font=f_lbl, fill=red)
    d.rectangle([440, y0 + 142, 464, y0 + 166], outline=red, width=2)
    handwrite(card, (210, y0 + 130), "x", 40, f"{case.name}-tick", ink=cfg["signer_ink"])
    d.text((34, y0 + 190), "Signature et nom du destinataire ou du mandataire :", font=f_lbl, fill=red)
    d.rectangle([34, y0 + 224, 640, y0 + 430], outline=red, width=2)
    sig = signature(cfg["signer"], width=440, height=150, ink=cfg["signer_ink"], weight=2.8)
    card.paste(sig, (110, y0 + 250), sig)
    handwrite(card, (60, y0 + 380), cfg["signer_label"], 32, f"{case.name}-name", ink=cfg["signer_ink"])
    # right column: recipient, distributing office stamp
    x1 = 680
    d.line([(x1 - 20, y0), (x1 - 20, H - 150)], fill=red, width=2)
    d.text((x1, y0 + 18), "Destinataire", font=f_lbl, fill=red)
    f_typed = font("mono", 25)
    yy = y0 + 52
    for line in address_lines(case.debtor):
        d.text((x1, yy), line[:34], font=f_typed, fill=ink)
        yy += 32
    d.text((x1, y0 + 200), "Cachet du bureau distributeur", font=f_lbl, fill=red)
    stamp = postmark(cfg["delivery_office"], day, cfg["delivery_code"], seed=f"{case.name}-dist-stamp",
                     ink=(40, 40, 70), diameter=220)
    card.paste(stamp, (x1 + 150, y0 + 228), stamp)
    # bottom band: return address, typed by the sender
    d.line([(34, H - 150), (W - 34, H - 150)], fill=red, width=2)
    d.text((34, H - 140), "Retour à :", font=f_lbl, fill=red)
    sender = sender_of(case)
    ret = [sender["name"]] + address_lines(sender, with_name=False)
    d.text((170, H - 140), " – ".join(ret), font=font("mono", 22), fill=ink)
    d.text((34, H - 60), "SPÉCIMEN – document fictif (exemples docgen), ce n'est pas un formulaire de La Poste",
           font=font("cond", 17), fill=(150, 110, 118))
    return card


def render_ar_scan(case: Case, received: dict, fmt: str) -> bytes:
    card = avis_de_reception(case, received)
    angle = -1.3 if fmt == "jpg" else 0.8
    img = scanned(card, seed=f"{case.name}-scan", angle=angle)
    img = img.resize((int(img.size[0] * 0.82), int(img.size[1] * 0.82)), Image.LANCZOS)
    return jpeg_bytes(img, quality=68) if fmt == "jpg" else grey_png_bytes(img, levels=12, dpi=164)


# --------------------------------------------------------------------------------------
# E-mails (RFC 5322 .eml, CRLF line endings)
# --------------------------------------------------------------------------------------
def render_eml(*, sender: tuple[str, str], to: tuple[str, str], when: datetime, subject: str, body: str,
               message_id: str, attachments: list[tuple[str, bytes]] = (), lang: str = "fr") -> bytes:
    policy = SMTP.clone(max_line_length=998)      # no folding of Message-ID and the like
    msg = EmailMessage(policy=policy)
    msg["From"] = f'"{sender[0]}" <{sender[1]}>'
    msg["To"] = f'"{to[0]}" <{to[1]}>'
    msg["Date"] = format_datetime(when)
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    for filename, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    if attachments:
        msg.set_boundary("=_docgen-example-" + message_id.strip("<>").split("@")[0])
    msg["Content-Language"] = lang
    return msg.as_bytes(policy=policy)


# --------------------------------------------------------------------------------------
# Quotes, general terms, contracts
# --------------------------------------------------------------------------------------
TERMS_CSS = """
@page { size: A4; margin: 16mm 16mm 22mm 16mm;
  @bottom-left { content: element(legal); width: 150mm; vertical-align: top; }
  @bottom-right { content: counter(page) " / " counter(pages); width: 20mm; vertical-align: top;
                  font: 7pt "DejaVu Sans"; color: #888; padding-top: 2.2mm; } }
html { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 8pt; color: #1d1d1f; line-height: 1.38; }
body { margin: 0; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 1mm 0; letter-spacing: 0.5pt; }
.sub { text-align: center; color: #555; margin-bottom: 5mm; }
.cols { column-count: 2; column-gap: 7mm; text-align: justify; }
h2 { font-size: 8.6pt; margin: 2.6mm 0 1mm 0; break-after: avoid; }
p { margin: 0 0 1.6mm 0; }
.legal { position: running(legal); font-size: 6.6pt; color: #666; border-top: 0.4pt solid #bbb; padding-top: 1.8mm; }
"""


def terms_page(case: Case, title: str, subtitle: str, articles: list[tuple[str, str]]) -> str:
    arts = "".join(f"<h2>{esc(h)}</h2>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
                   for h, text in articles)
    return f'<h1>{esc(title)}</h1><div class="sub">{esc(subtitle)}</div><div class="cols">{arts}</div>'


CGV_FR_B2B = [
    ("Article 1 – Champ d'application",
     "Les présentes conditions générales de vente (CGV) s'appliquent à toutes les prestations de fabrication, "
     "de fourniture et de pose d'ouvrages de menuiserie et d'agencement réalisées par la SARL Menuiserie "
     "Ricordeau (ci-après « le Prestataire ») pour des clients professionnels (ci-après « le Client »). Elles "
     "constituent le socle unique de la négociation commerciale conformément à l'article L441-1 du Code de "
     "commerce et prévalent sur les conditions d'achat du Client, sauf accord écrit contraire."),
    ("Article 2 – Devis et commande",
     "Les devis sont gratuits et valables deux mois. La commande est formée par le retour du devis daté, "
     "signé et revêtu de la mention « bon pour accord », qui emporte acceptation des présentes CGV. Toute "
     "modification ultérieure fait l'objet d'un avenant ou d'un devis complémentaire accepté."),
    ("Article 3 – Prix",
     "Les prix sont exprimés en euros hors taxes ; la TVA est facturée au taux en vigueur au jour de la "
     "facturation. Les prix comprennent la fabrication, la livraison et la pose telles que décrites au devis. "
     "Les travaux supplémentaires ou imprévus sont facturés selon le bordereau de prix unitaires du devis."),
    ("Article 4 – Délais d'exécution",
     "Les délais sont donnés à titre indicatif à compter de la réception de la commande et des côtes "
     "définitives. Un retard raisonnable ne peut justifier ni l'annulation de la commande ni des dommages et "
     "intérêts, sauf stipulation expresse au devis."),
    ("Article 5 – Réception des travaux",
     "La réception est prononcée contradictoirement à l'achèvement de chaque lot. À défaut de réserves "
     "écrites dans les huit jours de la mise à disposition, les ouvrages sont réputés reçus sans réserve. "
     "L'utilisation des ouvrages par le Client vaut réception."),
    ("Article 6 – Facturation et paiement",
     "Chaque lot est facturé à son achèvement. Les factures sont payables par virement à <b>trente (30) "
     "jours à compter de la date d'émission de la facture</b>, conformément à l'article L441-10 I du Code de "
     "commerce. Aucun escompte n'est accordé pour paiement anticipé.\n\nLes paiements partiels sont imputés "
     "d'abord sur les pénalités et frais échus, puis sur le principal des factures les plus anciennes, sauf "
     "désignation expresse par le Client de la facture qu'il entend acquitter."),
    ("Article 7 – Retard de paiement",
     "Tout retard de paiement entraîne de plein droit, dès le lendemain de la date d'échéance figurant sur "
     "la facture et sans qu'un rappel soit nécessaire, l'application de <b>pénalités de retard calculées au "
     "taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus "
     "récente, majoré de dix (10) points de pourcentage</b>. Pour le premier semestre de l'année concernée, "
     "le taux applicable est celui en vigueur au 1er janvier ; pour le second, celui en vigueur au 1er "
     "juillet.\n\nTout professionnel en situation de retard de paiement est en outre de plein droit "
     "débiteur, à l'égard du Prestataire, d'une <b>indemnité forfaitaire pour frais de recouvrement de "
     "quarante euros (40 €)</b> par facture (articles L441-10 II et D441-5 du Code de commerce). Lorsque les "
     "frais de recouvrement exposés sont supérieurs, le Prestataire peut demander une indemnisation "
     "complémentaire sur justification.\n\nEn cas de non-paiement à l'échéance, le Prestataire peut "
     "suspendre l'exécution des commandes en cours après mise en demeure restée sans effet pendant huit "
     "jours."),
    ("Article 8 – Réserve de propriété",
     "Les ouvrages et fournitures restent la propriété du Prestataire jusqu'au paiement intégral du prix "
     "en principal et accessoires (articles 2367 et suivants du Code civil). Le Client supporte néanmoins "
     "les risques dès la livraison."),
    ("Article 9 – Garanties",
     "Les ouvrages bénéficient des garanties légales applicables. Les défauts apparents doivent être "
     "signalés lors de la réception ; les vices cachés dans un délai de deux ans à compter de leur "
     "découverte. Le bois étant un matériau vivant, les variations de teinte et de veinage ne constituent "
     "pas un défaut."),
    ("Article 10 – Données personnelles",
     "Les données des interlocuteurs du Client sont traitées pour la gestion des commandes, de la "
     "facturation et du recouvrement, sur le fondement de l'exécution du contrat et de l'intérêt légitime "
     "du Prestataire, et conservées pendant la durée de la relation commerciale augmentée des délais de "
     "prescription. Les personnes concernées disposent des droits prévus par le RGPD "
     "(contact : compta@menuiserie-ricordeau.example)."),
    ("Article 11 – Droit applicable et litiges",
     "Les présentes CGV sont soumises au droit français. À défaut de solution amiable, tout litige relatif "
     "à leur interprétation ou à leur exécution relève de la compétence du tribunal de commerce de Nantes, "
     "y compris en cas de pluralité de défendeurs ou d'appel en garantie, sans préjudice des règles de "
     "compétence impératives."),
]


def render_cgv_fr_b2b(case: Case, exhibit: dict) -> bytes:
    body = legal_footer(case) + terms_page(
        case, "CONDITIONS GÉNÉRALES DE VENTE",
        f"Menuiserie Ricordeau SARL – clients professionnels – version du {dlong(exhibit['date'])}", CGV_FR_B2B)
    return render_pdf(body, title="Conditions générales de vente – Menuiserie Ricordeau",
                      author="Menuiserie Ricordeau SARL", created=at(exhibit["date"], 9, 0), lang="fr",
                      css=TERMS_CSS)


SIGNED_CSS = BASE_CSS + """
.lot td { background: #ece6df !important; font-weight: bold; text-align: left; }
.headzone { height: 64mm; }
.lines td { padding: 1.2mm 1.8mm; }
.accord { margin-top: 4mm; border: 0.8pt solid #999; padding: 3mm; position: relative; height: 40mm;
          page-break-inside: avoid; }
.accord .cap { font-size: 7.6pt; color: #555; }
.accord img { position: absolute; }
.conds { margin-top: 4mm; font-size: 7.6pt; }
.conds p { margin-bottom: 1.2mm; }
"""


def hand_png(text: str, seed: str, size: int = 44, ink=(22, 38, 105)) -> Image.Image:
    f = font("hand", size)
    img = Image.new("RGB", (int(f.getlength(text) * 1.12) + size, int(size * 1.8)), (255, 255, 255))
    handwrite(img, (size // 3, size // 4), text, size, seed, ink=ink)
    alpha = ImageChops.invert(img.convert("L"))
    out = Image.new("RGBA", img.size, ink + (0,))
    out.putalpha(alpha)
    return out


def render_quote(case: Case, *, number: str, issued: date, signed: date, invoice_numbers: list[str],
                 lot_titles: list[str], conditions: list[str], signer: str, signer_ink=(22, 38, 105),
                 stamp_lines: list[str] | None = None, extra_html: str = "", validity: str = "") -> bytes:
    """A quote (devis / offerte) whose lines are those later invoiced, signed « bon pour accord »."""
    cfg, lang, lab = CONFIG[case.name], case.lang, labels(case)
    rate = Decimal(cfg["vat"])
    brand = cfg["brand"]
    rows, all_lines = [], []
    for title, number_ in zip(lot_titles, invoice_numbers):
        inv = case.invoice(number_)
        lines = priced_lines(case, number_, money(inv["amount"]), rate, inv.get("description", ""))
        all_lines += lines
        if title:
            rows.append(f'<tr class="lot"><td colspan="6">{esc(title)}</td></tr>')
        for ln in lines:
            qty = f"{ln.qty:f}".rstrip("0").rstrip(".").replace(".", ",")
            rows.append(f'<tr><td class="l">{esc(ln.text)}</td><td>{qty}</td><td>{esc(ln.unit)}</td>'
                        f'<td>{num(ln.price, lang)}</td><td>{pct(ln.rate)}</td><td>{num(ln.amount, lang)}</td></tr>')
    excl, vat, incl = vat_totals(all_lines)
    vat_rows = "".join(f'<tr><td class="l">{lab["total_vat"]} {pct(r)}</td><td>{eur(v, lang)}</td></tr>'
                       for r, v in vat.items())
    nl = lang == "nl"
    date_text = (f"{case.debtor['address']['city']}, {dshort(signed)}" if nl else f"Le {dshort(signed)}")
    imgs = [(hand_png("Gelezen en goedgekeurd" if nl else "Bon pour accord", f"{number}-bpa", ink=signer_ink), "6mm", "8mm", "52mm"),
            (hand_png(date_text, f"{number}-date", ink=signer_ink), "6mm", "20mm", "34mm"),
            (signature(signer, ink=signer_ink), "68mm", "6mm", "62mm")]
    if not nl and stamp_lines:
        imgs.append((hand_png("CGV reçues et acceptées", f"{number}-cgv", size=36, ink=signer_ink), "6mm", "31mm", "50mm"))
    if stamp_lines:
        imgs.append((rubber_stamp(stamp_lines, f"{number}-stamp"), "118mm", "14mm", "55mm"))
    img_html = "".join(f'<img src="{data_uri(im)}" style="left:{x}; top:{y}; width:{w}">' for im, x, y, w in imgs)
    cap = ("Datum, handtekening en « gelezen en goedgekeurd » van de klant" if nl else
           "Date, signature et mention « bon pour accord » du client" + (", cachet de l'entreprise" if stamp_lines else ""))
    meta = [("Offertenummer" if nl else "Devis n°", number), ("Datum" if nl else "Date", dshort(issued))]
    if validity:
        meta.append(("Geldig tot" if nl else "Validité", validity))
    meta_html = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in meta)
    body = f"""
{legal_footer(case)}
<div class="headzone"><div class="seller">{seller_block(case)}</div>
<div class="doctitle"><div class="kind" style="color:{brand}">{"OFFERTE" if nl else "DEVIS"}</div><div class="no">{esc(number)}</div></div>
<div class="window"><div class="small">{"Klant" if nl else "Client"}</div>{window_block(case, case.debtor)}</div>
<table class="meta">{meta_html}</table></div>
<table class="lines"><thead><tr style="background:{brand}"><th class="l">{lab["desc"]}</th><th>{lab["qty"]}</th>
  <th>{lab["unit"]}</th><th>{lab["price"]}</th><th>{lab["vat"]}</th><th>{lab["amount"]}</th></tr></thead>
  <tbody>{"".join(rows)}</tbody></table>
<table class="totals"><tr><td class="l">{lab["total_ex"]}</td><td>{eur(excl, lang)}</td></tr>{vat_rows}
  <tr class="grand" style="background:{brand}"><td class="l" style="color:#fff">{lab["total_inc"]}</td><td>{eur(incl, lang)}</td></tr></table>
<div class="conds">{"".join(f"<p>{c}</p>" for c in conditions)}</div>
<div class="accord"><div class="cap">{cap}</div>{img_html}</div>
{extra_html}
"""
    title = f"{'Offerte' if nl else 'Devis'} {number} ({'ondertekend' if nl else 'signé'})"
    return render_pdf(body, title=title, author=party_full_name(case.creditor),
                      created=at(signed, 18, 5, BRUSSELS if case.country == "BE" else PARIS), lang=lang,
                      css=SIGNED_CSS + TERMS_CSS.split("html {")[0].replace("@page", "@page unused") +
                      ".cols { column-count: 2; column-gap: 7mm; text-align: justify; font-size: 7.8pt; }"
                      " h2 { font-size: 8.4pt; margin: 2.4mm 0 1mm 0; } h1 { font-size: 13pt; text-align: center; }"
                      " .sub { text-align: center; color: #555; margin-bottom: 4mm; }"
                      " .newpage { page-break-before: always; }",
                      subject=SPECIMEN_NL if nl else SPECIMEN)


def render_quote_fr_b2b(case: Case, exhibit: dict) -> bytes:
    return render_quote(
        case, number="D-2023-052", issued=date(2023, 10, 9), signed=exhibit["date"],
        invoice_numbers=["F-2023-118", "F-2024-007", "F-2024-031"],
        lot_titles=["Lot 1 – Comptoir de bar", "Lot 2 – Banquettes et mobilier",
                    "Lot 3 – Office et finitions"],
        conditions=[
            f"<b>Conditions{NNBSP}:</b> facturation à l'achèvement de chaque lot{NNBSP}; paiement par virement à "
            f"30 jours date de facture, sans escompte. Pénalités de retard au taux BCE majoré de 10 points et "
            f"indemnité forfaitaire de 40{NBSP}€ par facture (C. com. L441-10 et D441-5). Les conditions "
            f"générales de vente du 1er septembre 2023, jointes, font partie intégrante du présent devis.",
            f"<b>Délais prévisionnels{NNBSP}:</b> lot 1 fin novembre 2023, lot 2 mi-janvier 2024, lot 3 "
            f"mars 2024 (fermeture de l'établissement à convenir).",
        ],
        signer="Yann Le Goff",
        stamp_lines=["BRASSERIE DE L'ESTUAIRE", "SAS – 12 av. de la République",
                     "44600 SAINT-NAZAIRE", "SIREN 913 560 280"],
        validity="09/12/2023")


PV_CSS = LETTER_CSS.replace('html { font-family: "DejaVu Serif"; font-size: 9.2pt;',
                            'html { font-family: "DejaVu Sans"; font-stretch: condensed; font-size: 9.6pt;') + """
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.7pt solid #222; text-align: center;
       line-height: 3.2mm; font-size: 8pt; font-weight: bold; margin-right: 1mm; vertical-align: -0.6mm; }
"""


# --------------------------------------------------------------------------------------
# France B2B: reminders
# --------------------------------------------------------------------------------------
def items_text(case: Case, on: date, lang: str = "fr") -> tuple[list[str], Decimal]:
    lines, total = [], Decimal("0")
    for inv, left in case.open_items(on):
        if inv["due_date"] > on:
            continue
        what = {"fr": f"  - facture {inv['number']} du {dshort(inv['issue_date'])}, échue le "
                      f"{dshort(inv['due_date'])} : {eur(left, 'fr')}",
                "nl": f"  - factuur {inv['number']} van {dshort(inv['issue_date'])}, vervallen op "
                      f"{dshort(inv['due_date'])}: {eur(left, 'nl')}"}[lang]
        if left != money(inv["amount"]):
            what += (f" (sur {eur(inv['amount'], 'fr')} TTC)" if lang == "fr" else
                     f" (van {eur(inv['amount'], 'nl')} incl. btw)")
        lines.append(what.replace(NNBSP, " ").replace(NBSP, " "))
        total += left
    return lines, total


def signature_block_text(case: Case, service: str) -> str:
    c = case.creditor
    mentions = legal_footer(case).split(">", 1)[1].rsplit("<", 1)[0]
    return (f"{service}\n" if service else "") + f"{party_full_name(c)}\n" + "\n".join(address_lines(c, upper=False, with_name=False)) + \
        f"\n{c.get('phone', '')}\n\n{html.unescape(mentions).replace(NNBSP, ' ').replace(NBSP, ' ')}"


def eml_fr_b2b_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    items, total = items_text(case, d)
    numbers = [inv["number"] for inv, _ in case.open_items(d) if inv["due_date"] <= d]
    body = (
        "Bonjour,\n\n"
        "Sauf erreur ou omission de notre part, les factures suivantes restent impayées à ce jour :\n\n"
        + "\n".join(items) + f"\n\n  Total échu : {eur(total)}\n\n"
        "Nous vous remercions de bien vouloir procéder à leur règlement par virement :\n"
        f"  IBAN {std_iban.format(c['iban'])} - BIC {c['bic']}\n"
        f"  Libellé : {', '.join(numbers)}\n\n"
        "Nous vous rappelons que, conformément à l'article 7 de nos conditions générales de vente et à "
        "l'article L441-10 du Code de commerce, tout retard de paiement rend exigibles de plein droit des "
        "pénalités au taux de la BCE majoré de 10 points ainsi qu'une indemnité forfaitaire de 40 euros "
        "par facture pour frais de recouvrement.\n\n"
        "Si votre règlement a été émis entre-temps, merci de ne pas tenir compte de ce message. "
        "Vous trouverez la première facture en pièce jointe.\n\n"
        "Cordialement,\n\n" + signature_block_text(case, "Service comptabilité")).replace(NNBSP, " ").replace(NBSP, " ")
    first = case.invoice(numbers[0])
    return render_eml(
        sender=("Menuiserie Ricordeau - Comptabilité", c["email"]),
        to=(case.debtor["name"], case.debtor["email"]), when=at(d, 9, 42),
        subject=f"Relance : factures {' et '.join(numbers)} échues",
        body=body, message_id=f"<{d:%Y%m%d}094200.relance.{first['number'].lower()}@menuiserie-ricordeau.example>",
        attachments=[(f"{first['number']}.pdf", render_invoice(case, first))])


def letter_fr_b2b_reminder(case: Case, event: dict) -> bytes:
    d = event["date"]
    earlier = [e for e in case.events("reminder_sent") if e["date"] < d]
    rows, total = [], Decimal("0")
    for inv, left in case.open_items(d):
        if inv["due_date"] > d:
            continue
        note = ""
        cns = [cn for cn in case.data.get("credit_notes", []) if cn["invoice"] == inv["number"] and cn["date"] <= d]
        if cns:
            note = f" (après avoir {cns[0]['number']})"
        rows.append(f"<tr><td>{esc(inv['number'])}{esc(note)}</td><td>{dshort(inv['issue_date'])}</td>"
                    f"<td>{dshort(inv['due_date'])}</td><td class='r'>{eur(inv['amount'])}</td>"
                    f"<td class='r'>{eur(left)}</td></tr>")
        total += left
    table = (f"<table class='items'><tr><th>Facture</th><th>Date</th><th>Échéance</th><th class='r'>Montant TTC</th>"
             f"<th class='r'>Reste dû</th></tr>{''.join(rows)}<tr class='total'><td colspan='4'>Total échu</td>"
             f"<td class='r'>{eur(total)}</td></tr></table>")
    c = case.creditor
    paragraphs = [
        "Madame, Monsieur,",
        (f"Malgré notre relance du {dlong(earlier[-1]['date'])}, " if earlier else "") +
        "nous constatons que les factures suivantes, établies en exécution de votre commande du 16 octobre "
        "2023 (devis D-2023-052), demeurent impayées à ce jour :".replace(" :", f"{NNBSP}:"),
        table,
        f"Nous vous demandons de bien vouloir nous régler la somme de <b>{eur(total)}</b> dans un délai de "
        f"huit jours à réception du présent courrier, par virement sur notre compte{NNBSP}:",
        f'<div class="bank">IBAN {std_iban.format(c["iban"])} – BIC {c["bic"]}<br>Libellé{NNBSP}: '
        f'{esc(", ".join(inv["number"] for inv, _ in case.open_items(d) if inv["due_date"] <= d))}</div>',
        "Nous vous rappelons que ces retards rendent exigibles de plein droit, depuis le lendemain de chaque "
        "échéance, des pénalités au taux de la Banque centrale européenne majoré de 10 points, soit 14,50 % "
        "pour le premier semestre 2024, ainsi qu'une indemnité forfaitaire de 40 € par facture pour frais de "
        "recouvrement (article L441-10 du Code de commerce et article 7 de nos conditions générales de "
        "vente), que nous nous réservons de vous réclamer.".replace(" %", f"{NBSP}%").replace(" €", f"{NBSP}€"),
        "À défaut de règlement dans ce délai, nous serons contraints de confier le recouvrement de notre "
        "créance à notre conseil, sans autre avis.",
        "Si votre paiement a été émis entre-temps, nous vous prions de ne pas tenir compte de la présente.",
    ]
    return render_letter(
        case, sent=d, place="Nantes", to_lines=address_lines(case.debtor, home="FR"),
        object_=f"Objet{NNBSP}: Deuxième relance – factures impayées", paragraphs=paragraphs,
        signer=c["signatory"], refs=f"Nos réf.{NNBSP}: {esc(case.data['reference'])}<br>Compte client{NNBSP}: 0412<br>Affaire suivie par{NNBSP}: T. Ricordeau",
        closing="Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        copy_mark="COPIE – DOSSIER")


# --------------------------------------------------------------------------------------
# France B2C: quote with general conditions, acceptance report, reminder
# --------------------------------------------------------------------------------------
CG_FR_B2C = [
    ("1. Devis et commande",
     "Le devis est gratuit et valable un mois. Le contrat est formé par la signature du devis précédée de la "
     "mention « bon pour accord ». Les travaux non prévus au devis font l'objet d'un devis complémentaire "
     "signé avant leur exécution."),
    ("2. Droit de rétractation",
     "Lorsque le devis est signé au domicile du client (contrat hors établissement), le client dispose d'un "
     "délai de quatorze jours pour se rétracter, sans motif, au moyen du formulaire joint ou de toute autre "
     "déclaration dénuée d'ambiguïté (C. consom. art. L221-18). Les travaux ne commencent pas avant "
     "l'expiration de ce délai, sauf demande expresse du client."),
    ("3. Prix et TVA",
     "Les prix sont indiqués hors taxes et toutes taxes comprises. Le taux réduit de TVA de 10 % s'applique "
     "aux travaux d'amélioration et d'entretien d'un logement achevé depuis plus de deux ans, sur "
     "attestation du client ; à défaut, le taux normal est appliqué."),
    ("4. Paiement",
     "Les factures sont payables à quinze jours de leur date, par virement ou par chèque. Aucun acompte n'est "
     "exigé pour le présent chantier. En cas de retard de paiement, les sommes dues produisent intérêt au "
     "taux légal à compter de la mise en demeure (C. civ. art. 1231-6 et 1344-1). Aucun frais de "
     "recouvrement n'est mis à la charge du client (CPCE art. L111-8)."),
    ("5. Exécution et réception",
     "Les travaux sont exécutés conformément aux règles de l'art et aux DTU applicables. La réception est "
     "prononcée contradictoirement à l'achèvement, avec ou sans réserves, par un procès-verbal signé des "
     "deux parties."),
    ("6. Garanties",
     "Le client bénéficie de la garantie de parfait achèvement (un an), de la garantie de bon fonctionnement "
     "des équipements (deux ans) et de la garantie décennale (C. civ. art. 1792 et suivants). Assurance "
     "décennale : Mutuelle fictive des artisans du Sud-Ouest, police n° DEC-31-558204."),
    ("7. Médiation et litiges",
     "En cas de litige, le client peut recourir gratuitement au médiateur de la consommation : Médiateur "
     "fictif du bâtiment, mediateur-batiment.example (C. consom. art. L612-1). Le client peut aussi saisir "
     "la juridiction de son domicile."),
    ("8. Données personnelles",
     "Les données du client sont utilisées pour l'exécution du chantier, la facturation et le recouvrement, "
     "et conservées cinq ans après la fin des travaux (dix ans pour les pièces comptables). Le client peut "
     "exercer ses droits auprès de contact@mercier-plomberie.example."),
]


def render_quote_fr_b2c(case: Case, exhibit: dict) -> bytes:
    cg = "".join(f"<h2>{esc(h)}</h2><p>{esc(t).replace(' %', NBSP + '%').replace(' :', NNBSP + ':')}</p>"
                 for h, t in CG_FR_B2C)
    extra = (f'<div class="newpage"><h1>CONDITIONS GÉNÉRALES</h1><div class="sub">Mercier Plomberie Chauffage – '
             f'Julien Mercier EI – clients particuliers – jointes au devis D-2025-031</div><div class="cols">{cg}</div>'
             f'<p style="margin-top:6mm; font-size:7.6pt"><b>Formulaire de rétractation</b> (à compléter et renvoyer '
             f'uniquement si vous souhaitez vous rétracter){NNBSP}: à l\'attention de Julien Mercier EI, 9 chemin de '
             f'la Flambère, 31300 Toulouse, contact@mercier-plomberie.example. Je vous notifie par la présente ma '
             f'rétractation du contrat portant sur la prestation de services ci-dessous{NNBSP}: ……… Commandé le '
             f'……… Nom du client{NNBSP}: ……… Adresse{NNBSP}: ……… Signature{NNBSP}: ……… Date{NNBSP}: ………</p></div>')
    return render_quote(
        case, number="D-2025-031", issued=date(2025, 2, 17), signed=exhibit["date"],
        invoice_numbers=["FA-2025-0093"], lot_titles=["Rénovation de la salle de bains – 42 rue des Tourneurs"],
        conditions=[
            f"<b>Conditions{NNBSP}:</b> facture à l'achèvement des travaux, payable à 15 jours, sans acompte. "
            f"Début prévu le 31 mars 2025, durée estimée 9 jours ouvrés. TVA au taux réduit de 10{NBSP}% sur "
            f"attestation du client (logement achevé depuis plus de deux ans).",
            "Devis établi au domicile du client le 17 février 2025 après métré ; conditions générales au "
            "verso, dont le droit de rétractation de 14 jours.".replace(" ;", f"{NNBSP};"),
        ],
        signer="Camille Roussel", signer_ink=(25, 45, 120), validity="17/03/2025", extra_html=extra)


def render_pv_reception(case: Case, exhibit: dict) -> bytes:
    d = exhibit["date"]
    c, debtor = case.creditor, case.debtor
    sig_c = signature(c["signatory"]["name"])
    sig_d = signature("Camille Roussel", ink=(25, 45, 120))
    site = ", ".join(address_lines(debtor, upper=False, with_name=False))
    body = f"""
{legal_footer(case)}
<div class="head">{seller_block(case)}</div>
<div style="height:34mm"></div>
<h1 style="font-size:15pt; text-align:center; margin:0">PROCÈS-VERBAL DE RÉCEPTION DES TRAVAUX</h1>
<p style="text-align:center; color:#555">(article 1792-6 du Code civil)</p>
<div style="height:5mm"></div>
<p><b>Maître de l'ouvrage{NNBSP}:</b> {esc(party_name(debtor))}, {esc(site)}.</p>
<p><b>Entreprise{NNBSP}:</b> Julien Mercier EI – Mercier Plomberie Chauffage, {esc(", ".join(address_lines(c, upper=False, with_name=False)))}, {esc(registration_text(c, "fr"))}.</p>
<p><b>Travaux{NNBSP}:</b> rénovation de la salle de bains selon le devis D-2025-031 du 17 février 2025,
 accepté le 24 février 2025{NNBSP}: dépose de la baignoire, douche extra-plate avec paroi, meuble vasque,
 faïence murale, reprise des alimentations et évacuations.</p>
<p><b>Lieu des travaux{NNBSP}:</b> {esc(site)}. Travaux exécutés du 31 mars au 10 avril 2025.</p>
<p>Après visite contradictoire des travaux ce jour, le maître de l'ouvrage déclare{NNBSP}:</p>
<p style="margin-left:8mm">{box(True)} prononcer la réception <b>sans réserve</b>, avec effet au {dlong(d)}{NNBSP};<br>
{box(False)} prononcer la réception avec les réserves suivantes{NNBSP}: ………………………………………<br>
{box(False)} refuser la réception pour les motifs suivants{NNBSP}: ………………………………………</p>
<p>La réception fait courir les garanties de parfait achèvement (1 an), de bon fonctionnement (2 ans) et
 décennale (10 ans). Les notices d'utilisation et d'entretien du receveur, de la paroi et du mitigeur ont été
 remises au maître de l'ouvrage.</p>
<p>Fait à Toulouse, le {dlong(d)}, en deux exemplaires.</p>
<table style="width:100%; margin-top:6mm"><tr>
 <td style="width:50%; vertical-align:top">Le maître de l'ouvrage<br><img src="{data_uri(sig_d)}" style="width:52mm"></td>
 <td style="vertical-align:top">L'entreprise<br><img src="{data_uri(sig_c)}" style="width:52mm"></td></tr></table>
"""
    return render_pdf(body, title="Procès-verbal de réception des travaux", author="Julien Mercier EI",
                      created=at(d, 17, 20), lang="fr", css=PV_CSS)


def eml_fr_b2c_reminder(case: Case, event: dict) -> bytes:
    d, c, debtor = event["date"], case.creditor, case.debtor
    items, total = items_text(case, d)
    body = (
        f"Bonjour Madame {debtor['last_name']},\n\n"
        "Je me permets de revenir vers vous au sujet des travaux réalisés chez vous ce printemps. "
        "Sauf erreur de ma part, il reste à régler :\n\n" + "\n".join(items) +
        f"\n\n  Total : {eur(total)}\n\n"
        "Je vous remercie de bien vouloir effectuer ce règlement dans les meilleurs délais, par virement "
        f"(IBAN {std_iban.format(c['iban'])} - BIC {c['bic']}) ou par chèque à l'ordre de Julien Mercier EI.\n\n"
        "Si vous rencontrez une difficulté, n'hésitez pas à m'appeler : nous pouvons convenir ensemble "
        "d'un étalement.\n\n"
        "Si votre paiement est déjà parti, merci de ne pas tenir compte de ce message.\n\n"
        "Bien cordialement,\n\nJulien Mercier\n" + signature_block_text(case, "Entrepreneur individuel")
    ).replace(NNBSP, " ").replace(NBSP, " ")
    return render_eml(
        sender=("Julien Mercier - Mercier Plomberie Chauffage", c["email"]),
        to=(party_name(debtor), debtor["email"]), when=at(d, 18, 7),
        subject="Rappel : factures de vos travaux de salle de bains",
        body=body, message_id=f"<{d:%Y%m%d}180700.rappel.fa-2025-0093@mercier-plomberie.example>")


# --------------------------------------------------------------------------------------
# Belgium B2B: a five-page framework contract, a reminder e-mail
# --------------------------------------------------------------------------------------
CONTRACT_CSS = """
@page { size: A4; margin: 20mm 22mm 26mm 22mm;
  @top-right { content: "Contrat-cadre CC-2024-11"; font: 7.5pt "DejaVu Sans"; color: #888; }
  @bottom-left { content: element(initials); width: 110mm; vertical-align: top; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); width: 40mm; vertical-align: top;
                  font: 7.5pt "DejaVu Sans"; color: #666; padding-top: 2mm; } }
html { font-family: "DejaVu Serif"; font-size: 9.8pt; color: #111; line-height: 1.5; }
body { margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 4mm 0 1mm 0; letter-spacing: 0.6pt; }
.sub { text-align: center; font-size: 9.5pt; color: #444; margin-bottom: 8mm; }
h2 { font-family: "DejaVu Sans"; font-size: 10pt; margin: 5mm 0 1.5mm 0; break-after: avoid; }
p { margin: 0 0 2.4mm 0; text-align: justify; }
.parties p { margin-bottom: 3mm; }
.initials { position: running(initials); font-family: "DejaVu Sans"; font-size: 7pt; color: #666;
            border-top: 0.4pt solid #bbb; padding-top: 1.5mm; }
.initials img { height: 7mm; vertical-align: middle; margin: 0 4mm 0 1mm; }
.newpage { page-break-before: always; }
table.tarif { border-collapse: collapse; width: 100%; font-family: "DejaVu Sans"; font-size: 8.8pt; }
table.tarif th, table.tarif td { border: 0.5pt solid #999; padding: 1.4mm 2mm; text-align: left; }
table.tarif td.r { text-align: right; }
.signs { width: 100%; margin-top: 8mm; page-break-inside: avoid; }
.signs td { width: 50%; vertical-align: top; padding-right: 6mm; }
.signs img { width: 50mm; display: block; }
"""

CONTRACT_BE_B2B = [
    ("Article 1 – Objet",
     "Le présent contrat-cadre fixe les conditions dans lesquelles le Prestataire réalise pour le Client des "
     "prestations de conception, de développement, d'intégration, d'hébergement et de maintenance de la "
     "boutique en ligne du Client (ci-après « les Prestations »). Chaque prestation ponctuelle fait l'objet "
     "d'un bon de commande émis par le Client et accepté par le Prestataire, qui précise son contenu, son "
     "prix et son calendrier."),
    ("Article 2 – Documents contractuels",
     "Le contrat se compose, par ordre de priorité décroissante : (i) le présent contrat-cadre ; (ii) ses "
     "annexes (annexe 1 : conditions générales de prestation ; annexe 2 : grille tarifaire) ; (iii) les bons "
     "de commande acceptés. Les conditions générales d'achat du Client ne sont pas applicables, même si "
     "elles figurent sur un bon de commande."),
    ("Article 3 – Commandes",
     "Le Client adresse ses bons de commande par courrier électronique à l'adresse "
     "facturation@pixelmeuse.example. Le Prestataire les accepte ou les refuse dans les cinq jours "
     "ouvrables ; à défaut de réponse, le bon de commande est réputé refusé. Toute modification d'une "
     "commande en cours fait l'objet d'un avenant au bon de commande."),
    ("Article 4 – Obligations du Prestataire",
     "Le Prestataire exécute les Prestations avec la diligence d'un professionnel normalement prudent et "
     "conformément aux règles de l'art. Il s'agit d'obligations de moyens, sauf pour les délais de "
     "correction des anomalies bloquantes visés à l'annexe 1, qui constituent des obligations de résultat. "
     "Le Prestataire désigne un chef de projet, interlocuteur unique du Client."),
    ("Article 5 – Obligations du Client",
     "Le Client fournit en temps utile les contenus, accès, informations et validations nécessaires. Il "
     "désigne un interlocuteur disposant du pouvoir de valider les livrables. Les retards imputables au "
     "Client prolongent d'autant les délais du Prestataire."),
    ("Article 6 – Prix, facturation et paiement",
     "Les prix sont ceux de l'annexe 2, hors TVA. Les prestations forfaitaires sont facturées à la "
     "réception de chaque phase ; la maintenance est facturée mensuellement et l'hébergement "
     "trimestriellement, à terme échu. <b>Les factures sont payables dans les trente (30) jours calendrier "
     "de leur date</b>, par virement sur le compte du Prestataire, avec la communication structurée "
     "indiquée sur la facture. Toute contestation d'une facture doit être motivée et notifiée par écrit "
     "dans les huit jours de sa réception ; à défaut, la facture est réputée acceptée."),
    ("Article 7 – Retard de paiement",
     "Conformément à la loi du 2 août 2002 concernant la lutte contre le retard de paiement dans les "
     "transactions commerciales, toute somme non payée à l'échéance produit de plein droit et sans mise en "
     "demeure <b>un intérêt au taux directeur de la Banque centrale européenne majoré de huit points et "
     "arrondi au demi-point supérieur</b> (article 5 de la loi), tel que publié semestriellement au "
     "Moniteur belge. Le Client est en outre redevable de plein droit d'une <b>indemnité forfaitaire de "
     "40 euros</b> par facture (article 6), sans préjudice d'une indemnisation raisonnable des autres frais "
     "de recouvrement.\n\nLes paiements partiels sont imputés d'abord sur les intérêts et frais, ensuite sur "
     "le principal, en commençant par la facture la plus ancienne, sauf imputation différente convenue par "
     "écrit. En cas de retard de plus de quinze jours après une mise en demeure, le Prestataire peut "
     "suspendre l'exécution des Prestations, y compris la maintenance, jusqu'au paiement complet."),
    ("Article 8 – Réception",
     "Chaque phase fait l'objet d'une recette par le Client dans les dix jours ouvrables de sa livraison. À "
     "défaut de réserves écrites et motivées dans ce délai, ou en cas de mise en production, la phase est "
     "réputée réceptionnée sans réserve."),
    ("Article 9 – Propriété intellectuelle",
     "Les droits patrimoniaux sur les développements spécifiques sont cédés au Client au fur et à mesure du "
     "paiement complet du prix de la phase concernée, pour le monde entier et pour la durée de protection. "
     "Les composants standard et les bibliothèques libres restent soumis à leurs licences respectives."),
    ("Article 10 – Confidentialité",
     "Chaque partie s'engage à garder confidentielles les informations de l'autre partie dont elle a "
     "connaissance à l'occasion du contrat, pendant toute sa durée et trois ans après sa fin."),
    ("Article 11 – Protection des données",
     "Pour l'hébergement et la maintenance de la boutique, le Prestataire agit en qualité de sous-traitant "
     "du Client au sens de l'article 28 du RGPD, selon les conditions de l'annexe 1, article 6. Il "
     "n'héberge les données que dans l'Espace économique européen."),
    ("Article 12 – Responsabilité",
     "Sauf faute grave ou dol, la responsabilité totale du Prestataire est limitée, par année contractuelle, "
     "au montant hors TVA facturé au Client au cours des douze mois précédant le fait générateur. Aucune "
     "partie ne répond des dommages indirects, tels que la perte de chiffre d'affaires ou de données non "
     "sauvegardées par le Client."),
    ("Article 13 – Durée et résiliation",
     "Le contrat est conclu pour une durée d'un an à compter de sa signature et se renouvelle tacitement "
     "pour des périodes successives d'un an, sauf préavis de trois mois notifié par lettre recommandée. "
     "Chaque partie peut résilier le contrat sans préavis ni indemnité en cas de manquement grave de "
     "l'autre partie non réparé dans les quinze jours d'une mise en demeure."),
    ("Article 14 – Droit applicable et juridiction",
     "Le contrat est régi par le droit belge. Tout litige relatif à sa formation, son interprétation ou son "
     "exécution relève de la compétence exclusive du tribunal de l'entreprise de Liège, division Namur."),
]

CG_BE_B2B = [
    ("1. Niveaux de service",
     "Anomalie bloquante (boutique indisponible ou paiement impossible) : prise en charge en 2 heures "
     "ouvrables, correction ou contournement en 1 jour ouvrable. Anomalie majeure : prise en charge en 1 jour "
     "ouvrable, correction en 5 jours ouvrables. Anomalie mineure : correction dans la version suivante."),
    ("2. Heures ouvrables", "Du lundi au vendredi, de 8 h 30 à 17 h 30, hors jours fériés légaux belges."),
    ("3. Sauvegardes",
     "Sauvegarde quotidienne de la base de données et hebdomadaire des fichiers, conservées 30 jours sur un "
     "site distinct."),
    ("4. Évolutions",
     "Les demandes d'évolution sont chiffrées en jours-homme au tarif de l'annexe 2 et exécutées après "
     "acceptation écrite du devis."),
    ("5. Réversibilité",
     "À la fin du contrat, le Prestataire remet au Client, après paiement complet des sommes dues, le code "
     "source spécifique, une copie de la base de données et la documentation d'exploitation."),
    ("6. Sous-traitance de données (art. 28 RGPD)",
     "Le Prestataire ne traite les données personnelles que sur instruction documentée du Client, garantit "
     "la confidentialité des personnes autorisées, met en œuvre des mesures de sécurité appropriées, notifie "
     "toute violation dans les 48 heures, assiste le Client pour les demandes des personnes concernées et "
     "supprime ou restitue les données en fin de contrat."),
]


def render_contract_be_b2b(case: Case, exhibit: dict) -> bytes:
    c, d = case.creditor, case.debtor
    signed = exhibit["date"]
    ini_c = signature("Sophie Delvaux-initials", width=150, height=80, weight=2.6)
    ini_d = signature("Marc Thonon-initials", width=150, height=80, weight=2.6, ink=(20, 20, 25))
    arts = "".join(f"<h2>{esc(h)}</h2>" + "".join(f"<p>{p}</p>" for p in t.split("\n\n")) for h, t in CONTRACT_BE_B2B)
    cg = "".join(f"<h2>{esc(h)}</h2><p>{esc(t)}</p>" for h, t in CG_BE_B2B)
    tarif = [("Chef de projet / développeur senior", "jour-homme", "600,00"),
             ("Développeur", "jour-homme", "520,00"),
             ("Formation (demi-journée, max. 8 participants)", "demi-jour", "600,00"),
             ("Maintenance corrective et évolutive (jusqu'à 1 jour-homme par mois)", "mois", "600,00"),
             ("Hébergement managé et supervision", "trimestre", "300,00"),
             ("Refonte phase 1 – maquettes et intégration (forfait)", "forfait", "4 800,00"),
             ("Phase 2 – connecteur ERP (forfait)", "forfait", "2 200,00")]
    rows = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td class='r'>{esc(p)}{NBSP}€</td></tr>" for a, b, p in tarif)
    body = f"""
<div class="initials">Paraphes{NNBSP}: Prestataire <img src="{data_uri(ini_c)}"> Client <img src="{data_uri(ini_d)}"></div>
<h1>CONTRAT-CADRE DE PRESTATIONS DE SERVICES</h1>
<div class="sub">n° CC-2024-11</div>
<div class="parties">
<p><b>ENTRE</b></p>
<p><b>{esc(party_full_name(c))}</b>, société à responsabilité limitée dont le siège est établi {esc(c["address"]["street"])},
{esc(c["address"]["postcode"])} {esc(c["address"]["city"])}, inscrite à la Banque-Carrefour des Entreprises sous le numéro
{fmt_bce(c["registration"]["number"])} (RPM Liège, division Namur), TVA {fmt_vat(c["vat_number"])}, représentée par
Madame {esc(c["signatory"]["name"])}, administratrice,</p>
<p>ci-après « le Prestataire »,</p>
<p><b>ET</b></p>
<p><b>{esc(party_full_name(d))}</b>, société anonyme dont le siège est établi {esc(d["address"]["street"])},
{esc(d["address"]["postcode"])} {esc(d["address"]["city"])}, inscrite à la Banque-Carrefour des Entreprises sous le numéro
{fmt_bce(d["registration"]["number"])} (RPM Liège, division Liège), TVA {fmt_vat(d["vat_number"])}, représentée par
Monsieur Marc Thonon, administrateur délégué,</p>
<p>ci-après « le Client »,</p>
<p>ci-après ensemble « les Parties ».</p>
</div>
<h2>Préambule</h2>
<p>Le Client distribue des produits alimentaires régionaux auprès de détaillants et de particuliers et souhaite
refondre sa boutique en ligne, la connecter à son progiciel de gestion (ERP) et en confier l'hébergement et la
maintenance à un prestataire spécialisé. Le Prestataire a remis le 23 septembre 2024 une proposition que le
Client a retenue. Les Parties conviennent de ce qui suit.</p>
{arts}
<div style="page-break-inside: avoid">
<p style="margin-top:6mm">Fait à Namur, le {dlong(signed)}, en deux exemplaires originaux, chaque partie
reconnaissant avoir reçu le sien.</p>
<table class="signs"><tr>
<td>Pour le Prestataire<br><b>{esc(c["signatory"]["name"])}</b>, administratrice<img src="{data_uri(signature(c["signatory"]["name"]))}"></td>
<td>Pour le Client<br><b>Marc Thonon</b>, administrateur délégué<img src="{data_uri(signature("Marc Thonon", ink=(20, 20, 25)))}"></td>
</tr></table></div>
<div class="newpage"></div>
<h1>ANNEXE 1</h1><div class="sub">Conditions générales de prestation</div>
{cg}
<h1 class="newpage">ANNEXE 2</h1><div class="sub">Grille tarifaire (prix hors TVA, valables jusqu'au 31 décembre 2025)</div>
<table class="tarif"><tr><th>Prestation</th><th>Unité</th><th>Prix HTVA</th></tr>{rows}</table>
<p style="margin-top:4mm">Les prix sont indexés au 1er janvier de chaque année selon l'indice Agoria (salaires)
publié pour le mois de novembre précédent, l'indice de base étant celui de novembre 2024.</p>
"""
    return render_pdf(body, title="Contrat-cadre de prestations de services CC-2024-11",
                      author=party_full_name(c), created=at(signed, 15, 0, BRUSSELS), lang="fr", css=CONTRACT_CSS)


def eml_be_b2b_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    due = [(inv, left) for inv, left in case.open_items(d) if inv["due_date"] <= d]
    items = "\n".join(f"  - facture {inv['number']} du {dshort(inv['issue_date'])}, échue le {dshort(inv['due_date'])} : "
                      f"{eur(left)}\n    communication structurée {CONFIG[case.name]['pay_ref'][inv['number']]}"
                      for inv, left in due)
    body = (
        "Madame, Monsieur,\n\n"
        "Sauf erreur de notre part, nous n'avons pas encore reçu le paiement de :\n\n" + items + "\n\n"
        f"Nous vous saurions gré de bien vouloir procéder au virement sur notre compte "
        f"{std_iban.format(c['iban'])} (BIC {c['bic']}) en mentionnant la communication structurée.\n\n"
        "Pour rappel, l'article 7 du contrat-cadre CC-2024-11 et la loi du 2 août 2002 prévoient qu'à défaut "
        "de paiement à l'échéance, un intérêt de retard est dû de plein droit et sans mise en demeure au taux "
        "légal des transactions commerciales (11,5 % l'an au premier semestre 2025), ainsi qu'une indemnité "
        "forfaitaire de 40 euros par facture.\n\n"
        "Si le paiement a été effectué entre-temps, nous vous prions de ne pas tenir compte de ce rappel. "
        "Vous trouverez une copie de la facture en annexe.\n\n"
        "Avec nos salutations distinguées,\n\n" + signature_block_text(case, "Service facturation")
    ).replace(NNBSP, " ").replace(NBSP, " ")
    first = due[0][0]
    return render_eml(
        sender=("Pixelmeuse - Facturation", c["email"]), to=(party_full_name(case.debtor), case.debtor["email"]),
        when=at(d, 10, 15, BRUSSELS), subject=f"Rappel de paiement - facture {first['number']}",
        body=body, message_id=f"<{d:%Y%m%d}101500.rappel.{first['number'].lower()}@pixelmeuse.example>",
        attachments=[(f"{first['number']}.pdf", render_invoice(case, first))])


# --------------------------------------------------------------------------------------
# Belgium B2C (Dutch): offer with general terms, free first reminder, e-mail, signed plan
# --------------------------------------------------------------------------------------
AV_BE_B2C = [
    ("1. Toepassing",
     "Deze algemene voorwaarden gelden voor alle offertes, leveringen en plaatsingen van Zonwering "
     "Scheldeland BV (de verkoper) aan consumenten. Afwijkingen gelden enkel als ze schriftelijk zijn "
     "aanvaard."),
    ("2. Offerte en bestelling",
     "Offertes zijn 30 dagen geldig. De overeenkomst komt tot stand door de ondertekening van de offerte "
     "door de klant. Werd de overeenkomst buiten de verkoopruimte gesloten, dan heeft de klant een "
     "herroepingsrecht van 14 kalenderdagen (art. VI.67 WER); het herroepingsformulier wordt bij de "
     "offerte gevoegd."),
    ("3. Prijzen en btw",
     "De prijzen zijn inclusief btw. Het verlaagd tarief van 6 % geldt voor renovatie van een privéwoning "
     "van meer dan 10 jaar oud, op basis van de verklaring van de klant in de offerte."),
    ("4. Betaling",
     "Facturen zijn betaalbaar binnen 14 kalenderdagen na de factuurdatum, door overschrijving met de "
     "gestructureerde mededeling vermeld op de factuur."),
    ("5. Laattijdige betaling",
     "Bij niet-betaling op de vervaldag stuurt de verkoper de klant eerst een kosteloze herinnering. "
     "Betaalt de klant niet binnen een termijn van 14 kalenderdagen, die ingaat op de derde werkdag na "
     "verzending van die herinnering op papier of op de dag na verzending langs elektronische weg, dan is "
     "hij van rechtswege verschuldigd: (a) verwijlintrest van 8 % per jaar op het openstaande bedrag, vanaf "
     "de dag na het verstrijken van die termijn; (b) een forfaitaire schadevergoeding van € 20 als het "
     "openstaande saldo ten hoogste € 150 bedraagt, van € 30 vermeerderd met 10 % van het saldo tussen "
     "€ 150,01 en € 500, of van € 65 vermeerderd met 5 % van het saldo boven € 500, met een maximum van "
     "€ 2.000 (art. XIX.4 WER). Er worden geen andere kosten aangerekend."),
    ("6. Eigendomsvoorbehoud",
     "De geleverde goederen blijven eigendom van de verkoper tot de volledige betaling van de prijs. Het "
     "risico gaat over op de klant bij de levering."),
    ("7. Garantie",
     "De klant geniet de wettelijke garantie van twee jaar voor de geleverde goederen (art. 1649bis e.v. "
     "oud BW) en de aansprakelijkheid van de aannemer voor de plaatsing. De fabrieksgarantie op motor en "
     "doek bedraagt vijf jaar."),
    ("8. Klachten en geschillen",
     "Klachten worden schriftelijk gemeld binnen 8 dagen na de plaatsing of na ontvangst van de factuur. "
     "Op de overeenkomst is het Belgisch recht van toepassing. Geschillen behoren tot de bevoegdheid van "
     "de rechtbanken van de woonplaats van de klant. De klant kan zich ook wenden tot de "
     "Consumentenombudsdienst."),
    ("9. Persoonsgegevens",
     "De gegevens van de klant worden verwerkt voor de uitvoering van de overeenkomst, de facturatie en de "
     "invordering, en bewaard zolang dat wettelijk nodig is. Vragen en verzoeken: "
     "boekhouding@zonwering-scheldeland.example."),
]


def render_offer_be_b2c(case: Case, exhibit: dict) -> bytes:
    av = "".join(f"<h2>{esc(h)}</h2><p>{esc(t).replace(' %', NBSP + '%').replace('€ ', '€' + NBSP)}</p>"
                 for h, t in AV_BE_B2C)
    extra = (f'<div class="newpage"><h1>ALGEMENE VOORWAARDEN</h1><div class="sub">Zonwering Scheldeland BV – '
             f'consumenten – versie januari 2025 – deel van offerte OF-2025-0144</div><div class="cols">{av}</div></div>')
    return render_quote(
        case, number="OF-2025-0144", issued=date(2025, 4, 24), signed=exhibit["date"],
        invoice_numbers=["2025-0318"], lot_titles=["Tiensestraat 58, 3000 Leuven – terras achtergevel"],
        conditions=[
            "<b>Voorwaarden:</b> betaling binnen 14 dagen na de factuurdatum. Plaatsing voorzien in juni 2025. "
            "Bij laattijdige betaling: verwijlintrest van 8 % per jaar en forfaitaire schadevergoeding volgens "
            "artikel 5 van de algemene voorwaarden op de volgende bladzijde, na een kosteloze eerste "
            "herinnering.".replace(" %", f"{NBSP}%"),
            "<b>Btw-attest (6 %):</b> de klant verklaart dat de woning Tiensestraat 58 te 3000 Leuven "
            "hoofdzakelijk als privéwoning wordt gebruikt en meer dan 10 jaar geleden voor het eerst in "
            "gebruik werd genomen, en dat de werken aan een eindverbruiker worden gefactureerd.".replace(" %", f"{NBSP}%"),
        ],
        signer="Els Vermeulen", signer_ink=(20, 60, 140), validity="24/05/2025", extra_html=extra)


def letter_be_b2c_first_reminder(case: Case, event: dict) -> bytes:
    d, c = event["date"], case.creditor
    start, last, claimable = be_consumer_window(d, event.get("channel", "letter"))
    due = [(inv, left) for inv, left in case.open_items(d) if inv["due_date"] <= d]
    total = sum((left for _, left in due), Decimal("0"))
    lump = be_lump_sum_cap(total)
    rate = case.contract["late_interest"]["rate_percent"]
    refs = CONFIG[case.name]["pay_ref"]
    rows = "".join(f"<tr><td>{esc(inv['number'])}</td><td>{dshort(inv['issue_date'])}</td><td>{esc(inv['description'])}</td>"
                   f"<td>{dshort(inv['due_date'])}</td><td class='r'>{eur(left, 'nl')}</td></tr>" for inv, left in due)
    table = (f"<table class='items'><tr><th>Factuur</th><th>Datum</th><th>Omschrijving</th><th>Vervaldag</th>"
             f"<th class='r'>Bedrag</th></tr>{rows}<tr class='total'><td colspan='4'>Openstaand bedrag</td>"
             f"<td class='r'>{eur(total, 'nl')}</td></tr></table>")
    wd = WEEKDAYS["nl"]
    paragraphs = [
        f"Geachte mevrouw {esc(case.debtor['last_name'])},",
        "Volgens onze gegevens zijn de volgende facturen voor de levering en plaatsing van uw zonnetent "
        "(offerte OF-2025-0144) nog niet betaald:",
        table,
        f"Wij vragen u het openstaande bedrag van <b>{eur(total, 'nl')}</b> te betalen binnen een termijn van "
        f"<b>14 kalenderdagen</b>. Deze termijn begint op de derde werkdag na de verzending van deze brief, "
        f"dus op {wd[start.weekday()]} {dlong(start, 'nl')}, en eindigt op {wd[last.weekday()]} "
        f"<b>{dlong(last, 'nl')}</b>.",
        f"<b>Deze herinnering is kosteloos.</b> Hebben wij uw betaling niet uiterlijk op {dlong(last, 'nl')} "
        f"ontvangen, dan zijn vanaf {dlong(claimable, 'nl')} verschuldigd, zoals bepaald in artikel 5 van onze "
        f"algemene voorwaarden en binnen de grenzen van artikel XIX.4 van het Wetboek van economisch recht:",
        f"<ul style='margin:0 0 3mm 0'><li>een forfaitaire schadevergoeding van <b>{eur(lump, 'nl')}</b> "
        f"(€{NBSP}65 + 5{NBSP}% van het openstaande bedrag boven €{NBSP}500);</li>"
        f"<li>verwijlintresten van <b>{pct(rate)} per jaar</b> op het openstaande bedrag.</li></ul>",
        "Bent u het niet eens met deze facturen, laat het ons dan binnen dezelfde termijn schriftelijk weten. "
        "Op uw vraag bezorgen wij u onmiddellijk alle stukken die u nodig heeft.",
        f'<div class="bank">Rekening {std_iban.format(c["iban"])} – BIC {c["bic"]}<br>'
        + "<br>".join(f"Factuur {esc(inv['number'])}: mededeling <b>{refs[inv['number']]}</b>" for inv, _ in due) + "</div>",
        "Heeft u intussen betaald, dan mag u deze brief als onbestaande beschouwen.",
    ]
    return render_letter(
        case, sent=d, place="Antwerpen", to_lines=address_lines(case.debtor, home="BE"),
        object_="Eerste herinnering – kosteloos", paragraphs=paragraphs, signer=c["signatory"],
        refs=f"Ons kenmerk: {esc(case.data['reference'])}<br>Klantnummer: 20417<br>Contact: boekhouding, +32 3 000 18 24", closing="Met vriendelijke groeten,",
        copy_mark="KOPIE")


def eml_be_b2c_reminder(case: Case, event: dict) -> bytes:
    d, c, debtor = event["date"], case.creditor, case.debtor
    first = case.events("reminder_sent")[0]
    _, last, claimable = be_consumer_window(first["date"], first.get("channel", "letter"))
    items, total = items_text(case, d, "nl")
    paid = [p for p in case.data.get("payments", []) if p["date"] <= d]
    body = (
        f"Geachte mevrouw {debtor['last_name']},\n\n"
        + (f"Wij danken u voor uw betaling van {eur(paid[-1]['amount'], 'nl')} op {dshort(paid[-1]['date'])}. " if paid else "")
        + "Volgens onze boekhouding blijft er nog open:\n\n" + "\n".join(items)
        + f"\n\n  Totaal facturen: {eur(total, 'nl')}\n\n"
        f"Zoals aangekondigd in onze kosteloze herinnering van {dlong(first['date'], 'nl')} zijn sinds "
        f"{dlong(claimable, 'nl')} ook verwijlintresten van "
        f"{pct(case.contract['late_interest']['rate_percent'])} per jaar en de forfaitaire schadevergoeding "
        "van artikel 5 van onze algemene voorwaarden (art. XIX.4 WER) verschuldigd. Die worden berekend op "
        "het openstaande saldo en bij de volgende afrekening vermeld.\n\n"
        f"Wij vragen u het saldo over te schrijven op rekening {std_iban.format(c['iban'])} (BIC {c['bic']}) "
        f"met de gestructureerde mededeling {CONFIG[case.name]['pay_ref'][case.invoices[0]['number']]}.\n\n"
        "Kunt u niet in één keer betalen, neem dan contact met ons op: wij bekijken graag een "
        "afbetalingsplan.\n\n"
        "Met vriendelijke groeten,\n\nKoen Wouters\nZaakvoerder\n"
        + signature_block_text(case, "")).replace(NNBSP, " ").replace(NBSP, " ")
    return render_eml(
        sender=("Zonwering Scheldeland - Boekhouding", c["email"]), to=(party_name(debtor), debtor["email"]),
        when=at(d, 11, 5, BRUSSELS), subject="Tweede herinnering: openstaande facturen zonnetent",
        body=body, message_id=f"<{d:%Y%m%d}110500.herinnering.2025-0318@zonwering-scheldeland.example>", lang="nl")


def be_b2c_plan_figures(case: Case, on: date) -> tuple[dict[str, Decimal], Decimal, Decimal, Decimal]:
    """What the creditor claimed when the plan was drawn up on `on`: principal per invoice
    after imputation (interest first), contractual interest from the first claimable day
    after the free reminder, and the XIX.4 lump sum announced in that reminder (scale
    applied to the balance outstanding on the last day of the 14-day window).
    (The example's own arithmetic, to print the plan; docgen computes statements itself.)"""
    rate = Decimal(case.contract["late_interest"]["rate_percent"])
    first = case.events("reminder_sent")[0]
    _, window_end, claimable = be_consumer_window(first["date"], first.get("channel", "letter"))
    lump = be_lump_sum_cap(sum((left for _, left in case.open_items(window_end)), Decimal("0")))
    principal = {i["number"]: money(i["amount"]) for i in case.invoices}
    accrued = {n: Decimal("0") for n in principal}
    last = {i["number"]: max(claimable - timedelta(days=1), i["due_date"]) for i in case.invoices}

    def accrue(number: str, upto: date) -> None:
        days = (upto - last[number]).days
        if days > 0:
            accrued[number] += money(principal[number] * rate / 100 * days / 365)
            last[number] = upto

    for pay in sorted(case.data.get("payments", []), key=lambda p: p["date"]):
        if pay["date"] > on:
            continue
        number = pay.get("invoice") or min((n for n in principal if principal[n] > 0),
                                           key=lambda n: case.invoice(n)["due_date"])
        accrue(number, pay["date"])
        amount = money(pay["amount"])
        to_interest = min(amount, accrued[number])
        accrued[number] -= to_interest
        principal[number] -= amount - to_interest
    for number in principal:
        accrue(number, on)
    total_principal = sum(principal.values(), Decimal("0"))
    interest = sum(accrued.values(), Decimal("0"))
    return principal, interest, lump, total_principal


class PageWriter:
    """Just enough text layout to typeset a one-page letter with Pillow."""

    def __init__(self, width: int = 910, height: int = 1287, margin: int = 86):
        self.img = Image.new("RGB", (width, height), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.margin, self.width, self.y = margin, width - 2 * margin, 70

    def para(self, text: str, size: int = 16, style: str = "cond", gap: int = 9, indent: int = 0,
             color=(25, 25, 25), align: str = "left") -> None:
        f = font(style, size)
        words, line = text.split(), ""
        lines = []
        for w in words:
            trial = f"{line} {w}".strip()
            if f.getlength(trial) <= self.width - indent:
                line = trial
            else:
                lines.append(line)
                line = w
        lines.append(line)
        for ln in lines:
            x = self.margin + indent
            if align == "center":
                x = self.margin + (self.width - f.getlength(ln)) / 2
            elif align == "right":
                x = self.margin + self.width - f.getlength(ln)
            self.d.text((x, self.y), ln, font=f, fill=color)
            self.y += int(size * 1.35)
        self.y += gap

    def row(self, cells: list[tuple[str, int, str]], size: int = 15, style: str = "cond", line: bool = True) -> None:
        f = font(style, size)
        for text, x, align in cells:
            xx = self.margin + x - (f.getlength(text) if align == "right" else 0)
            self.d.text((xx, self.y), text, font=f, fill=(25, 25, 25))
        self.y += int(size * 1.45)
        if line:
            self.d.line([(self.margin, self.y - 3), (self.margin + self.width, self.y - 3)], fill=(170, 170, 170))


def render_signed_plan_scan(case: Case, event: dict) -> bytes:
    c, debtor = case.creditor, case.debtor
    proposed = case.events("payment_plan_proposed")[-1]["date"]
    signed = event["date"]
    principal, interest, lump, total_principal = be_b2c_plan_figures(case, signed)
    total = total_principal + interest + lump
    schedule = case.data["payment_plan"]["schedule"]
    sched_total = sum((money(s["amount"]) for s in schedule), Decimal("0"))
    if sched_total != total:
        print(f"  ! {case.name}: schedule adds up to {sched_total}, the debt on {signed} is {total}", file=sys.stderr)
    p = PageWriter()
    p.para(party_full_name(c), size=26, style="sans-bold", gap=0, color=(196, 100, 29))
    p.para(" · ".join(address_lines(c, upper=False, with_name=False)) + f" · ondernemingsnummer {fmt_bce(c['registration']['number'])}",
           size=13, gap=26, color=(90, 90, 90))
    p.para("AFBETALINGSPLAN EN ERKENNING VAN SCHULD", size=22, style="sans-bold", align="center", gap=20)
    p.para(f"Tussen {party_full_name(c)}, {', '.join(address_lines(c, upper=False, with_name=False))}, "
           f"ondernemingsnummer {fmt_bce(c['registration']['number'])}, hierna de schuldeiser, en "
           f"{party_name(debtor)}, {', '.join(address_lines(debtor, upper=False, with_name=False))}, "
           f"hierna de klant, wordt het volgende overeengekomen.", gap=12)
    p.para(f"1. De klant erkent op {dlong(signed, 'nl')} aan de schuldeiser verschuldigd te zijn:", style="cond-bold", gap=4)
    for inv in case.invoices:
        if principal[inv["number"]] > 0:
            p.row([(f"Factuur {inv['number']} van {dshort(inv['issue_date'])}, vervallen op {dshort(inv['due_date'])} – saldo",
                    20, "left"), (eur(principal[inv["number"]], "nl"), p.width - 10, "right")])
    p.row([(f"Verwijlintresten {pct(case.contract['late_interest']['rate_percent'])} per jaar tot {dshort(signed)}", 20, "left"),
           (eur(interest, "nl"), p.width - 10, "right")])
    p.row([("Forfaitaire schadevergoeding (art. 5 alg. voorwaarden, art. XIX.4 WER)", 20, "left"),
           (eur(lump, "nl"), p.width - 10, "right")])
    p.row([("Totaal", 20, "left"), (eur(total, "nl"), p.width - 10, "right")], style="cond-bold", line=False)
    p.y += 10
    p.para("2. De klant betaalt dit bedrag in de volgende maandelijkse termijnen:", style="cond-bold", gap=4)
    for k, s in enumerate(schedule, 1):
        p.row([(f"Termijn {k}", 20, "left"), (f"uiterlijk op {dshort(s['date'])}", 220, "left"),
               (eur(s["amount"], "nl"), p.width - 10, "right")], size=15)
    p.y += 10
    p.para(f"3. Betaling op rekening {std_iban.format(c['iban'])} (BIC {c['bic']}) met de gestructureerde mededeling "
           f"{CONFIG[case.name]['pay_ref'][case.invoices[0]['number']]}. Zolang de termijnen stipt worden betaald, "
           "rekent de schuldeiser geen bijkomende intresten aan.", gap=8)
    p.para("4. Wordt een termijn niet betaald binnen 15 dagen na een schriftelijke herinnering, dan wordt het "
           "volledige saldo onmiddellijk opeisbaar, vermeerderd met de verwijlintresten van artikel 5 van de "
           "algemene voorwaarden vanaf de vervaldag van de onbetaalde termijn.", gap=8)
    p.para(f"Opgemaakt in twee exemplaren te Antwerpen op {dlong(proposed, 'nl')}.", gap=22)
    ytop = p.y
    p.para("Voor de schuldeiser", style="cond-bold", gap=0)
    p.para(f"{c['signatory']['name']}, {c['signatory']['title'].lower()}", size=14, gap=0)
    p.d.text((p.margin + 420, ytop), "De klant", font=font("cond-bold", 16), fill=(25, 25, 25))
    p.d.text((p.margin + 420, ytop + 22), party_name(debtor), font=font("cond", 14), fill=(25, 25, 25))
    sig_c = signature(c["signatory"]["name"], width=300, height=110)
    p.img.paste(sig_c, (p.margin - 10, ytop + 50), sig_c)
    ink = (20, 60, 140)
    handwrite(p.img, (p.margin + 420, ytop + 52), "Gelezen en goedgekeurd", 28, "plan-gg", ink=ink)
    handwrite(p.img, (p.margin + 420, ytop + 92), f"{debtor['address']['city']}, {signed.day}/{signed.month}/{signed.year}",
              28, "plan-date", ink=ink)
    sig_d = signature("Els Vermeulen", width=300, height=110, ink=ink)
    p.img.paste(sig_d, (p.margin + 430, ytop + 128), sig_d)
    p.d.text((p.margin, 1287 - 50), "SPECIMEN – " + SPECIMEN_NL, font=font("cond", 11), fill=(150, 150, 150))
    img = scanned(p.img, seed=f"{case.name}-plan-scan", angle=0.7, margin=8, bg=(250, 250, 250), noise=5, blur=0.45)
    return grey_png_bytes(img, levels=8, dpi=110)


# --------------------------------------------------------------------------------------
# Postal details per case (not in the case file: office, hour, who signed the card)
# --------------------------------------------------------------------------------------
CONFIG["fr-b2b"]["postal"] = dict(
    office="NANTES RP", office_code="44000", hour="11:42", counter="Guichet 3 – opération n° 0427",
    content="Mise en demeure – dossier RICO-2024-017", level="R1", signer="Yann Le Goff",
    signer_label="Y. Le Goff – Président", signer_ink=(25, 25, 30), delivery_office="ST-NAZAIRE PPDC",
    delivery_code="44600")
CONFIG["fr-b2c"]["postal"] = dict(
    office="TOULOUSE ST-CYPRIEN", office_code="31300", hour="10:17", counter="Guichet 1 – opération n° 0193",
    content="Mise en demeure – factures FA-2025-0093 et FA-2025-0121", level="R1", signer="Camille Roussel",
    signer_label="C. Roussel", signer_ink=(25, 45, 120), delivery_office="TOULOUSE CAPITOLE", delivery_code="31000")
CONFIG["be-b2b"]["postal"] = dict(office="Namur 1", office_code="5000", hour="14:08", weight="20 g")
CONFIG["be-b2c"]["postal"] = dict(office="Antwerpen 3", office_code="2030", hour="15:36", weight="20 g")


# --------------------------------------------------------------------------------------
# Which renderer makes which file named by a case
# --------------------------------------------------------------------------------------
EXHIBITS: dict[tuple[str, str], Callable[[Case, dict], bytes]] = {
    ("fr-b2b", "pieces/cgv-menuiserie-ricordeau-2023.pdf"): render_cgv_fr_b2b,
    ("fr-b2b", "pieces/devis-D-2023-052-signe.pdf"): render_quote_fr_b2b,
    ("fr-b2c", "pieces/devis-D-2025-031-signe.pdf"): render_quote_fr_b2c,
    ("fr-b2c", "pieces/pv-reception-travaux-2025-04-10.pdf"): render_pv_reception,
    ("be-b2b", "pieces/contrat-cadre-CC-2024-11.pdf"): render_contract_be_b2b,
    ("be-b2c", "pieces/offerte-OF-2025-0144-ondertekend.pdf"): render_offer_be_b2c,
}
REMINDER_EMAILS = {"fr-b2b": eml_fr_b2b_reminder, "fr-b2c": eml_fr_b2c_reminder,
                   "be-b2b": eml_be_b2b_reminder, "be-b2c": eml_be_b2c_reminder}
REMINDER_LETTERS = {"fr-b2b": letter_fr_b2b_reminder, "be-b2c": letter_be_b2c_first_reminder}


def proof_builder(case: Case, event: dict) -> Callable[[], bytes] | None:
    kind, channel, ext = event["type"], event.get("channel"), event["proof"].rsplit(".", 1)[-1].lower()
    if kind == "reminder_sent" and ext == "eml" and case.name in REMINDER_EMAILS:
        return lambda: REMINDER_EMAILS[case.name](case, event)
    if kind == "reminder_sent" and ext == "pdf" and case.name in REMINDER_LETTERS:
        return lambda: REMINDER_LETTERS[case.name](case, event)
    if kind == "formal_notice_sent" and channel == "registered_letter" and ext == "pdf":
        render = render_laposte_receipt if case.country == "FR" else render_bpost_receipt
        return lambda: render(case, event)
    if kind == "formal_notice_received" and ext in ("jpg", "png") and case.country == "FR":
        return lambda: render_ar_scan(case, event, ext)
    if kind == "payment_plan_signed" and ext == "png" and case.name == "be-b2c":
        return lambda: render_signed_plan_scan(case, event)
    return None


def builders(case: Case) -> tuple[dict[str, Callable[[], bytes]], list[str]]:
    """Every file the case names, with the function that renders it; and the names
    no renderer knows (a problem: the example would point at a missing file)."""
    out: dict[str, Callable[[], bytes]] = {}
    unknown: list[str] = []
    for inv in case.invoices:
        if inv.get("file"):
            out[inv["file"]] = (lambda inv=inv: render_invoice(case, inv))
    for event in case.data.get("events", []):
        if event.get("proof"):
            build = proof_builder(case, event)
            (out.__setitem__(event["proof"], build) if build else unknown.append(event["proof"]))
    for exhibit in case.data.get("exhibits", []):
        rel = exhibit["file"]
        credit = next((cn for cn in case.data.get("credit_notes", []) if Path(rel).stem == cn["number"]), None)
        if credit:
            out[rel] = (lambda cn=credit: render_credit_note(case, cn))
        elif (case.name, rel) in EXHIBITS:
            out[rel] = (lambda ex=exhibit, f=EXHIBITS[(case.name, rel)]: f(case, ex))
        else:
            unknown.append(rel)
    return out, unknown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the example pieces and proofs from examples/*/case.yaml.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if regenerating would change (or create) any file")
    parser.add_argument("--only", action="append", choices=CASE_NAMES, help="one case (repeatable)")
    parser.add_argument("--list", action="store_true", help="print every file with its size")
    args = parser.parse_args(argv)
    problems: list[str] = []
    differ: list[Path] = []
    for name in args.only or CASE_NAMES:
        case = Case.load(name)
        problems += check_identifiers(case)
        produced, unknown = builders(case)
        problems += [f"{name}: no renderer for {rel} (named in case.yaml)" for rel in unknown]
        for rel, build in sorted(produced.items()):
            data = build()
            path = case.directory / rel
            if len(data) > MAX_BYTES:
                problems.append(f"{name}/{rel}: {len(data)} bytes, over the {MAX_BYTES} bytes budget")
            same = path.is_file() and path.read_bytes() == data
            if not same:
                differ.append(path)
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
            if args.list or not same:
                state = "ok" if same else ("DIFFERS" if args.check else "written")
                print(f"{state:8} {len(data):7d}  examples/{name}/{rel}")
        for folder in ("pieces", "proofs"):
            for path in sorted((case.directory / folder).glob("*")) if (case.directory / folder).is_dir() else []:
                if path.relative_to(case.directory).as_posix() not in produced:
                    print(f"note     {'':7}  examples/{name}/{path.relative_to(case.directory).as_posix()} "
                          f"is not named by case.yaml (left alone)")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 2
    if args.check and differ:
        print(f"{len(differ)} file(s) would change: run python scripts/make_examples.py", file=sys.stderr)
        return 1
    if not differ:
        print("all example files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
