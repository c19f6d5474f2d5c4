"""``docgen insolvency scan``: a BODACC export made here (JSON and CSV, as DILA's open-data
export writes them) against a 50-case synthetic portfolio: exactly the 3 matching case files
change, they stay valid and keep their comments, the agenda shows their declarations with the
deadline, a second run and a dry run write nothing, and hostile exports are refused cleanly."""
from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.portfolio import bodacc
from docgen.portfolio.bodacc import administrator_of, classify, parse_day, read_records, sirens_of
from docgen.portfolio.synthetic import make_portfolio

from pfkit import AS_OF, EXAMPLES

OPENING_LJ = "Jugement d'ouverture de liquidation judiciaire"
COMPLEMENT = ("Jugement prononçant la liquidation judiciaire, date de cessation des paiements le 1 septembre 2026, "
              "désignant liquidateur SELARL Mandataires de l'Ouest, Maître Anne Roux, 3 rue de la Paix 44600 "
              "Saint-Nazaire. Les déclarations des créances sont à adresser au liquidateur dans les deux mois.")
# Valid SIRENs (Luhn) that no synthetic debtor has.
STRANGERS = ("732829320", "552100554")


def notice(siren: str, *, ident: str, nature: str = OPENING_LJ, famille: str = "Jugement d'ouverture",
           judged: str = "2026-09-30", published: str = "2026-10-05", complement: str = COMPLEMENT,
           tribunal: str = "TRIBUNAL DE COMMERCE DE SAINT-NAZAIRE", family: str = "collective") -> dict:
    """One record as the opendatasoft export of annonces-commerciales holds it."""
    return {"id": ident, "publicationavis": "A", "publicationavis_facette": "Bodacc A", "parution": "20260195",
            "dateparution": published, "numeroannonce": int(ident[-3:]), "typeavis": "annonce",
            "typeavis_lib": "Avis initial", "familleavis": family,
            "familleavis_lib": "Procédures collectives" if family == "collective" else "Créations",
            "registre": f"{siren[:3]} {siren[3:6]} {siren[6:]},{siren}", "tribunal": tribunal,
            "commercant": "SOCIETE EN DIFFICULTE", "ville": "Nantes", "cp": "44000",
            "jugement": json.dumps({"type": "initial", "famille": famille, "nature": nature, "date": judged,
                                    "complementJugement": complement}, ensure_ascii=False)}


def write_json(path: Path, records: list[dict], wrap: bool = False) -> Path:
    if wrap:      # opendatasoft's records export: {"datasetid", "recordid", "fields": {...}}
        records = [{"datasetid": "annonces-commerciales", "recordid": f"r{n}", "fields": r}
                   for n, r in enumerate(records)]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path: Path, records: list[dict]) -> Path:
    columns = sorted({k for r in records for k in r})
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=";")
    writer.writeheader()
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def snapshot(folder: Path) -> dict[Path, bytes]:
    """Every file's bytes, but the lock sidecars a write leaves beside the case files it
    changed (docgen.portfolio.locking: left in place by design)."""
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pf") / "cases"
    files = make_portfolio(folder, 50, AS_OF)
    # A comment in a matching case and in another: both must survive.
    for path in files[:2]:
        text = path.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("jurisdiction:"))
        assert "FR" in line, line
        path.write_text("# dossier suivi par le cabinet\n" + text.replace(line, "jurisdiction: FR  # France", 1),
                        encoding="utf-8")
    return folder


