"""docgen's own messages in English, French and Dutch (gettext domain ``docgen``, docgen/locale)."""
from __future__ import annotations

import ast
import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pfkit import AS_OF, EXAMPLES, ROOT

from docgen import i18n
from docgen.cli import main
from docgen import aging
from docgen.portfolio.aging import to_html

LOCALE = ROOT / "docgen" / "locale"
LANGS = ("fr", "nl")
_MARKERS = {"_": 1, "N_": 1, "ngettext": 2}


@pytest.fixture(autouse=True)
def _fresh_language():
    yield
    i18n._current = None          # the next message reads the environment again


def _catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "docgen.po").open("rb") as fh:
        return read_po(fh)


def _code_messages() -> set:
    """Every message marked in docgen's code (calls inside f-strings included)."""
    found = set()
    for path in (ROOT / "docgen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _MARKERS:
                args = node.args[:_MARKERS[node.func.id]]
                if args and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    values = tuple(a.value for a in args)
                    found.add(values[0] if len(values) == 1 else values)
    return found


def test_every_marked_message_is_translated():
    """Every message marked in the Python code is in both catalogues, translated, with the same
    placeholders. (The catalogues may hold more: the web pages' templates share them.)"""
    wanted = _code_messages()
    assert len(wanted) > 80
    for lang in LANGS:
        catalog = _catalog(lang)
        ids = {m.id for m in catalog if m.id}
        assert wanted <= ids, (lang, wanted - ids)
        for message in catalog:
            if not message.id:
                continue
            assert not message.fuzzy, (lang, message.id)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), (lang, message.id)
            fields = set(re.findall(r"\{[^}]*\}", message.id if isinstance(message.id, str) else message.id[1]))
            for text in strings:
                assert set(re.findall(r"\{[^}]*\}", text)) <= fields | {"{n}"}, (lang, message.id, text)
                if isinstance(message.id, str):
                    assert set(re.findall(r"\{[^}]*\}", text)) == fields, (lang, message.id, text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_is_its_po_compiled(lang):
    out = io.BytesIO()
    write_mo(out, _catalog(lang))
    fresh = gettext.GNUTranslations(io.BytesIO(out.getvalue()))
    with (LOCALE / lang / "LC_MESSAGES" / "docgen.mo").open("rb") as fh:
        committed = gettext.GNUTranslations(fh)
    assert committed._catalog == fresh._catalog, "run: pybabel compile -d docgen/locale -D docgen"


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "fr_BE.UTF-8"}, "fr"), ({"LANG": "nl_BE"}, "nl"),
    ({"LANG": "de_DE.UTF-8"}, "en"), ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "fr_FR", "LC_ALL": "en_GB.UTF-8"}, "en"), ({"LANGUAGE": "de:nl", "LANG": "fr_FR"}, "nl"),
    ({"LANG": "POSIX"}, "en"), ({"LANG": "fr@euro"}, "fr"),
])
def test_the_language_comes_from_the_environment(environ, expected):
    assert i18n.language_from_environment(environ) == expected


def test_translations_per_request_need_no_global_state():
    assert i18n.translations("nl").gettext("valid") == "geldig"
    assert i18n.translations("fr").ngettext("{n} case", "{n} cases", 2).format(n=2) == "2 dossiers"
    assert i18n.translations("de").gettext("valid") == "valid"
    assert i18n.DOMAIN == "docgen" and (i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "docgen.mo").is_file()


@pytest.mark.parametrize(("lang", "valid", "missing", "error"), [
    ("C.UTF-8", "valid", "Missing option '--as-of'", "error: "),
    ("fr_FR.UTF-8", "valide", "Option manquante '--as-of'", "erreur : "),
    ("nl_BE.UTF-8", "geldig", "Ontbrekende optie '--as-of'", "fout: "),
])
def test_cli_messages_follow_lang(monkeypatch, tmp_path, lang, valid, missing, error):
    monkeypatch.setenv("LANG", lang)
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(EXAMPLES / "be-b2c"), "--as-of", "2026-10-15"])
    assert ok.exit_code == 0 and ok.stdout.splitlines()[-1] == valid
    usage = runner.invoke(main, ["statement", str(EXAMPLES / "fr-b2b")])
    assert usage.exit_code == 2 and missing in usage.stderr
    exists = runner.invoke(main, ["init", "-o", str(EXAMPLES / "fr-b2b" / "case.yaml")])
    assert exists.exit_code == 2 and exists.stderr.startswith(error)


def test_agenda_and_batch_in_french(monkeypatch, portfolio, tmp_path):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    runner = CliRunner()
    text = runner.invoke(main, ["agenda", str(portfolio), "--as-of", "2026-10-15"])
    assert text.exit_code == 0 and text.stdout.startswith("DATE        RETARD  DATE LIMITE  RÉFÉRENCE")
    assert "4 dossiers, 4 actions à faire au 2026-10-15, 0 bloqué" in text.stdout
    both = runner.invoke(main, ["batch", str(portfolio), "--as-of", "2026-10-15", "-o", str(tmp_path / "o"),
                                "--doc", "relance", "--due"])
    assert both.exit_code == 2 and "--doc et --due s'excluent" in both.stderr


def test_aging_html_in_dutch(monkeypatch, portfolio):
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    i18n.use(None)
    page = to_html(aging(portfolio, AS_OF))
    assert '<html lang="nl">' in page and "<h1>Ouderdomsbalans — 2026-10-15</h1>" in page
    assert "<th>Vergoedingen</th>" in page and "<th>Betaalde vergoedingen</th>" in page
    assert "0-30 dagen" in page and "Indemnities" not in page
    i18n.use("en")
    assert '<html lang="en">' in to_html(aging(portfolio, AS_OF))


def test_the_command_starts_without_babel():
    code = "import sys, docgen.cli, docgen.i18n; docgen.i18n._('valid'); print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(ROOT), env={"PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8"})
    assert out.stdout.strip() == "False"
