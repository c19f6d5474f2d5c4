"""The commented starter case file written by ``docgen init``.

Values are placeholders with valid check digits, so the file validates as soon as it is
written and a paralegal replaces them one by one, re-running ``docgen validate``.
"""
from __future__ import annotations
from .errors import DocgenError

_PARTIES = {
    "FR": {
        "creditor": """\
creditor:
  kind: company                      # company | sole_trader | person
  name: "Votre Société"              # REPLACE: company name
  legal_form: "SARL"                 # with share_capital: mandatory business mentions in France
  share_capital: "10000.00"
  registration: {scheme: SIREN, number: "732829320"}   # SIREN | SIRET | RCS
  vat_number: "FR44732829320"
  address: {street: "12 rue des Lilas", postcode: "69003", city: "Lyon", country: FR}
  email: "compta@votre-societe.example"
  iban: "FR7630006000011234567890189"
  signatory: {name: "Prénom Nom", title: "Gérant"}
  # represented_by: {kind: lawyer, name: "Maître Prénom Nom", bar: "Barreau de Lyon", address: {...}}
  # A creditor who is a person or a sole trader (EI) states, for a requête (CPC 54 3° a):
  # birth_date: 1980-01-31, birth_place: "Lyon", nationality: "française", profession: "..."
""",
        "B2B": """\
debtor:
  kind: company
  name: "Client Débiteur"            # REPLACE
  legal_form: "SAS"
  registration: {scheme: SIREN, number: "552100554"}
  address: {street: "5 avenue Foch", postcode: "69006", city: "Lyon", country: FR}
  email: "comptabilite@client.example"
""",
        "B2C": """\
debtor:
  kind: person                       # a consumer
  civility: "Mme"                    # M. | Mme
  first_name: "Prénom"               # REPLACE
  last_name: "Nom"
  address: {street: "5 avenue Foch", postcode: "69006", city: "Lyon", country: FR}
  email: "prenom.nom@mail.example"
""",
    },
    "BE": {
        "creditor": """\
creditor:
  kind: company
  name: "Votre Société"              # REPLACE: company name (denomination)
  legal_form: "SRL"
  registration: {scheme: BCE, number: "0417497106"}   # enterprise number (BCE / KBO)
  vat_number: "BE0417497106"
  address: {street: "Rue de la Loi 16", postcode: "1000", city: "Bruxelles", country: BE}
  email: "compta@votre-societe.example"
  phone: "+32 2 000 00 00"
  iban: "BE71096123456769"
  signatory: {name: "Prénom Nom", title: "Gérant"}
""",
        "B2B": """\
debtor:
  kind: company
  name: "Client Débiteur"            # REPLACE
  legal_form: "SA"
  registration: {scheme: BCE, number: "0202239951"}
  address: {street: "Avenue Louise 54", postcode: "1050", city: "Bruxelles", country: BE}
  email: "comptabilite@client.example"
""",
        "B2C": """\
debtor:
  kind: person                       # a consumer (Book XIX of the CDE applies)
  civility: "{civility}"
  first_name: "{first}"              # REPLACE
  last_name: "{last}"
  address: {{street: "{street}", postcode: "{postcode}", city: "{city}", country: BE}}
  email: "voornaam.naam@mail.example"
""",
    },
}

_BE_B2C = {
    "fr": dict(civility="Mme", first="Prénom", last="Nom", street="Rue Neuve 1", postcode="1000", city="Bruxelles"),
    "nl": dict(civility="Mevr.", first="Voornaam", last="Naam", street="Meir 1", postcode="2000", city="Antwerpen"),
}