@pytest.fixture
def pf(pristine, tmp_path) -> dict:
    folder = tmp_path / "cases"
    shutil.copytree(pristine, folder)
    files = sorted(folder.glob("*/case.yaml"))
    french = [p for p in files if "-FR-B2B-" in p.parent.name]
    matching = [french[0], french[3], french[6]]
    sirens = [yaml.safe_load(p.read_text(encoding="utf-8"))["debtor"]["registration"]["number"] for p in matching]
    records = [notice(sirens[0], ident="A202601950001"),
               notice(sirens[1], ident="A202601950002", nature="Jugement d'ouverture d'une procédure de redressement "
                      "judiciaire", complement="Jugement d'ouverture d'une procédure de redressement judiciaire, "
                      "désignant mandataire judiciaire SELARL MJ Conseil 12 avenue Foch 69006 Lyon."),
               notice(sirens[2], ident="A202601950003", nature="Jugement d'ouverture d'une procédure de sauvegarde",
                      complement="", tribunal="Greffe du Tribunal de Commerce de Lyon"),
               # not matching the portfolio
               notice(STRANGERS[0], ident="A202601950004"),
               notice(STRANGERS[1], ident="A202601950005", family="creation"),
               # a matched debtor's later judgment that is not an opening: listed, not recorded
               notice(sirens[0], ident="A202601950006", famille="Jugement arrêtant le plan",
                      nature="Jugement arrêtant le plan de cession", judged="2026-10-08", published="2026-10-12")]
    return {"folder": folder, "matching": matching, "sirens": sirens, "records": records}


def run(*args: str):
    return CliRunner().invoke(main, ["insolvency", "scan", *map(str, args)])


