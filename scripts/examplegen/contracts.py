"""Quotes (devis / offerte), general terms, the be-b2b framework contract and the fr-b2c
works acceptance report (PV de réception). The figures of the law these texts quote come from
``legal``, as in force on the document's date.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PIL import Image, ImageChops

from .common import (
    BRUSSELS, NBSP, NNBSP, PARIS, SPECIMEN, SPECIMEN_NL, Case, address_lines, dlong, dshort, esc, eur,
    fmt_bce, fmt_vat, money, num, party_full_name, party_name, pct, registration_text)
from .config import CONFIG
from .imaging import data_uri, font, handwrite, rubber_stamp, signature
from .invoices import labels, legal_footer, priced_lines, seller_block, vat_totals, window_block
from .legal import b2b_terms, be_b2c_reminder_terms, lump_sum_scale_nl
from .pdf import BASE_CSS, LETTER_CSS, at, box, render_pdf


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


def cgv_fr_b2b(day: date) -> list[tuple[str, str]]:
    """General terms of sale of fr-b2b; the figures of the law as in force on ``day``."""
    law = b2b_terms("FR", day)
    return [
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
         f"récente, majoré de {law.margin_words} ({law.margin}) points de pourcentage</b>. "
         "Pour le premier semestre de l'année concernée, "
         "le taux applicable est celui en vigueur au 1er janvier ; pour le second, celui en vigueur au 1er "
         "juillet.\n\nTout professionnel en situation de retard de paiement est en outre de plein droit "
         "débiteur, à l'égard du Prestataire, d'une <b>indemnité forfaitaire pour frais de recouvrement de "
         f"{law.indemnity_words} euros ({law.indemnity} €)</b> par facture "
         "(articles L441-10 II et D441-5 du Code de commerce). Lorsque les "
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
        f"Menuiserie Ricordeau SARL – clients professionnels – version du {dlong(exhibit['date'])}", cgv_fr_b2b(exhibit["date"]))
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
    issued = date(2023, 10, 9)
    law = b2b_terms("FR", issued)
    return render_quote(
        case, number="D-2023-052", issued=issued, signed=exhibit["date"],
        invoice_numbers=["F-2023-118", "F-2024-007", "F-2024-031"],
        lot_titles=["Lot 1 – Comptoir de bar", "Lot 2 – Banquettes et mobilier",
                    "Lot 3 – Office et finitions"],
        conditions=[
            f"<b>Conditions{NNBSP}:</b> facturation à l'achèvement de chaque lot{NNBSP}; paiement par virement à "
            f"30 jours date de facture, sans escompte. Pénalités de retard au taux BCE majoré de {law.margin} points et "
            f"indemnité forfaitaire de {law.indemnity}{NBSP}€ par facture (C. com. L441-10 et D441-5). Les conditions "
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


def contract_be_b2b(day: date) -> list[tuple[str, str]]:
    """Articles of the be-b2b framework contract; the figures of the law as in force on ``day``."""
    law = b2b_terms("BE", day)
    return [
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
         f"demeure <b>un intérêt au taux directeur de la Banque centrale européenne majoré de {law.margin_words} points et "
         "arrondi au demi-point supérieur</b> (article 5 de la loi), tel que publié semestriellement au "
         "Moniteur belge. Le Client est en outre redevable de plein droit d'une <b>indemnité forfaitaire de "
         f"{law.indemnity} euros</b> par facture (article 6), sans préjudice d'une indemnisation raisonnable des autres frais "
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
    arts = "".join(f"<h2>{esc(h)}</h2>" + "".join(f"<p>{p}</p>" for p in t.split("\n\n")) for h, t in contract_be_b2b(signed))
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


def av_be_b2c(case: Case, day: date) -> list[tuple[str, str]]:
    """General terms of be-b2c: Book XIX period and XIX.4 scale as in force on ``day``;
    the interest rate is the contract's (case.yaml)."""
    law = be_b2c_reminder_terms(day)
    rate = pct(case.contract["late_interest"]["rate_percent"]).replace(NBSP, " ")
    return [
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
         f"Betaalt de klant niet binnen een termijn van {law.days} kalenderdagen, "
         f"die ingaat op de {law.start_ordinal} werkdag na "
         "verzending van die herinnering op papier of op de dag na verzending langs elektronische weg, dan is "
         f"hij van rechtswege verschuldigd: (a) verwijlintrest van {rate} per jaar op het openstaande bedrag, vanaf "
         f"de dag na het verstrijken van die termijn; (b) een forfaitaire schadevergoeding {lump_sum_scale_nl(day)} "
         "(art. XIX.4 WER). Er worden geen andere kosten aangerekend."),
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
    rate = pct(case.contract["late_interest"]["rate_percent"]).replace(NBSP, " ")   # the contract's, not the law's
    av = "".join(f"<h2>{esc(h)}</h2><p>{esc(t).replace(' %', NBSP + '%').replace('€ ', '€' + NBSP)}</p>"
                 for h, t in av_be_b2c(case, exhibit["date"]))
    extra = (f'<div class="newpage"><h1>ALGEMENE VOORWAARDEN</h1><div class="sub">Zonwering Scheldeland BV – '
             f'consumenten – versie januari 2025 – deel van offerte OF-2025-0144</div><div class="cols">{av}</div></div>')
    return render_quote(
        case, number="OF-2025-0144", issued=date(2025, 4, 24), signed=exhibit["date"],
        invoice_numbers=["2025-0318"], lot_titles=["Tiensestraat 58, 3000 Leuven – terras achtergevel"],
        conditions=[
            "<b>Voorwaarden:</b> betaling binnen 14 dagen na de factuurdatum. Plaatsing voorzien in juni 2025. "
            f"Bij laattijdige betaling: verwijlintrest van {rate} per jaar en forfaitaire schadevergoeding volgens "
            "artikel 5 van de algemene voorwaarden op de volgende bladzijde, na een kosteloze eerste "
            "herinnering.".replace(" %", f"{NBSP}%"),
            "<b>Btw-attest (6 %):</b> de klant verklaart dat de woning Tiensestraat 58 te 3000 Leuven "
            "hoofdzakelijk als privéwoning wordt gebruikt en meer dan 10 jaar geleden voor het eerst in "
            "gebruik werd genomen, en dat de werken aan een eindverbruiker worden gefactureerd.".replace(" %", f"{NBSP}%"),
        ],
        signer="Els Vermeulen", signer_ink=(20, 60, 140), validity="24/05/2025", extra_html=extra)

