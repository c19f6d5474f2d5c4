"""Postal deposit receipts for registered letters: La Poste (France) and bpost (Belgium)."""
from __future__ import annotations

from .common import BRUSSELS, SPECIMEN, SPECIMEN_NL, Case, address_lines, dshort, esc, fmt_tracking
from .config import CONFIG
from .imaging import barcode_svg, data_uri, postmark
from .pdf import at, box, render_pdf


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