@pytest.mark.parametrize("fmt", ["json", "wrapped", "csv"])
def test_exactly_the_matching_cases_change(pf, tmp_path, fmt):
    export = (write_csv(tmp_path / "export.csv", pf["records"]) if fmt == "csv"
              else write_json(tmp_path / "export.json", pf["records"], wrap=fmt == "wrapped"))
    before = snapshot(pf["folder"])
    result = run(export, pf["folder"], "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    after = snapshot(pf["folder"])
    assert before.keys() == after.keys() and len(before) > 50
    changed = sorted(p for p in before if before[p] != after[p])
    assert changed == sorted(pf["matching"])
    for path in changed:
        old, new = before[path].decode(), after[path].decode()
        assert new.startswith(old)           # every earlier byte kept, comments included
        report = docgen.validate(path, as_of=AS_OF)
        assert report.valid, report.problems
    assert after[pf["matching"][0]].decode().startswith("# dossier suivi par le cabinet\n")
    assert "jurisdiction: FR  # France" in after[pf["matching"][0]].decode()
    first = docgen.load_case(pf["matching"][0]).insolvency
    assert (first.kind, first.judgment_date, first.publication_date, first.publication) == (
        "liquidation_judiciaire", date(2026, 9, 30), date(2026, 10, 5), "BODACC")
    assert first.court == "Tribunal de commerce de Saint-Nazaire"
    assert first.administrator.role == "liquidateur"
    assert first.administrator.name == "SELARL Mandataires de l'Ouest, Maître Anne Roux"
    assert (first.administrator.address.street, first.administrator.address.postcode,
            first.administrator.address.city) == ("3 rue de la Paix", "44600", "Saint-Nazaire")
    second = docgen.load_case(pf["matching"][1]).insolvency
    assert second.kind == "redressement_judiciaire" and second.administrator.role == "mandataire"
    assert second.administrator.name == "SELARL MJ Conseil" and second.administrator.address.city == "Lyon"
    third = docgen.load_case(pf["matching"][2]).insolvency
    assert third.kind == "sauvegarde" and third.administrator is None    # the checks ask for it
    assert third.court == "Tribunal de Commerce de Lyon"
    assert "# from BODACC notice A202601950001 of 2026-10-05" in after[pf["matching"][0]].decode()
    assert "3 publications read" not in result.output and "5 publications read, 3 matching case files" in result.output
    assert "3 case files changed" in result.output and "declare by 2026-12-07" in result.output
    assert "other judgment" in result.output and "plan de cession" in result.output


def test_the_agenda_shows_the_declarations(pf, tmp_path):
    export = write_json(tmp_path / "export.json", pf["records"])
    # the synthetic portfolio has debtors in proceedings of its own: only the scan's three are new
    before = {i.reference for i in docgen.agenda(pf["folder"], AS_OF, assume_last_rate=True)
              if i.action == "declare_claim"}
    assert run(export, pf["folder"], "--as-of", AS_OF.isoformat()).exit_code == 0
    items = {i.reference: i for i in docgen.agenda(pf["folder"], AS_OF, assume_last_rate=True)}
    refs = [p.parent.name for p in pf["matching"]]
    for ref in refs:
        item = items[ref]
        assert (item.action, item.doc) == ("declare_claim", "declaration_de_creance"), (ref, item)
        assert item.deadline == date(2026, 12, 7)      # BODACC 5 Oct 2026 + 2 months, a Monday
    after = {r for r, i in items.items() if i.action == "declare_claim"}
    assert after - before == set(refs) and before <= after


def test_second_run_changes_nothing(pf, tmp_path):
    export = write_json(tmp_path / "export.json", pf["records"])
    assert run(export, pf["folder"], "--as-of", AS_OF.isoformat()).exit_code == 0
    before = snapshot(pf["folder"])
    again = run(export, pf["folder"], "--as-of", AS_OF.isoformat())
    assert again.exit_code == 0, again.output
    assert snapshot(pf["folder"]) == before
    assert "nothing changed" in again.output and again.output.count("up to date:") == 3


def test_dry_run_writes_nothing(pf, tmp_path):
    export = write_json(tmp_path / "export.json", pf["records"])
    before = snapshot(pf["folder"])
    result = run(export, pf["folder"], "--as-of", AS_OF.isoformat(), "--dry-run")
    assert result.exit_code == 0, result.output
    assert snapshot(pf["folder"]) == before
    assert result.output.count("would record:") == 3 and "nothing was written" in result.output
    assert "declare by 2026-12-07" in result.output


def test_json_output(pf, tmp_path):
    export = write_json(tmp_path / "export.json", pf["records"])
    result = run(export, pf["folder"], "--as-of", AS_OF.isoformat(), "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["dry_run"] and data["publications"] == 5 and data["unmatched_publications"] == 1
    assert data["other_notices"] == 1
    recorded = [i for i in data["items"] if i["status"] == "recorded"]
    assert {i["siren"] for i in recorded} == set(pf["sirens"])
    assert {(i["kind"], i["declaration_deadline"]) for i in recorded} == {
        ("liquidation_judiciaire", "2026-12-07"), ("redressement_judiciaire", "2026-12-07"),
        ("sauvegarde", "2026-12-07")}
    other = [i for i in data["items"] if i["status"] == "other_judgment"]
    assert len(other) == 1 and other[0]["bodacc"]["nature"] == "Jugement arrêtant le plan de cession"


def test_library_surface(pf, tmp_path):
    export = write_json(tmp_path / "export.json", pf["records"])
    result = docgen.scan_insolvency(export, pf["folder"], as_of=AS_OF)
    assert {i.path for i in result.written} == set(pf["matching"])
    assert not result.needs_review and "scan_insolvency" in docgen.__all__


# --- the rules of recording -----------------------------------------------------------------------

def _one_case(tmp_path: Path, insolvency: dict | None = None, *, suffix: str = "yaml") -> Path:
    """A copy of examples/fr-b2b (debtor SIREN 913 560 280), with ``insolvency`` when given."""
    folder = tmp_path / "cases" / "rico"
    shutil.copytree(EXAMPLES / "fr-b2b", folder)
    path = folder / "case.yaml"
    if insolvency is not None:
        path.write_text(path.read_text(encoding="utf-8") + "\ninsolvency:\n  # as the client told us\n" + "".join(
            f"  {k}: {json.dumps(v)}\n" for k, v in insolvency.items()), encoding="utf-8")
    if suffix == "json":
        from docgen.model.reading import read_case_file

        data = read_case_file(path)
        path.unlink()
        path = folder / "case.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


RICO = "913560280"
CONVERSION = {"famille": "Jugement de conversion", "nature": "Jugement de conversion en liquidation judiciaire",
              "judged": "2026-10-07", "published": "2026-10-12",
              "complement": "Jugement de conversion en liquidation judiciaire désignant liquidateur Maître Paul Blanc, "
                            "8 place Royale 44000 Nantes."}


def test_conversion_changes_the_kind_and_keeps_the_opening(tmp_path):
    path = _one_case(tmp_path, {"kind": "redressement_judiciaire", "judgment_date": "2026-09-30",
                                "publication_date": "2026-10-05", "publication": "BODACC"})
    before = path.read_text(encoding="utf-8")
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950010", **CONVERSION)])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    ins = docgen.load_case(path).insolvency
    assert (ins.kind, ins.judgment_date, ins.publication_date) == ("liquidation_judiciaire", date(2026, 9, 30),
                                                                  date(2026, 10, 5))
    assert ins.administrator.name == "Maître Paul Blanc" and ins.administrator.address.street == "8 place Royale"
    after = path.read_text(encoding="utf-8")
    head = before[:before.index("\ninsolvency:")]
    assert after.startswith(head)           # the file up to the block is byte for byte the same
    assert "declare by 2026-12-07" in result.output and "converted:" in result.output


def test_opening_and_conversion_in_one_export(tmp_path):
    path = _one_case(tmp_path)
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950012", **CONVERSION),
                                              notice(RICO, ident="A202601950011", nature="Jugement d'ouverture d'une "
                                                     "procédure de redressement judiciaire", complement="")])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    ins = docgen.load_case(path).insolvency
    assert (ins.kind, ins.judgment_date, ins.publication_date) == ("liquidation_judiciaire", date(2026, 9, 30),
                                                                  date(2026, 10, 5))
    assert "1 case file changed" in result.output


