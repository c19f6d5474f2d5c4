"""Belgian documents (templates/be): every mandatory item of the legal reference's checklists
§12.6 (first reminder to a consumer, CDE XIX.2), §12.7 (formal notice by a collector, lawyer or
bailiff, CDE XIX.7 § 2), §12.8 (interruptive formal notice, old C. civ. 2244 § 2) and §12.9
(summons before the injunction request, C. jud. 1339), plus the recommended items of §12.10
(B2B reminder) and the request, payment plan, exhibit list and statement, in French and in Dutch.

The texts are read back from the PDF with pdftotext (an independent reader), whitespace folded.
The example cases are fictional (examples/be-b2b in French, examples/be-b2c in Dutch); the other
language, the representatives and the other variants are copies made here. Renders are cached
for the module so that each document is laid out once.

No document carries a review note: what used to be a boxed notice or a « à vérifier » footnote is a
finding of docgen.law.document_checks_be (tested in tests/law/test_document_checks_be.py); here each
such test checks that the finding is raised and that the note is absent from the PDF. The documents
are rendered with force=True (the findings would refuse most of them).
"""
from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from docgen.law.document_checks import document_findings
from docgen.law.parameters import parameter
from docgen.law.statement import compute_statement
from docgen.model.case import Address, Event, PaymentPlan, Procedure, Registration, Representative, Sommation, StatedCourt
from docgen.model.reading import read_case_file
from docgen.model.validate import validate_data
from docgen.render.draft import DRAFT_WORD
from docgen.render.engine import render, render_html

AS_OF = date(2026, 10, 15)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LANGS = ("fr", "nl")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


def _load(name: str):
    path = EXAMPLES / name / "case.yaml"
    case = validate_data(read_case_file(path), as_of=AS_OF, base_dir=path.parent).case
    if case is None:    # the example's pieces are not generated yet: skip the file checks
        case = validate_data(read_case_file(path), as_of=AS_OF, base_dir=None).case
    assert case is not None, f"{path} does not validate"
    return case


BASE = {"b2b": _load("be-b2b"), "b2c": _load("be-b2c")}

REPS = {
    "lawyer": Representative(
        kind="lawyer", name="Maître Anne Lambert", firm="Lambert & Associés", bar="Barreau de Namur",
        registration=Registration(scheme="BCE", number="0456789034"),
        address=Address(street="Rue Godefroid 5", postcode="5000", city="Namur", country="BE"),
        email="secretariat@lambert-avocats.example", phone="+32 81 22 33 44"),
    "agency": Representative(
        kind="agency", name="Incasso Vlaanderen",
        registration=Registration(scheme="BCE", number="0123456749"),
        address=Address(street="Frankrijklei 10", postcode="2000", city="Antwerpen", country="BE"),
        email="dossiers@incasso-vlaanderen.example", phone="+32 3 111 22 33"),
    "bailiff": Representative(
        kind="bailiff", name="Jan Peeters", firm="Gerechtsdeurwaarderskantoor Peeters",
        registration=Registration(scheme="BCE", number="0876543298"),
        address=Address(street="Bondgenotenlaan 100", postcode="3000", city="Leuven", country="BE"),
        email="kantoor@peeters-gdw.example", phone="+32 16 00 11 22"),
}


@cache
def case_for(name: str, lang: str, rep: str = "", extra: str = ""):
    """A copy of an example case in ``lang``, optionally with a representative and changes (joined by +):
    plan (a 4-month plan), abroad (debtor in France), recent (first reminder sent 3 days ago),
    unreminded (no reminder at all), big (over the justice of the peace's cap), sommation (a summons
    stated in procedure.sommation on 25 Sept 2026: the request is within its filing period),
    nophone (the creditor states no phone nor e-mail), noregistration (nor an enterprise number)."""
    base = BASE[name]
    update: dict = {"language": lang}
    if rep:
        update["creditor"] = base.creditor.model_copy(update={"represented_by": REPS[rep]})
    for change in filter(None, extra.split("+")):
        if change == "plan":
            update["payment_plan"] = PaymentPlan(instalments=4, first_date=date(2026, 11, 5), every="month")
        elif change == "abroad":
            update["debtor"] = base.debtor.model_copy(update={"address": Address(
                street="Rue de Rivoli 10", postcode="75001", city="Paris", country="FR")})
        elif change == "recent":
            update["events"] = (Event(type="reminder_sent", date=date(2026, 10, 12), channel="letter"),)
        elif change == "unreminded":
            update["events"] = ()
        elif change == "sommation":
            update["procedure"] = Procedure(kind="injunction", sommation=Sommation(
                date=date(2026, 9, 25), channel="registered_letter", tracking_number="RR999888777BE"))
        elif change == "nophone":
            creditor = update.get("creditor", base.creditor)
            update["creditor"] = creditor.model_copy(update={"phone": None, "email": None})
        elif change == "noregistration":
            update["creditor"] = update.get("creditor", base.creditor).model_copy(update={"registration": None})
        elif change == "big":
            first = base.invoices[0].model_copy(update={"amount": base.invoices[0].amount * 3})
            update["invoices"] = (first,) + tuple(base.invoices[1:])
    copy = base.model_copy(update=update)
    copy._source_dir = base._source_dir
    return copy


def stated(case, options: dict):
    """``court=...`` in the options: the court stated in the case file (procedure.court), as a user
    would state the justice of the peace's canton, which docgen's data cannot decide."""
    options = dict(options)
    court = options.pop("court", "")
    if court:
        procedure = case.procedure or Procedure(kind="injunction")
        copy = case.model_copy(update={"procedure": procedure.model_copy(update={"court": StatedCourt(name=court)})})
        copy._source_dir = case._source_dir
        case = copy
    return case, options