def starter_case(jurisdiction: str, relationship: str, language: str) -> str:
    if language == "nl" and jurisdiction != "BE":
        raise DocgenError("documents in Dutch (--language nl) exist only for Belgian cases (--jurisdiction BE)")
    parties = _PARTIES[jurisdiction]
    debtor = parties[relationship]
    if jurisdiction == "BE" and relationship == "B2C":
        debtor = debtor.format(**_BE_B2C[language])
    consumer = relationship == "B2C"
    if consumer and jurisdiction == "BE":
        interest = ('  late_interest: {basis: statutory}  # or contractual with rate_percent, '
                    'capped at the 2 Aug 2002 law rate\n  lump_sum_clause: false          '
                    '# true only if the contract provides the Book XIX lump sum\n')
    elif consumer:
        interest = "  late_interest: {basis: statutory}  # legal rate from the formal notice\n"
    else:
        interest = ("  late_interest: {basis: statutory}  # statutory | none | contractual "
                    '(then rate_percent: "12.00")\n')
    insolvency_kind = "liquidation_judiciaire" if jurisdiction == "FR" else "faillite"
    insolvency_deadline = ("publication_date: 2026-10-05" if jurisdiction == "FR"
                           else "claims_deadline: 2026-10-28")
    insolvency_role = "liquidateur" if jurisdiction == "FR" else "curateur"
    return f"""\
# docgen case file (format version 1). Fill in, then run: docgen validate <this file>
# Dates are YYYY-MM-DD; amounts are quoted decimal strings ("1800.00"); file paths are
# relative to this file's folder. Unknown keys are errors, so a typo never goes unnoticed.
schema_version: 1
reference: "REC-0001"                # your own file reference
jurisdiction: {jurisdiction}                     # FR | BE
language: {language}                         # fr | nl (nl only with BE)
relationship: {relationship}                    # B2B | B2C (B2C: the debtor is a consumer)
currency: EUR

{parties["creditor"]}
{debtor}
contract:
  reference: "Devis n° D-0001 accepté le 10 janvier 2026"   # what the claim rests on
  date: 2026-01-10
  general_terms_accepted: true
  payment_terms_days: 30
{interest}
invoices:
  - number: "F-0001"
    issue_date: 2026-02-01
    due_date: 2026-03-03
    amount: "1200.00"                # total including tax
    description: "Prestation"
    # file: "pieces/F-0001.pdf"      # the invoice as a PDF, expected for a dossier

credit_notes: []                     # e.g. {{number: "AV-1", date: 2026-03-15, amount: "100.00", invoice: "F-0001"}}
payments: []                         # e.g. {{date: 2026-04-10, amount: "500.00", method: transfer, invoice: "F-0001"}}
events: []                           # e.g. {{type: reminder_sent, date: 2026-03-10, channel: email, proof: "proofs/relance.eml"}}
exhibits: []                         # e.g. {{title: "Conditions générales", file: "pieces/cgv.pdf", date: 2025-09-01}}

# What docgen cannot infer, stated here (a stated value wins, and the review file says so):
# procedure:
#   kind: injunction                   # injunction | undisputed_b2b
#   court: {{name: "Tribunal de commerce de Lyon", address: {{street: "...", postcode: "69003", city: "Lyon", country: FR}}}}
#   prior_attempt: {{kind: conciliation, date: 2026-05-02, ground: "constat d'échec du conciliateur"}}   # FR, CPC 750-1
#   sommation: {{date: 2026-09-25, channel: registered_letter, tracking_number: "RR...", proof: "proofs/sommation.pdf"}}  # BE, C. jud. 1339
#   bailiff: {{kind: bailiff, name: "Maître ...", address: {{street: "...", postcode: "...", city: "...", country: FR}}}}  # the commissaire de justice / huissier of a route without a judge (requete_petites_creances, requete_l126, instruction_huissier)
# If the debtor is in collective proceedings, docgen refuses reminders, notices and court steps and
# proposes the declaration of the claim instead (docs/case-file.md, « insolvency »):
# insolvency: {{kind: {insolvency_kind}, court: "...", judgment_date: 2026-09-30,
#              {insolvency_deadline}, administrator: {{role: {insolvency_role}, name: "..."}}}}
# or, for a company struck off the register: insolvency: {{struck_off: true}}
"""