def test_conversion_without_its_opening_is_left_for_review(tmp_path):
    path = _one_case(tmp_path)
    before = path.read_bytes()
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950013", **CONVERSION)])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert "to review:" in result.output and "opening" in result.output


@pytest.mark.parametrize("stated,reason", [
    ({"kind": "liquidation_judiciaire", "judgment_date": "2025-01-10"}, "judged on 2025-01-10"),
    ({"kind": "sauvegarde", "judgment_date": "2026-09-30"}, "the case states sauvegarde"),
    ({"struck_off": True}, "struck off"),
])
def test_a_different_stated_value_is_never_overwritten(tmp_path, stated, reason):
    path = _one_case(tmp_path, stated)
    before = path.read_bytes()
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950014")])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1 and reason in result.output, result.output
    assert path.read_bytes() == before


def test_missing_fields_are_filled_never_changed(tmp_path):
    path = _one_case(tmp_path, {"kind": "liquidation_judiciaire", "judgment_date": "2026-09-30",
                                "court": "Tribunal de commerce de Nantes"})
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950015")])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0 and "completed:" in result.output, result.output
    ins = docgen.load_case(path).insolvency
    assert ins.court == "Tribunal de commerce de Nantes"      # as stated, not the notice's
    assert ins.publication_date == date(2026, 10, 5) and ins.administrator.role == "liquidateur"


def test_a_json_case_file_stays_json(tmp_path):
    path = _one_case(tmp_path, suffix="json")
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950016")])
    assert run(export, path.parent.parent, "--as-of", AS_OF.isoformat()).exit_code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["insolvency"]["kind"] == "liquidation_judiciaire"
    assert docgen.validate(path, as_of=AS_OF).valid


def test_a_plan_resolution_is_left_for_review(tmp_path):
    path = _one_case(tmp_path, {"kind": "redressement_judiciaire", "judgment_date": "2025-03-03",
                                "publication_date": "2025-03-10"})
    before = path.read_bytes()
    export = write_json(tmp_path / "e.json", [notice(
        RICO, ident="A202601950019", famille="Jugement prononçant",
        nature="Jugement prononçant la résolution du plan de redressement et la liquidation judiciaire")])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1 and "L626-27" in result.output, result.output
    assert path.read_bytes() == before


def test_a_notice_after_the_as_of_date_is_not_recorded(tmp_path):
    path = _one_case(tmp_path)
    before = path.read_bytes()
    export = write_json(tmp_path / "e.json", [notice(RICO, ident="A202601950017", published="2026-11-02")])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1 and "after the as-of date" in result.output
    assert path.read_bytes() == before


def test_untrusted_strings_are_data(tmp_path):
    path = _one_case(tmp_path)
    hostile = notice(RICO, ident="A202601950018", tribunal='TC "x"\ninsolvency: {struck_off: true}\n\x1b[31m',
                     complement='désignant liquidateur Maître "}\n# x: y\x07, 1 rue A 75001 Paris.')
    export = write_json(tmp_path / "e.json", [hostile])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    ins = docgen.load_case(path).insolvency
    assert ins.kind == "liquidation_judiciaire" and not ins.struck_off
    assert "insolvency:" in ins.court and "\x1b" not in ins.court
    assert ins.administrator.name.startswith('Maître "}')