def _key(options: dict) -> tuple:
    return tuple(sorted(options.items()))


@cache
def _render(name: str, lang: str, doc: str, rep: str, extra: str, opts: tuple, fmt: str) -> bytes:
    case, options = stated(case_for(name, lang, rep, extra), dict(opts))
    return render(case, doc, AS_OF, fmt, force=True, accept_unconfirmed=True, options=options)


def pdf(name, lang, doc, rep="", extra="", **options) -> bytes:
    return _render(name, lang, doc, rep, extra, _key(options), "pdf")


def html(name, lang, doc, rep="", extra="", **options) -> str:
    return _render(name, lang, doc, rep, extra, _key(options), "html").decode("utf-8")


DRAFT_MARKS = set(DRAFT_WORD.values())


@cache
def _text(data: bytes, layout: bool = True) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + ["-enc", "UTF-8", "-", "-"]
    out = subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")
    # A draft's mark (the word across the page) is read as a line of its own wherever it crosses the
    # text: left out, so that a sentence it crosses reads whole.
    out = "\n".join(line for line in out.splitlines() if line.strip() not in DRAFT_MARKS)
    return " ".join(out.split())      # folds line breaks, layout spaces, no-break spaces


def text(name, lang, doc, rep="", extra="", **options) -> str:
    return _text(pdf(name, lang, doc, rep, extra, **options))


def cells(name, lang, doc, rep="", extra="", **options) -> str:
    """Reading order rather than layout: a table cell wrapped on two lines stays in one piece."""
    return _text(pdf(name, lang, doc, rep, extra, **options), layout=False)


def context(name, lang, doc, rep="", extra="", **options) -> dict:
    case, options = stated(case_for(name, lang, rep, extra), options)
    return render_html(case, doc, AS_OF, options=options)[1]


def findings(name, lang, doc, rep="", extra="", **options) -> dict[str, list]:
    """rule id -> the findings of that id, for the document as render would check it."""
    case, options = stated(case_for(name, lang, rep, extra), options)
    found, _ = document_findings(case, doc, AS_OF, compute_statement(case, AS_OF), options)
    out: dict[str, list] = {}
    for f in found:
        out.setdefault(f.rule_id, []).append(f)
    return out


# Review wording no document may carry (issue 10), and what a boxed note used to say.
REVIEW_WORDS = ("vérifier", "verifiëren", "na te kijken", "à compléter", "docgen", "--option", "TODO",
                "mention obligatoire", "verplichte vermelding", "non confirmé", "niet bevestigd")
# templates/base/macros.html.j2 (interest_table) still footnotes unconfirmed rates: the lead removes it
# with the rest of templates/base; these tests cover what templates/be print.
BASE_FOOTNOTES = ("* Taux publié non encore confirmé par les sources de docgen ; à vérifier avant envoi.",
                  "* Gepubliceerde rentevoet nog niet bevestigd door de bronnen van docgen; na te kijken vóór verzending.")


def review_words(out: str) -> list[str]:
    for note in BASE_FOOTNOTES:
        out = out.replace(fold(note), "")
    return [w for w in REVIEW_WORDS if w.lower() in out.lower()]


def fold(value: str) -> str:
    return " ".join(value.split())


def has(haystack: str, *needles: str) -> None:
    for needle in needles:
        assert fold(needle) in haystack, f"missing: {needle!r}"


