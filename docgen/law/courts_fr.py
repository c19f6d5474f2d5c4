"""France: the judge of the injonction de payer (CPC 1406) for the debtor's seat or domicile.

Subject matter: the president of the tribunal de commerce when the claim is against a merchant in
B2B (C. com. L721-3) — of the tribunal des activités économiques where its seat is one of the
pilot courts during the experiment (loi n° 2023-1059 art. 26), of the chambre commerciale of the
tribunal judiciaire in Alsace-Moselle (C. com. L731-1) — else the president of the tribunal
judiciaire (COJ L211-3). The juge des contentieux de la protection (consumer credit, residential
lease; COJ L213-4-1 ss.) is not inferred: the case file names no such contract, so it is reached
by stating the court. Territory: the court of the place where the debtor lives or has its seat
(CPC 42, 43, 1406), looked up by postcode and commune name in docgen/data/courts.
"""
from __future__ import annotations

from datetime import date

from ..model.case import Case
from .capacity import fr_is_merchant
from .courts_base import NAME, Court, debtor_place, needs_court
from .courts_data import fr_cerfa, fr_courts, fr_postcode_departments, fr_ressorts, fr_tae
from .decision import Decision
from .places import place_key

BASIS_COMMERCE = "CPC 1406, 42 et 43 ; C. com. L721-3 : président du tribunal de commerce du siège du débiteur"
BASIS_TAE = ("CPC 1406, 42 et 43 ; C. com. L721-3 ; loi n° 2023-1059 art. 26 : président du tribunal des "
             "activités économiques du siège du débiteur (expérimentation 2025-2028)")
BASIS_ALSACE = ("CPC 1406, 42 et 43 ; C. com. L731-1 : en Alsace-Moselle, chambre commerciale du tribunal "
                "judiciaire du siège du débiteur")
BASIS_JUDICIAIRE = "CPC 1406, 42 et 43 ; COJ L211-3 : président du tribunal judiciaire du domicile ou siège du débiteur"
_NAMES = {"commerce": "Tribunal de commerce", "tae": "Tribunal des activités économiques",
          "judiciaire": "Tribunal judiciaire"}


def decide_fr(case: Case, as_of: date) -> Decision:
    commercial = case.relationship == "B2B" and fr_is_merchant(case.debtor)
    inputs = {"relationship": case.relationship, "debtor_kind": case.debtor.kind,
              "debtor_is_merchant": "yes" if fr_is_merchant(case.debtor) else "no",
              "as_of": as_of.isoformat()}
    basis = BASIS_COMMERCE if commercial else BASIS_JUDICIAIRE
    place = debtor_place(case)
    if place is None:
        return needs_court(basis, inputs, "the debtor's address is missing: state the court in procedure.court")
    country, postcode, city = place
    inputs.update(debtor_postcode=postcode, debtor_commune=city)
    if country != "FR":
        return needs_court(basis, inputs, "the debtor lives outside France: docgen does not decide the court")
    tj, tc, how = lookup(postcode, city)
    court_id = tc if commercial else tj
    if not court_id:
        what = "tribunal de commerce" if commercial else "tribunal judiciaire"
        return needs_court(basis, inputs, f"docgen's court table does not place « {postcode} {city} » in the ressort "
                                          f"of a {what}: state the court in procedure.court")
    return _decision(court_id, commercial, as_of, basis, inputs, how)


def lookup(postcode: str, city: str) -> tuple[str, str, str]:
    """(tribunal judiciaire id, commercial court id, how it was placed) for an address; "" where the
    table does not decide. A commune entry (postcode + name) wins over its department's rule."""
    key = place_key(city)
    ressorts = fr_ressorts()
    entry = ressorts["communes"].get(f"{postcode} {key}")
    dept = fr_postcode_departments().get(postcode)
    if dept is None:
        dept = ressorts["cross_department_postcodes"].get(postcode, {}).get(key)
        if dept is None:
            return "", "", ""
    rule = ressorts["departments"].get(dept, {})
    tj = rule.get("tj") or (entry[0] if entry else "")
    tc = rule.get("tc") or (entry[1] if entry else "")
    how = f"département {dept}" if rule else ""
    if entry and entry[2]:
        how = f"commune named by the canton « {entry[2]} »" if not entry[2].startswith("siège") else "seat of the court"
    return tj, tc, how


def _decision(court_id: str, commercial: bool, as_of: date, basis: str, inputs: dict, how: str) -> Decision:
    table = fr_courts()
    entry = table["courts"][court_id]
    seat, division = entry["seat"], entry.get("division", "")
    source = table["sources"][entry["source"]]
    unconfirmed = bool(entry.get("unconfirmed"))
    notes = [entry["note"]] if entry.get("note") else []
    kind = entry["kind"]
    if division:                                 # Alsace-Moselle: chambre commerciale of the TJ
        basis = BASIS_ALSACE
    elif commercial and _in_tae(court_id, as_of):
        tae = fr_tae()
        kind, basis = "tae", BASIS_TAE
        source = f"{source}; {tae['reference']} ({tae['source']})"
        unconfirmed = unconfirmed or tae["unconfirmed"]
        if tae["unconfirmed"]:
            notes.append("the list of pilot courts is unconfirmed")
    cerfa, _ = cerfa_for("" if division else kind)
    court = Court(kind=kind, name=f"{_NAMES[kind]} {of(seat)}", division=division, city=seat,
                  source=f"{source}; placed by {how}" if how else source, cerfa=cerfa)
    inputs = {**inputs, "court_table_entry": court_id}
    return Decision(NAME, court, basis, "unconfirmed" if unconfirmed else "decided", inputs,
                    source=court.source, message="; ".join(notes))


def _in_tae(court_id: str, as_of: date) -> bool:
    tae = fr_tae()
    return court_id in tae["seats"] and tae["from"] <= as_of <= tae["until"]


def cerfa_for(kind: str) -> tuple[str, str]:
    """(form number, source) for a court kind; ("", "") when no form is known."""
    form = fr_cerfa().get(kind)
    return (form["number"], form["source"]) if form else ("", "")


def of(name: str) -> str:
    """« de Nantes », « d'Avignon », « du Havre », « des Sables-d'Olonne »."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[:1].lower() in "aeiouyéèêàâîïôû" else "de ") + name