# --- hostile exports ------------------------------------------------------------------------------

@pytest.mark.parametrize("content,message", [
    ('[{"id": 1,', "not valid JSON"),
    ('{"a": 1}', "not a list of BODACC records"),
    ('"text"', "not a list of BODACC records"),
    ("[" * 100_000 + "]" * 100_000, "nests too deeply"),
])
def test_bad_json_is_exit_2(tmp_path, content, message):
    path = _one_case(tmp_path)
    export = tmp_path / "e.json"
    export.write_text(content, encoding="utf-8")
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2 and message in result.output, result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (RecursionError, KeyError))


@pytest.mark.parametrize("name,content,message", [
    ("e.csv", "a;b\n1;2\n", "no column registre, dateparution, jugement"),
    ("e.csv", b"\xff\xfe\x00b", "binary"),
    ("e.csv", b"registre;dateparution;jugement\n\xe9\n", "not UTF-8"),
    ("e.csv", "registre;dateparution;jugement\n\"" + "x" * 200_000 + "\"\n", "not a readable CSV"),
    ("e.jsonl", '{"id": "A1"}\nnot json\n', "line 2 is not a JSON record"),
])
def test_bad_files_are_exit_2(tmp_path, name, content, message):
    path = _one_case(tmp_path)
    export = tmp_path / name
    if isinstance(content, bytes):
        export.write_bytes(content)
    else:
        export.write_text(content, encoding="utf-8")
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2 and message in result.output, result.output


def test_too_large_an_export_is_refused(tmp_path, monkeypatch):
    path = _one_case(tmp_path)
    monkeypatch.setattr(bodacc, "MAX_EXPORT_BYTES", 1000)
    export = write_json(tmp_path / "e.json", [notice(RICO, ident=f"A2026019500{n:02d}") for n in range(5)])
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2 and "the limit is 1000" in result.output


def test_bad_records_are_set_aside_and_the_others_read(tmp_path):
    path = _one_case(tmp_path)
    good = notice(RICO, ident="A202601950020")
    records = [good, "text", {"id": "A2", "familleavis": "collective", "registre": "123"},
               dict(good, id="A3", jugement="{not json"), dict(good, id="A4", dateparution="05/10/2026"),
               dict(good, id="A5", jugement=""), {"fields": dict(good, id="A6", registre=["913 560 280"])}]
    export = write_json(tmp_path / "e.json", records)
    result = run(export, path.parent.parent, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    for reason in ("not a JSON object", "no valid SIREN", "jugement is not valid JSON", "no valid dateparution",
                   "no jugement"):
        assert reason in result.output
    assert "2 publications read" in result.output and docgen.load_case(path).insolvency is not None


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=40),
                    st.lists(st.text(max_size=12), max_size=3), st.dictionaries(st.text(max_size=8), st.text(max_size=8),
                                                                                 max_size=2))
_KEYS = st.sampled_from(["id", "registre", "dateparution", "jugement", "familleavis", "typeavis", "tribunal",
                         "commercant", "fields", "record"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_VALUES, st.dictionaries(_KEYS, _VALUES, max_size=8)), max_size=6))
def test_any_records_are_read_or_set_aside(records):
    reading = read_records(records)
    assert len(reading.publications) + len(reading.set_aside) + reading.other_notices == len(records)