T = {  # the same fact, in each language
    "fr": {"free": "Ce premier rappel est gratuit", "calendar": "14 jours calendrier",
           "on_request": "Sur simple demande, nous vous communiquerons sans délai les documents justificatifs",
           "window_last": "2 novembre 2026", "window_first": "20 octobre 2026", "claimable": "3 novembre 2026",
           "bce": "BCE", "deadline15": "30 octobre 2026", "recent_claimable": "29 octobre 2026",
           "registered_ar": "Lettre recommandée avec accusé de réception",
           "interruptive": "interrompt la prescription de la créance décrite ci-dessus et fait courir un nouveau "
                           "délai de prescription d'un an",
           "amicable": "recouvrement amiable de dettes", "not_summons": ("citation en justice", "acte de saisie"),
           "spf": ("Direction générale de l'Inspection économique", "Boulevard du Roi Albert II 16, 1000 Bruxelles"),
           "capacity": "créancier originaire", "unconfirmed15": "Délai minimal de 15 jours : non confirmé",
           "legal_action": "action en justice", "b2b_action": "vous citer devant le tribunal de l'entreprise",
           "to_verify": "Texte à vérifier", "fifteen": "dans le délai de quinze jours",
           "fifteen_days": "dans les quinze jours",
           "judge": "le juge de paix du premier canton de Leuven", "double": "double exemplaire",
           "counsel": "Pour le requérant, son conseil,", "no_lawyer": "la requête doit être signée par un avocat",
           "writing": "La créance est justifiée par un écrit émanant du débiteur",
           "cap_note": "montant non confirmé", "over_cap": "dépasse le plafond",
           "enterprise_court": "tribunal de l'entreprise", "peace_court": "juge de paix",
           "law2002": "loi du 2 août 2002", "day_after": "à compter du jour qui suit la date d'échéance",
           "no_notice": "sans mise en demeure", "extra_costs": "indemnisation raisonnable des autres frais de recouvrement",
           "acknowledge": "Le débiteur reconnaît devoir au créancier", "acceleration": "Déchéance du terme",
           "novation": "n'emporte pas novation", "xix4": "article XIX.4 du Code de droit économique",
           "two_originals": "en deux exemplaires originaux", "abroad": "ne vaut que pour un débiteur domicilié",
           "no_first_reminder": "Aucun premier rappel gratuit", "nothing_yet": "Aucune indemnité et aucun intérêt",
           "inventory": "Inventaire des pièces", "statement": "Décompte de la créance", "sommation": "Sommation de payer",
           "requete": "Requête en injonction de payer", "plan": "Plan d'apurement et reconnaissance de dette"},
    "nl": {"free": "Deze eerste herinnering is kosteloos", "calendar": "14 kalenderdagen",
           "on_request": "Op eenvoudig verzoek bezorgen wij u onverwijld de bewijsstukken",
           "window_last": "2 november 2026", "window_first": "20 oktober 2026", "claimable": "3 november 2026",
           "bce": "KBO", "deadline15": "30 oktober 2026", "recent_claimable": "29 oktober 2026",
           "registered_ar": "Aangetekende brief met ontvangstbewijs",
           "interruptive": "de verjaring van de hierboven beschreven schuldvordering en doet zij een nieuwe "
                           "verjaringstermijn van één jaar lopen",
           "amicable": "minnelijke invordering van schulden", "not_summons": ("dagvaarding", "akte van beslag"),
           "spf": ("Algemene Directie Economische Inspectie", "Koning Albert II-laan 16, 1000 Brussel"),
           "capacity": "oorspronkelijke schuldeiser", "unconfirmed15": "Minimumtermijn van 15 dagen: niet bevestigd",
           "legal_action": "rechtsvordering instellen", "b2b_action": "u dagvaarden voor de bevoegde ondernemingsrechtbank",
           "to_verify": "Te verifiëren tekst", "fifteen": "binnen vijftien dagen",
           "fifteen_days": "binnen vijftien dagen",
           "judge": "de vrederechter van het eerste kanton Leuven", "double": "in tweevoud",
           "counsel": "Voor de verzoeker, zijn raadsman,", "no_lawyer": "het verzoekschrift moet door een advocaat worden ondertekend",
           "writing": "De schuldvordering is gegrond op een geschrift dat van de schuldenaar uitgaat",
           "cap_note": "bedrag niet bevestigd", "over_cap": "overschrijdt het maximumbedrag",
           "enterprise_court": "ondernemingsrechtbank", "peace_court": "vrederechter",
           "law2002": "wet van 2 augustus 2002", "day_after": "vanaf de dag na de vervaldag",
           "no_notice": "zonder ingebrekestelling", "extra_costs": "redelijke schadeloosstelling voor alle andere gemaakte invorderingskosten",
           "acknowledge": "De schuldenaar erkent aan de schuldeiser", "acceleration": "Verval van de termijnbepaling",
           "novation": "houdt geen schuldvernieuwing in", "xix4": "artikel XIX.4 van het Wetboek van economisch recht",
           "two_originals": "in twee originele exemplaren", "abroad": "geldt enkel ten aanzien van een schuldenaar",
           "no_first_reminder": "Er is geen eerste kosteloze herinnering", "nothing_yet": "geen vergoeding en geen interesten",
           "inventory": "Inventaris van de stukken", "statement": "Afrekening van de schuldvordering",
           "sommation": "Aanmaning tot betaling", "requete": "Verzoekschrift tot betalingsbevel",
           "plan": "Afbetalingsplan en schuldbekentenis"},
}


# ---------------------------------------------------------------- §12.6 first reminder (CDE XIX.2)
# The example's history already holds the free first reminder (and a formal notice): the level
# follows the history, so the first reminder is rendered on a copy without any reminder.

