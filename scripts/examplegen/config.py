"""What a document shows beyond the case file: invoice line detail, tag lines, colours,
payment references, the mentions printed under each invoice, and the postal details of the
receipts (office, hour, who signed the card). Lines must add up to the invoice ``amount`` of
case.yaml, or the invoice falls back to one line computed from that amount.
"""
from __future__ import annotations

from .common import NBSP, NNBSP, Case, dshort, ogm, pct
from .legal import b2b_terms, be_b2c_reminder_terms


# Per-case presentation data: what an invoice shows beyond the case file (line detail,
# tag line, colours). Lines are (text, quantity, unit, unit price excl. VAT[, detail]);
# they must add up to the invoice `amount` of case.yaml, or the invoice falls back to
# one line computed from that amount.
def mentions_fr_b2b(case: Case, inv: dict) -> list[str]:
    terms = case.contract.get("payment_terms_days", 30)
    law = b2b_terms("FR", inv["issue_date"])
    return [
        f"<b>Conditions de paiement{NNBSP}:</b> à {terms} jours date de facture, soit au plus tard le "
        f"{dshort(inv['due_date'])}, par virement. Pas d'escompte pour paiement anticipé.",
        f"<b>Pénalités de retard{NNBSP}:</b> tout retard de paiement rend exigibles de plein droit, dès le "
        f"lendemain de la date d'échéance et sans qu'un rappel soit nécessaire, des pénalités au taux "
        f"d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus "
        f"récente, majoré de {law.margin} points (C. com. art. L441-10), ainsi qu'une <b>indemnité forfaitaire pour "
        f"frais de recouvrement de {law.indemnity}{NBSP}€</b> (art. D441-5), sans préjudice d'une indemnisation "
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
    law = b2b_terms("BE", inv["issue_date"])
    return [
        f"<b>Conditions de paiement{NNBSP}:</b> 30 jours calendrier à compter de la date de facture, soit "
        f"au plus tard le {dshort(inv['due_date'])} (contrat-cadre CC-2024-11, art. 6).",
        "<b>Retard de paiement :</b> toute somme impayée à l'échéance porte de plein droit et sans mise en "
        "demeure un intérêt au taux prévu par l'article 5 de la loi du 2 août 2002 concernant la lutte "
        "contre le retard de paiement dans les transactions commerciales, et donne lieu à une "
        f"<b>indemnité forfaitaire de {law.indemnity} €</b> pour frais de recouvrement (art. 6), sans préjudice d'une "
        "indemnisation raisonnable des autres frais de recouvrement.".replace(" : ", f"{NNBSP}: ").replace(" €", f"{NBSP}€"),
        "Toute réclamation doit être adressée par écrit dans les 8 jours de la réception de la facture. "
        "Tribunal compétent : tribunal de l'entreprise de Liège, division Namur.".replace(" : ", f"{NNBSP}: "),
    ]


def mentions_be_b2c(case: Case, inv: dict) -> list[str]:
    law = be_b2c_reminder_terms(inv["issue_date"])
    rate = pct(case.contract["late_interest"]["rate_percent"]).replace(NBSP, " ")
    return [
        f"<b>Betaling:</b> binnen {case.contract['payment_terms_days']} kalenderdagen na de factuurdatum, "
        f"uiterlijk op {dshort(inv['due_date'])}, "
        f"met vermelding van de gestructureerde mededeling.",
        "<b>Laattijdige betaling:</b> bij niet-betaling op de vervaldag ontvangt u eerst een kosteloze "
        f"herinnering. Betaalt u niet binnen {law.days} kalenderdagen na die herinnering (termijn die ingaat op de "
        f"{law.start_ordinal} werkdag na verzending), dan zijn van rechtswege verschuldigd: verwijlintresten van {rate} per "
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