# --- the reader's rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("famille,nature,complement,expected", [
    ("Jugement d'ouverture", OPENING_LJ, "", ("opening", "liquidation_judiciaire")),
    ("Jugement d'ouverture", "Jugement d'ouverture d'une procédure de redressement judiciaire", "",
     ("opening", "redressement_judiciaire")),
    ("Jugement d'ouverture", "Jugement d’ouverture d’une procédure de sauvegarde accélérée", "", ("opening", "sauvegarde")),
    ("Jugement de conversion", "Jugement de conversion en liquidation judiciaire", "",
     ("conversion", "liquidation_judiciaire")),
    ("Jugement de conversion", "Jugement de conversion de la procédure de sauvegarde en redressement judiciaire", "",
     ("conversion", "redressement_judiciaire")),
    ("Autre jugement", "Autre jugement prononçant", "l'ouverture d'une procédure de liquidation judiciaire",
     ("opening", "liquidation_judiciaire")),
    ("Jugement de clôture", "Jugement de clôture pour insuffisance d'actif", "", ("other", None)),
    ("Autre jugement", "Autre jugement prononçant", "la clôture de la procédure de liquidation judiciaire",
     ("other", None)),
    ("Jugement arrêtant le plan", "Jugement arrêtant le plan de redressement", "", ("other", None)),
    ("Jugement d'ouverture", "Jugement d'ouverture d'une procédure de rétablissement professionnel", "",
     ("other", None)),
    ("Avis de dépôt", "Dépôt de l'état des créances", "liquidation judiciaire", ("other", None)),
    ("Jugement prononçant", "Jugement prononçant la résolution du plan de redressement et la liquidation judiciaire",
     "", ("review", "liquidation_judiciaire")),
])
def test_classify(famille, nature, complement, expected):
    assert classify(famille, nature, complement) == expected


# The natures of the dataset, as annuaire-entreprises' search-infra lists them
# (workflows/data_pipelines/bodacc/rule.yml), with what docgen does with each.
REAL_NATURES = {
    "Jugement d'ouverture de liquidation judiciaire": ("opening", "liquidation_judiciaire"),
    "Jugement d'extension de liquidation judiciaire": ("review", "liquidation_judiciaire"),
    "Jugement de conversion en liquidation judiciaire": ("conversion", "liquidation_judiciaire"),
    "Jugement de conversion en liquidation judiciaire de la procédure de sauvegarde":
        ("conversion", "liquidation_judiciaire"),
    "Jugement prononçant la résolution du plan de sauvegarde et la liquidation judiciaire":
        ("review", "liquidation_judiciaire"),
    "Jugement prononçant la résolution du plan de cession et la liquidation judiciaire":
        ("review", "liquidation_judiciaire"),
    "Jugement mettant fin à la procédure de traitement de sortie de crise et ouvrant une procédure de liquidation "
    "judiciaire": ("opening", "liquidation_judiciaire"),
    "Jugement d'ouverture d'une procédure de redressement judiciaire": ("opening", "redressement_judiciaire"),
    "Jugement d'extension d'une procédure de redressement judiciaire": ("review", "redressement_judiciaire"),
    "Jugement prononçant la résolution du plan de sauvegarde et le redressement judiciaire":
        ("review", "redressement_judiciaire"),
    "Jugement de conversion en redressement judiciaire de la procédure de sauvegarde":
        ("conversion", "redressement_judiciaire"),
    "Jugement d'ouverture d'une procédure de sauvegarde": ("opening", "sauvegarde"),
    "Jugement d'ouverture d'une procédure de sauvegarde accélérée": ("opening", "sauvegarde"),
    "Jugement d'ouverture d'une procédure de sauvegarde financière accélérée": ("opening", "sauvegarde"),
    "Jugement de plan de redressement": ("other", None),
    "Jugement de clôture pour insuffisance d'actif": ("other", None),
    "Jugement de clôture pour insuffisance d'actif et autorisant la reprise des poursuites individuelles":
        ("other", None),
    "Jugement de clôture de la procédure de sauvegarde": ("other", None),
    "Jugement prononçant la clôture de la procédure de rétablissement professionnel": ("other", None),
    "Jugement prononçant la résolution du plan de sauvegarde": ("review", "sauvegarde"),
    "Autre jugement de liquidation des biens": ("other", None),
    "Autre arrêt de la Cour d'Appel": ("other", None),
    "Arrêt de la cour d'appel infirmant une décision soumise à publicité": ("other", None),
    "Jugement d'ouverture d'une procédure de traitement de sortie de crise": ("other", None),
    "Jugement de désignation des organes de la procédure": ("other", None),
    "Jugement accordant un délai pour déposer la liste des créances": ("other", None),
    "Dépôt de l'état des créances": ("other", None),
    "Dépôt de l'état de collocation": ("other", None),
    "Dépôt du projet de répartition": ("other", None),
    "Liste des créances nées après le jugement d'ouverture d'une procédure de liquidation judiciaire": ("other", None),
    "Liste des créances nées après le jugement d'ouverture d'une procédure de redressement judiciaire":
        ("other", None),
    "Autre avis de dépôt": ("other", None),
}