FIRST = {"extra": "unreminded"}


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_follows_the_history(lang):
    assert context("b2c", lang, "relance", **FIRST)["level"] == 1
    assert "REMINDER-LEVEL" not in findings("b2c", lang, "relance", **FIRST)
    # The example already had its free first reminder: a second one is refused, never printed.
    assert "REMINDER-LEVEL" in findings("b2c", lang, "relance", level="1")


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_states_the_outstanding_amount(lang):
    ctx = context("b2c", lang, "relance", **FIRST)
    has(text("b2c", lang, "relance", **FIRST), ctx["st"]["outstanding_principal"])


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_states_the_indemnity_and_the_contractual_rate_that_will_be_claimed(lang):
    ctx = context("b2c", lang, "relance", **FIRST)
    assert ctx["lump_sum"] and ctx["be"]["rate"]["kind"] == "contractual"
    out = text("b2c", lang, "relance", **FIRST)
    has(out, ctx["lump_sum"], {"fr": "au taux conventionnel de 8,00 % l'an",
                               "nl": "tegen de contractuele rentevoet van 8,00 % per jaar"}[lang])
    assert "8,00 %*" not in out and "légal" not in out and "wettelijke rentevoet" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_names_the_creditor_and_its_enterprise_number(lang):
    has(text("b2c", lang, "relance", **FIRST), "Zonwering Scheldeland", T[lang]["bce"], "0765.339.007")


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_without_enterprise_number_is_a_finding_not_a_note(lang):
    found = findings("b2c", lang, "relance", extra="unreminded+noregistration")
    assert [f.path for f in found["BE-FIRST-REMINDER-ENTERPRISE-NUMBER"]] == ["creditor.registration"]
    assert review_words(text("b2c", lang, "relance", extra="unreminded+noregistration")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_gives_due_date_and_description(lang):
    has(text("b2c", lang, "relance", **FIRST), "26/06/2025", "Levering en plaatsing van een knikarmscherm",
        "03/07/2025")


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_prints_the_14_day_period_and_its_actual_last_day(lang):
    # Letter posted Thursday 15 Oct 2026: 3rd working day = Tuesday 20 Oct; 14 days -> Monday 2 Nov.
    assert context("b2c", lang, "relance", **FIRST)["window"]["days"] == str(
        parameter("be.b2c_reminder_period_days").at(AS_OF).value)
    has(text("b2c", lang, "relance", **FIRST), T[lang]["calendar"], T[lang]["window_first"], T[lang]["window_last"],
        T[lang]["claimable"])


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_by_email_starts_the_next_day(lang):
    # E-mailed on Thursday 15 Oct 2026: the period runs 16-29 Oct, claimable from 30 Oct.
    ctx = context("b2c", lang, "relance", channel="email", **FIRST)
    assert (ctx["window"]["first"], ctx["window"]["last"]) == {"fr": ("16 octobre 2026", "29 octobre 2026"),
                                                               "nl": ("16 oktober 2026", "29 oktober 2026")}[lang]
    has(text("b2c", lang, "relance", channel="email", **FIRST), ctx["window"]["first"], ctx["window"]["last"],
        {"fr": "Par courriel", "nl": "Per e-mail"}[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_is_free_of_charge(lang):
    has(text("b2c", lang, "relance", **FIRST), T[lang]["free"])


@pytest.mark.parametrize("lang", LANGS)
def test_first_reminder_offers_the_supporting_documents(lang):
    has(text("b2c", lang, "relance", **FIRST), T[lang]["on_request"])


@pytest.mark.parametrize("lang", LANGS)
def test_second_reminder_claims_nothing_before_the_period_has_run(lang):
    # First reminder posted Monday 12 Oct 2026: period 15-28 Oct, claimable from 29 Oct > 15 Oct.
    ctx = context("b2c", lang, "relance", extra="recent", level="2")
    assert not ctx["st"]["indemnities"] and not ctx["st"]["has_interest"]
    out = text("b2c", lang, "relance", extra="recent", level="2")
    has(out, T[lang]["nothing_yet"], T[lang]["recent_claimable"], ctx["st"]["outstanding_principal"])


@pytest.mark.parametrize("lang", LANGS)
def test_second_reminder_without_a_first_reminder_is_refused_not_annotated(lang):
    found = findings("b2c", lang, "relance", extra="unreminded", level="2")
    assert found["BE-REMINDER-WITHOUT-FREE-FIRST"][0].severity == "error"
    ctx = context("b2c", lang, "relance", extra="unreminded", level="2")
    assert not ctx["st"]["indemnities"]
    out = text("b2c", lang, "relance", extra="unreminded", level="2")    # the forced draft
    has(out, ctx["st"]["outstanding_principal"])
    assert T[lang]["no_first_reminder"] not in out and review_words(out) == []


@pytest.mark.parametrize("lang", LANGS)
def test_second_reminder_after_the_period_claims_the_statement(lang):
    ctx = context("b2c", lang, "relance", level="2")
    assert ctx["be"]["first_reminder"]["reached"]
    has(text("b2c", lang, "relance", level="2"), ctx["st"]["total_due"], ctx["st"]["indemnities_total"])


# ---------------------------------------------------------------- §12.7 collector / lawyer / bailiff to a consumer

@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_identifies_the_original_creditor(lang):
    out = text("b2c", lang, "mise_en_demeure", "agency")
    has(out, "Zonwering Scheldeland", "0765.339.007", "Noorderlaan 112, 2030 Antwerpen", "+32 3 000 18 24",
        "boekhouding@zonwering-scheldeland.example", T[lang]["capacity"])


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_identifies_the_collector(lang):
    has(text("b2c", lang, "mise_en_demeure", "agency"), "Incasso Vlaanderen", "Frankrijklei 10, 2000 Antwerpen",
        "0123456749", "+32 3 111 22 33", "dossiers@incasso-vlaanderen.example")


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_gives_the_supervisory_administration(lang):
    has(text("b2c", lang, "mise_en_demeure", "agency"), *T[lang]["spf"])


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_describes_the_service_and_due_date(lang):
    has(text("b2c", lang, "mise_en_demeure", "agency"), "Levering en plaatsing van een knikarmscherm", "26/06/2025")


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_breaks_down_the_amounts(lang):
    ctx = context("b2c", lang, "mise_en_demeure", "agency")
    has(text("b2c", lang, "mise_en_demeure", "agency"), ctx["st"]["outstanding_principal"],
        ctx["st"]["interest_total"], ctx["st"]["indemnities_total"], ctx["st"]["total_due"], "07/08/2025")


@pytest.mark.parametrize("rep", ["agency", "lawyer", "bailiff"])
@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_has_the_bold_other_font_amicable_paragraph(lang, rep):
    page = html("b2c", lang, "mise_en_demeure", rep)
    start = page.index('<p class="bold other-font">')
    paragraph = page[start:page.index("</p>", start)]
    assert T[lang]["amicable"] in fold(paragraph)
    assert all(words in fold(paragraph) for words in T[lang]["not_summons"])
    who = {"lawyer": {"fr": "par un avocat", "nl": "door een advocaat"},
           "bailiff": {"fr": "par un huissier de justice", "nl": "door een gerechtsdeurwaarder"}}
    if rep in who:
        assert who[rep][lang] in fold(paragraph)
    has(text("b2c", lang, "mise_en_demeure", rep), T[lang]["amicable"])


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_sets_a_deadline_of_at_least_15_days_and_its_doubt_is_a_finding(lang):
    ctx = context("b2c", lang, "mise_en_demeure", "agency")
    minimum = parameter("be.collector_notice_min_days").at(AS_OF).value
    assert ctx["variant"] == "consumer_collector" and ctx["deadline_days"] == str(minimum)
    out = text("b2c", lang, "mise_en_demeure", "agency")
    has(out, T[lang]["deadline15"])
    assert T[lang]["unconfirmed15"] not in out and review_words(out) == []
    doubts = findings("b2c", lang, "mise_en_demeure", "agency")["UNCONFIRMED-LEGAL-DATA"]
    assert any("be.collector_notice_min_days" in f.message for f in doubts)


@pytest.mark.parametrize("lang", LANGS)
def test_collector_notice_without_the_creditors_contact_is_refused_not_annotated(lang):
    found = findings("b2c", lang, "mise_en_demeure", "agency", "nophone")["BE-COLLECTOR-NOTICE-MENTION"]
    assert {f.path for f in found} == {"creditor.phone", "creditor.email"}
    assert all(f.severity == "error" for f in found)
    assert review_words(text("b2c", lang, "mise_en_demeure", "agency", "nophone")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_consumer_notice_without_a_free_first_reminder_makes_one_consistent_statement(lang):
    ctx = context("b2c", lang, "mise_en_demeure", extra="unreminded")
    assert not ctx["be"]["rate"]["running"] and not ctx["st"]["has_interest"]
    out = text("b2c", lang, "mise_en_demeure", extra="unreminded")
    has(out, {"fr": "La présente mise en demeure ne réclame que le principal restant dû.",
              "nl": "Deze ingebrekestelling vordert enkel de openstaande hoofdsom."}[lang])
    assert ctx["be"]["rate"]["text"] not in out     # no sentence says interest runs
    assert {"fr": "continuent à courir", "nl": "blijven lopen"}[lang] not in out


@pytest.mark.parametrize("lang", LANGS)
def test_consumer_notice_after_the_first_reminder_says_interest_runs_at_the_contractual_rate(lang):
    out = text("b2c", lang, "mise_en_demeure")
    has(out, {"fr": "Les intérêts continuent à courir sur le principal restant dû au taux conventionnel de 8,00 % l'an",
              "nl": "De interesten blijven lopen op de openstaande hoofdsom tegen de contractuele rentevoet van "
                    "8,00 % per jaar"}[lang])


def test_collector_deadline_table_is_flagged_unconfirmed():
    assert parameter("be.collector_notice_min_days").at(AS_OF).unconfirmed
    assert not parameter("be.collector_notice_min_days").at(date(2020, 1, 1)).unconfirmed


# ---------------------------------------------------------------- §12.8 interruptive notice (old C. civ. 2244 § 2)

INTERRUPTIVE = [("b2b", "interruptive"), ("b2c", "consumer_collector_interruptive")]


@pytest.mark.parametrize("name, variant", INTERRUPTIVE)
@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_goes_by_registered_letter_with_ar(lang, name, variant):
    assert context(name, lang, "mise_en_demeure", "lawyer")["variant"] == variant
    has(text(name, lang, "mise_en_demeure", "lawyer"), T[lang]["registered_ar"])


@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_gives_full_identities(lang):
    has(text("b2b", lang, "mise_en_demeure", "lawyer"), "Pixelmeuse SRL", "0794.615.288", "Rue de Fer 12, 5000 Namur",
        "Ardenne Distribution SA", "0812.334.715", "Boulevard d'Avroy 38, 4000 Liège", "Maître Anne Lambert")


@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_describes_the_obligation_and_justifies_the_amounts(lang):
    ctx = context("b2b", lang, "mise_en_demeure", "lawyer")
    has(text("b2b", lang, "mise_en_demeure", "lawyer"), "Contrat-cadre de prestations de services CC-2024-11",
        "F2025-0042", "F2025-0151", ctx["st"]["interest_total"], ctx["st"]["total_due"])


@pytest.mark.parametrize("name", ["b2b", "b2c"])
@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_sets_a_deadline_and_announces_legal_action(lang, name):
    ctx = context(name, lang, "mise_en_demeure", "lawyer")
    out = text(name, lang, "mise_en_demeure", "lawyer")
    has(out, ctx["deadline"], T[lang]["b2b_action" if name == "b2b" else "legal_action"])


@pytest.mark.parametrize("name", ["b2b", "b2c"])
@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_states_the_interruptive_effect(lang, name):
    has(text(name, lang, "mise_en_demeure", "lawyer"), "2244, § 2", T[lang]["interruptive"])


@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_is_signed_by_the_lawyer(lang):
    out = text("b2b", lang, "mise_en_demeure", "lawyer")
    has(out, "Maître Anne Lambert", {"fr": "Avocat", "nl": "Advocaat"}[lang], {"fr": "Pour Pixelmeuse", "nl": "Voor Pixelmeuse"}[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_notice_to_a_debtor_abroad_is_refused_not_annotated(lang):
    found = findings("b2b", lang, "mise_en_demeure", "lawyer", "abroad")
    assert found["BE-INTERRUPTIVE-DEBTOR-ABROAD"][0].path == "debtor.address.country"
    out = text("b2b", lang, "mise_en_demeure", "lawyer", "abroad")
    assert T[lang]["abroad"] not in out and review_words(out) == []


@pytest.mark.parametrize("lang", LANGS)
def test_interruptive_period_comes_from_the_data(lang):
    assert parameter("be.prescription_interruption_years").at(AS_OF).value == 1
    assert context("b2b", lang, "mise_en_demeure", "lawyer")["be"]["interruption_period"] == {
        "fr": "d'un an", "nl": "van één jaar"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_creditors_own_notice_never_claims_to_interrupt_prescription(lang):
    ctx = context("b2b", lang, "mise_en_demeure")
    assert ctx["variant"] == "standard"
    out = text("b2b", lang, "mise_en_demeure")
    assert "2244" not in out
    has(out, T[lang]["law2002"], T[lang]["b2b_action"], "1394/20")


# ---------------------------------------------------------------- §12.9 summons before the injunction (C. jud. 1339)

SOMMATION = {"part": "sommation", "court": "", "tracking_number": "RR123456785BE"}


def _sommation(lang):
    return dict(SOMMATION, court=T[lang]["judge"])


ARTICLES = {"fr": [("1338", "Texte de test, article 1338."), ("1344", "Texte de test, article 1344.")],
            "nl": [("1338", "Testtekst van artikel 1338."), ("1344", "Testtekst van artikel 1344.")]}


@pytest.mark.parametrize("lang", LANGS)
def test_summons_without_verified_statutory_text_is_refused_and_prints_no_reconstruction(lang):
    found = findings("b2c", lang, "injonction_de_payer", **_sommation(lang))["BE-STATUTORY-TEXT-MISSING"]
    assert found[0].severity == "error" and found[0].path == f"data:statutes/be.cj.1338-1344.{lang}.yaml"
    out = text("b2c", lang, "injonction_de_payer", **_sommation(lang))
    assert "Art. 1338." not in out and T[lang]["to_verify"] not in out and review_words(out) == []
    assert not (Path(__file__).resolve().parents[2] / "templates" / "be" / "injonction_de_payer"
                / f"_articles_{lang}.html.j2").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_summons_prints_the_verified_articles_from_the_context(lang, monkeypatch):
    from types import SimpleNamespace

    from docgen.law.decision import Decision
    from docgen.render import documents_be

    verified = SimpleNamespace(title={"fr": "Code judiciaire", "nl": "Gerechtelijk Wetboek"}[lang],
                               articles=[SimpleNamespace(number=n, text=t) for n, t in ARTICLES[lang]])
    monkeypatch.setattr(documents_be, "statutory_text",
                        lambda language: Decision("statutory_text:be.cj.1338-1344", verified, "C. jud. 1339"))
    case, options = stated(case_for("b2c", lang), _sommation(lang))
    page = render(case, "injonction_de_payer", AS_OF, "html", force=True, options=options).decode("utf-8")
    first, last = (f"Art. {ARTICLES[lang][0][0]}.", f"Art. {ARTICLES[lang][1][0]}.")
    assert first in page and last in page and page.index(first) < page.index(last)
    assert ARTICLES[lang][1][1] in page


@pytest.mark.parametrize("lang", LANGS)
def test_summons_demands_payment_within_15_days(lang):
    has(text("b2c", lang, "injonction_de_payer", **_sommation(lang)), T[lang]["fifteen"], T[lang]["deadline15"])


@pytest.mark.parametrize("lang", LANGS)
def test_summons_states_the_amount_claimed(lang):
    ctx = context("b2c", lang, "injonction_de_payer", **_sommation(lang))
    has(text("b2c", lang, "injonction_de_payer", **_sommation(lang)), ctx["st"]["total_due"], ctx["st"]["total_due_words"])


@pytest.mark.parametrize("lang", LANGS)
def test_summons_names_the_judge_to_be_seized(lang):
    has(text("b2c", lang, "injonction_de_payer", **_sommation(lang)), T[lang]["judge"])


@pytest.mark.parametrize("lang", LANGS)
def test_summons_goes_by_registered_letter_with_ar(lang):
    has(text("b2c", lang, "injonction_de_payer", **_sommation(lang)), T[lang]["registered_ar"], "RR123456785BE",
        T[lang]["sommation"])


@pytest.mark.parametrize("lang", LANGS)
def test_summons_before_the_justice_of_the_peace_leaves_the_doubtful_cap_to_a_finding(lang):
    assert parameter("be.injunction_justice_of_peace_cap").at(AS_OF).unconfirmed
    doubts = findings("b2c", lang, "injonction_de_payer", **_sommation(lang))["UNCONFIRMED-LEGAL-DATA"]
    assert any("be.injunction_justice_of_peace_cap" in f.message for f in doubts)
    out = text("b2c", lang, "injonction_de_payer", **_sommation(lang))
    assert T[lang]["cap_note"] not in out and review_words(out) == []


# ---------------------------------------------------------------- the request (C. jud. 1340)

@pytest.mark.parametrize("lang", LANGS)
def test_request_is_in_double_copy_and_signed_by_the_lawyer(lang):
    has(text("b2b", lang, "injonction_de_payer", "lawyer"), T[lang]["requete"], T[lang]["double"], T[lang]["counsel"],
        "Maître Anne Lambert")


@pytest.mark.parametrize("lang", LANGS)
def test_request_without_a_lawyer_is_refused_not_annotated(lang):
    assert findings("b2c", lang, "injonction_de_payer")["BE-REQUEST-NO-LAWYER"][0].severity == "error"
    out = text("b2c", lang, "injonction_de_payer")
    assert T[lang]["no_lawyer"] not in out and T[lang]["counsel"] not in out and review_words(out) == []
    assert {"fr": "ne peut pas être déposée", "nl": "niet worden neergelegd"}[lang] not in out


@pytest.mark.parametrize("lang", LANGS)
def test_request_whose_filing_period_has_passed_is_refused_and_never_says_it_is_filed_in_time(lang):
    # The example's registered formal notice of 10 March 2026: filing period ended 9 April 2026.
    found = findings("b2b", lang, "injonction_de_payer", "lawyer")
    assert "BE-SUMMONS-LATE" in found and "BE-SUMMONS-UNSTATED" in found
    out = text("b2b", lang, "injonction_de_payer", "lawyer")
    assert {"fr": "9 avril 2026", "nl": "9 april 2026"}[lang] not in out


@pytest.mark.parametrize("lang", LANGS)
def test_request_relies_on_the_stated_summons_within_its_filing_period(lang):
    found = findings("b2b", lang, "injonction_de_payer", "lawyer", "sommation")
    assert not {k for k in found if k.startswith("BE-SUMMONS")}
    ctx = context("b2b", lang, "injonction_de_payer", "lawyer", "sommation")
    summons = ctx["be"]["injunction"]["summons"]
    assert summons["stated"] and summons["timely"]
    has(text("b2b", lang, "injonction_de_payer", "lawyer", "sommation"), "RR999888777BE", summons["date"],
        summons["expiry"], summons["file_by"], T[lang]["fifteen_days"])


def test_the_summons_date_is_a_case_file_fact_not_an_option():
    from docgen.errors import DocgenError

    with pytest.raises(DocgenError, match="procedure.sommation"):
        render(case_for("b2b", "fr", "lawyer"), "injonction_de_payer", AS_OF, "html", force=True,
               options={"sommation_date": "2026-09-25"})


@pytest.mark.parametrize("lang", LANGS)
def test_request_identifies_the_applicant_and_justifies_the_amounts(lang):
    ctx = context("b2b", lang, "injonction_de_payer", "lawyer")
    has(text("b2b", lang, "injonction_de_payer", "lawyer"), "Pixelmeuse", "0794.615.288", "Ardenne Distribution",
        ctx["st"]["total_due"], ctx["st"]["interest_total"], "F2025-0097")


@pytest.mark.parametrize("lang", LANGS)
def test_request_relies_on_the_debtors_writing_and_lists_the_pieces(lang):
    ctx = context("b2b", lang, "injonction_de_payer", "lawyer")
    inj = ctx["be"]["injunction"]
    assert inj["writing_exhibit"] and inj["summons_exhibit"]
    has(text("b2b", lang, "injonction_de_payer", "lawyer"), T[lang]["writing"],
        "Contrat-cadre de prestations de services CC-2024-11")
    out = cells("b2b", lang, "injonction_de_payer", "lawyer")
    for exhibit in ctx["exhibits"]:
        has(out, exhibit["title"])


@pytest.mark.parametrize("lang", LANGS)
def test_request_goes_to_the_enterprise_court_between_enterprises(lang):
    has(text("b2b", lang, "injonction_de_payer", "lawyer"), T[lang]["enterprise_court"], "573")


@pytest.mark.parametrize("lang", LANGS)
def test_request_to_the_justice_of_the_peace_above_the_cap_is_refused_not_annotated(lang):
    assert findings("b2c", lang, "injonction_de_payer", extra="big")["BE-INJUNCTION-OVER-CAP"][0].severity == "error"
    out = text("b2c", lang, "injonction_de_payer", extra="big")
    has(out, T[lang]["peace_court"])
    assert T[lang]["over_cap"] not in out and T[lang]["cap_note"] not in out and review_words(out) == []


def test_unknown_part_is_refused():
    from docgen.errors import DocgenError

    with pytest.raises(DocgenError):
        render(case_for("b2b", "fr"), "injonction_de_payer", AS_OF, "html", force=True, options={"part": "citation"})


# ---------------------------------------------------------------- §12.10 B2B reminder

@pytest.mark.parametrize("lang", LANGS)
def test_b2b_reminder_gives_invoice_references(lang):
    has(text("b2b", lang, "relance"), "F2025-0042", "F2025-0097", "F2025-0151", "30/03/2025")


@pytest.mark.parametrize("lang", LANGS)
def test_b2b_reminder_states_interest_from_the_day_after_due_date_at_the_2002_rate(lang):
    has(text("b2b", lang, "relance"), T[lang]["law2002"], T[lang]["day_after"], T[lang]["no_notice"], "10,50 %")


@pytest.mark.parametrize("lang", LANGS)
def test_b2b_reminder_states_the_40_euro_lump_sum_and_reasonable_costs(lang):
    has(text("b2b", lang, "relance"), {"fr": "40,00 €", "nl": "€ 40,00"}[lang], T[lang]["extra_costs"])


@pytest.mark.parametrize("lang", LANGS)
def test_b2b_second_reminder_details_the_interest(lang):
    ctx = context("b2b", lang, "relance", level="2")
    has(text("b2b", lang, "relance", level="2"), "31/03/2025", ctx["st"]["interest_total"], ctx["st"]["total_due"])


# ---------------------------------------------------------------- payment plan

PLANS = [("b2c", ""), ("b2b", "plan")]


@pytest.mark.parametrize("name, extra", PLANS)
@pytest.mark.parametrize("lang", LANGS)
def test_plan_acknowledges_the_debt_in_words_and_figures(lang, name, extra):
    ctx = context(name, lang, "plan_apurement", extra=extra)
    has(text(name, lang, "plan_apurement", extra=extra), T[lang]["plan"], T[lang]["acknowledge"],
        ctx["st"]["total_due"], ctx["st"]["total_due_words"], "2248")


@pytest.mark.parametrize("name, extra", PLANS)
@pytest.mark.parametrize("lang", LANGS)
def test_plan_has_the_schedule(lang, name, extra):
    ctx = context(name, lang, "plan_apurement", extra=extra)
    out = text(name, lang, "plan_apurement", extra=extra)
    for instalment in ctx["instalments"]:
        has(out, instalment["date"], instalment["amount"])
    has(out, ctx["plan_total"])


@pytest.mark.parametrize("lang", LANGS)
def test_consumer_plan_keeps_interest_within_book_xix(lang):
    has(text("b2c", lang, "plan_apurement"), T[lang]["xix4"], "8,00 %", "10,50 %")


@pytest.mark.parametrize("name, extra", PLANS)
@pytest.mark.parametrize("lang", LANGS)
def test_plan_has_acceleration_no_novation_and_both_signatures(lang, name, extra):
    has(text(name, lang, "plan_apurement", extra=extra), T[lang]["acceleration"], T[lang]["novation"],
        T[lang]["two_originals"])
    assert '<div class="parties">' in html(name, lang, "plan_apurement", extra=extra)


def test_plan_interest_can_be_waived():
    has(text("b2b", "fr", "plan_apurement", extra="plan", interest="waived"), "le créancier renonce aux intérêts")


# ---------------------------------------------------------------- exhibit list and statement

@pytest.mark.parametrize("name", ["b2b", "b2c"])
@pytest.mark.parametrize("lang", LANGS)
def test_inventory_lists_every_piece(lang, name):
    ctx = context(name, lang, "bordereau_de_pieces")
    assert [e["number"] for e in ctx["exhibits"]] == [str(n) for n in range(1, len(ctx["exhibits"]) + 1)]
    out = cells(name, lang, "bordereau_de_pieces")
    has(out, T[lang]["inventory"])
    for exhibit in ctx["exhibits"]:
        has(out, exhibit["title"], exhibit["date"])


@pytest.mark.parametrize("name", ["b2b", "b2c"])
@pytest.mark.parametrize("lang", LANGS)
def test_statement_totals(lang, name):
    ctx = context(name, lang, "decompte")
    has(text(name, lang, "decompte"), T[lang]["statement"], ctx["st"]["total_due"], ctx["st"]["total_due_words"],
        ctx["st"]["interest_total"])


# ---------------------------------------------------------------- every document, both languages: PDF and DOCX

ALL = [("b2b", "relance", "", "", {}), ("b2c", "relance", "", "", {}),
       ("b2b", "mise_en_demeure", "lawyer", "", {}), ("b2c", "mise_en_demeure", "agency", "", {}),
       ("b2c", "plan_apurement", "", "", {}), ("b2b", "injonction_de_payer", "lawyer", "", {}),
       ("b2c", "injonction_de_payer", "", "", {"part": "sommation"}),
       ("b2b", "bordereau_de_pieces", "", "", {}), ("b2c", "decompte", "", "", {})]


@pytest.mark.parametrize("name, doc, rep, extra, options", ALL)
@pytest.mark.parametrize("lang", LANGS)
def test_docx_opens_and_says_the_same(lang, name, doc, rep, extra, options):
    docx = pytest.importorskip("docx")
    data = _render(name, lang, doc, rep, extra, _key(options), "docx")
    document = docx.Document(io.BytesIO(data))
    body = fold(" ".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells]))
    ctx = context(name, lang, doc, rep, extra, **options)
    if doc == "bordereau_de_pieces":
        assert all(fold(e["title"]) in body for e in ctx["exhibits"])
    else:   # the first reminder to a consumer states the principal only
        assert fold(ctx["st"]["total_due"]) in body or fold(ctx["st"]["outstanding_principal"]) in body
    assert ctx["creditor"]["name"] in body


@pytest.mark.parametrize("lang", LANGS)
def test_docx_keeps_the_amicable_paragraph_bold_in_another_font(lang):
    docx = pytest.importorskip("docx")
    document = docx.Document(io.BytesIO(_render("b2c", lang, "mise_en_demeure", "agency", "", (), "docx")))
    paragraph = next(p for p in document.paragraphs if T[lang]["amicable"] in p.text)
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs and all(r.bold for r in runs) and all(r.font.name == "Liberation Sans" for r in runs)


@pytest.mark.parametrize("lang", LANGS)
def test_no_template_syntax_leaks_into_any_document(lang):
    for name, doc, rep, extra, options in ALL:
        out = text(name, lang, doc, rep, extra, **options)
        assert "{{" not in out and "{%" not in out and "None" not in out.split(), (doc, lang)


def test_be_b2c_defaulted_plan_notice_announces_the_acceleration_in_dutch():
    from datetime import date
    from pathlib import Path

    from docgen.api import load_case
    from docgen.render.engine import render as render_doc

    case = load_case(Path(__file__).resolve().parents[2] / "examples" / "be-b2c", as_of=date(2026, 10, 15))
    html = render_doc(case, "mise_en_demeure", date(2026, 10, 15), "html", force=True).decode()
    assert "verval van de termijnbepaling" in html and "5 november 2025" in html


# ---------------------------------------------------------------- every document of both examples, both languages

EVERY = [(name, doc, options) for name in ("b2b", "b2c")
         for doc, options in [("relance", {}), ("mise_en_demeure", {}), ("decompte", {}), ("bordereau_de_pieces", {}),
                              ("injonction_de_payer", {}), ("injonction_de_payer", {"part": "sommation"})]]
EVERY += [("b2c", "plan_apurement", {}), ("b2b", "plan_apurement", {"extra": "plan"})]
# The rate each example's statement applies, and what a sentence naming another rate would say.
RATE_WORDS = {"b2b": {"fr": ("taux de la loi du 2 août 2002", ("taux conventionnel", "taux d'intérêt légal")),
                      "nl": ("rentevoet van de wet van 2 augustus 2002", ("contractuele rentevoet", "wettelijke rentevoet"))},
              "b2c": {"fr": ("taux conventionnel de 8,00 %", ("taux d'intérêt légal", "majoré de")),
                      "nl": ("contractuele rentevoet van 8,00 %", ("wettelijke rentevoet (", "verhoogd met"))}}


@pytest.mark.parametrize("name, doc, options", EVERY)
@pytest.mark.parametrize("lang", LANGS)
def test_no_document_carries_review_wording(lang, name, doc, options):
    options = dict(options)
    extra = options.pop("extra", "")
    assert review_words(text(name, lang, doc, "", extra, **options)) == []


@pytest.mark.parametrize("name, doc, options", EVERY)
@pytest.mark.parametrize("lang", LANGS)
def test_every_rate_sentence_names_the_rate_the_statement_applies(lang, name, doc, options):
    options = dict(options)
    extra = options.pop("extra", "")
    out = text(name, lang, doc, "", extra, **options)
    decided, others = RATE_WORDS[name][lang]
    assert not [o for o in others if o in out], (doc, lang)
    if doc in ("mise_en_demeure", "decompte", "plan_apurement"):
        assert decided in out
