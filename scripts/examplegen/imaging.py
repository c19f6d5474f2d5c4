"""Pillow helpers: DejaVu fonts, seeded signatures and handwriting, rubber stamps and
postmarks, an ITF barcode, the scan effect and the PNG/JPEG encoders. Every random stroke comes
from ``random.Random(<fixed text seed>)``.
"""
from __future__ import annotations

import base64
import io
import math
import random
from datetime import date
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont


# Pillow helpers: fonts, signatures, handwriting, stamps, barcodes, scans
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

