"""Scanned paper: the signed avis de réception (JPEG/PNG) and the signed be-b2c payment
plan, whose figures are docgen's own statement of the case on the signing day."""
from __future__ import annotations

import sys
from decimal import Decimal

from PIL import Image, ImageDraw
from stdnum import iban as std_iban

from .common import (
    SPECIMEN_NL, Case, address_lines, dlong, dshort, eur, fmt_bce, fmt_tracking, money, party_full_name,
    party_name, pct)
from .config import CONFIG
from .imaging import barcode_image, font, grey_png_bytes, handwrite, jpeg_bytes, postmark, scanned, signature
from .legal import plan_figures
from .receipts import sender_of


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
    figures = plan_figures(case, signed)
    principal, interest, lump, total_principal = (figures.principal, figures.interest, figures.lump_sum,
                                                  figures.total_principal)
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