@pytest.mark.parametrize("nature", sorted(REAL_NATURES))
def test_the_datasets_natures(nature):
    assert classify("", nature) == REAL_NATURES[nature]


@pytest.mark.parametrize("complement,expected", [
    ("l'ouverture d'une procédure de liquidation judiciaire", ("opening", "liquidation_judiciaire")),
    ("la liquidation judiciaire", ("review", "liquidation_judiciaire")),
    ("la clôture de la procédure", ("other", None)),
    ("", ("other", None)),
])
@pytest.mark.parametrize("nature", ["Autre jugement prononçant", "Autre jugement d'ouverture"])
def test_other_judgments_read_their_complement(nature, complement, expected):
    if nature == "Autre jugement d'ouverture" and expected == ("review", "liquidation_judiciaire"):
        expected = ("opening", "liquidation_judiciaire")      # its nature says « ouverture »
    assert classify("", nature, complement) == expected


def test_sirens_of():
    assert sirens_of("833 310 592,833310592") == ("833310592",)
    assert sirens_of(["913 560 280", "833310592"]) == ("913560280", "833310592")
    assert sirens_of("123 456 789") == () and sirens_of(None) == () and sirens_of({"a": 1}) == ()


def test_the_persons_list_when_registre_is_empty():
    record = notice(RICO, ident="A202601950030")
    record["registre"] = ""
    record["listepersonnes"] = json.dumps({"personne": [
        {"typePersonne": "pm", "numeroImmatriculation": {"codeRCS": "RCS", "numeroIdentification": "913 560 280",
                                                         "nomGreffeImmat": "Nantes"}},
        {"typePersonne": "pp", "inscriptionRM": {"numeroIdentificationRM": "not a number"}}]})
    reading = read_records([record])
    assert [p.sirens for p in reading.publications] == [(RICO,)]


def test_parse_day():
    assert parse_day("2026-09-30") == date(2026, 9, 30)
    assert parse_day("1er octobre 2026") == date(2026, 10, 1) and parse_day("19 Décembre 2025") == date(2025, 12, 19)
    assert parse_day("2026-02-30") is None and parse_day("30/09/2026") is None and parse_day(None) is None


def test_administrator_of():
    adm = administrator_of("désignant administrateur Maître A, 1 rue B 75001 Paris, désignant mandataire judiciaire "
                           "SCP C et D, 5 bis rue E 75002 Paris.", "redressement_judiciaire")
    assert (adm.role, adm.name, adm.address["street"], adm.address["city"]) == (
        "mandataire", "SCP C et D", "5 bis rue E", "Paris")
    assert administrator_of("Jugement de clôture.", "liquidation_judiciaire") is None
    bare = administrator_of("désignant liquidateur Maître Jean Dupont.", "liquidation_judiciaire")
    assert (bare.role, bare.name, bare.address) == ("liquidateur", "Maître Jean Dupont", None)


def test_reading_a_missing_export_is_a_docgen_error(tmp_path):
    with pytest.raises(DocgenError):
        bodacc.read_export(tmp_path / "none.json")


def test_a_block_changed_since_it_was_read_is_left_alone(tmp_path):
    from docgen.portfolio.record import record_mapping

    path = _one_case(tmp_path, {"struck_off": True})
    before = path.read_bytes()
    new = {"kind": "liquidation_judiciaire", "judgment_date": "2026-09-30"}
    with pytest.raises(DocgenError, match="changed while it was being recorded"):
        record_mapping(path, "insolvency", new, as_of=AS_OF, replacing=None)
    assert path.read_bytes() == before
    assert record_mapping(path, "insolvency", new, as_of=AS_OF, replacing={"struck_off": True})
    assert docgen.load_case(path).insolvency.kind == "liquidation_judiciaire"
    assert not record_mapping(path, "insolvency", new, as_of=AS_OF)       # already so: nothing written
