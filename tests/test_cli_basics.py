"""docgen validate / init / schema: output, exit codes, never a traceback."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.model.schema import render

AS_OF = ["--as-of", "2025-01-15"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def case_file(case_data, case_dir):
    path = case_dir / "case.yaml"
    path.write_text(yaml.safe_dump(case_data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- validate -----------------------------------------------------------------------------

def test_validate_a_valid_case(runner, case_file):
    result = runner.invoke(main, ["validate", str(case_file), *AS_OF])
    assert result.exit_code == 0, result.output
    assert result.output == "valid\n"


def test_validate_a_folder(runner, case_file):
    result = runner.invoke(main, ["validate", str(case_file.parent), *AS_OF])
    assert result.exit_code == 0 and result.output.endswith("valid\n")


def test_validate_valid_with_warnings(runner, case_data, case_dir):
    case_data["debtor"].pop("email")
    del case_data["creditor"]["share_capital"]
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data)), *AS_OF])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "warning: debtor.email: no e-mail address for the debtor",
        "warning: creditor.share_capital: a French SARL must state its share capital on its invoices "
        "and letters (C. com. R123-238): add share_capital",
        "valid",
    ]


def test_validate_lists_every_problem_and_exits_2(runner, case_data, case_dir):
    case_data["invoices"][0]["due_date"] = "2024-01-01"
    case_data["invoices"][1]["amount"] = "600,00"
    case_data["debtor"]["telephone"] = "04"
    case_data["payments"][0]["invoice"] = "F-9"
    case_data["exhibits"][0]["file"] = "../../etc/passwd"
    case_data["debtor"].pop("email")
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data)), *AS_OF])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[-1] == "invalid: 5 errors"
    paths = {line.split(": ")[1] for line in lines[:-1]}
    assert paths == {"invoices[0].due_date", "invoices[1].amount", "debtor.telephone", "payments[0].invoice",
                     "exhibits[0].file", "debtor.email"}
    assert lines[-2].startswith("warning: debtor.email")  # errors first, then warnings
    assert "Traceback" not in result.output


def test_validate_one_error_is_singular(runner, case_data, case_dir):
    case_data["language"] = "nl"
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data)), *AS_OF])
    assert result.exit_code == 2 and result.output.splitlines()[-1] == "invalid: 1 error"


def test_validate_json(runner, case_data, case_dir):
    case_data["debtor"].pop("email")
    case_data["creditor"]["iban"] = "FR00"
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data)), *AS_OF, "--json"])
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["valid"] is False
    assert [e["path"] for e in report["errors"]] == ["creditor.iban"]
    assert report["warnings"] == [{"path": "debtor.email", "message": "no e-mail address for the debtor"}]


def test_validate_json_valid(runner, case_file):
    result = runner.invoke(main, ["validate", str(case_file), *AS_OF, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"valid": True, "errors": [], "warnings": []}


def test_items_after_the_as_of_date_are_outside_not_errors(runner, case_file):
    later = runner.invoke(main, ["validate", str(case_file), "--as-of", "2024-05-03"])
    assert later.exit_code == 0, later.output
    assert "events[2].date" not in later.output


def test_dates_after_today_are_warnings(runner, case_data, case_dir):
    case_data["events"][0]["date"] = "2199-01-01"
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data))])
    assert result.exit_code == 0, result.output
    assert "warning: events[0].date: dated 2199-01-01, after today (" in result.output


def test_a_bad_as_of_is_a_usage_error(runner, case_file):
    result = runner.invoke(main, ["validate", str(case_file), "--as-of", "15/01/2025"])
    assert result.exit_code == 2
    assert "is not a date in the form YYYY-MM-DD" in result.output


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"- just\n- a list\n", b"a: [unclosed\n",
                                     b"\xff\xfe\xfd", b""])
def test_unusable_files_exit_2_with_a_message(runner, tmp_path, content):
    (tmp_path / "case.yaml").write_bytes(content)
    result = runner.invoke(main, ["validate", str(tmp_path / "case.yaml"), *AS_OF])
    assert result.exit_code == 2
    assert result.output.startswith("error: (file): ")
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name", ["absent.yaml", "x" * 5000, "nowhere/case.yaml"])
def test_missing_or_unopenable_paths(runner, tmp_path, name):
    result = runner.invoke(main, ["validate", str(tmp_path / name)])
    assert result.exit_code == 2 and result.output.startswith("error: (file): ")
    assert isinstance(result.exception, SystemExit)


def test_a_symlinked_exhibit_and_a_path_outside(runner, case_data, case_dir):
    (case_dir / "pieces" / "passwd.pdf").symlink_to("/etc/passwd")
    case_data["exhibits"].append({"title": "x", "file": "pieces/passwd.pdf"})
    case_data["exhibits"].append({"title": "y", "file": "../../../../etc/passwd"})
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data)), *AS_OF])
    assert result.exit_code == 2
    assert "error: exhibits[1].file: symbolic links are not accepted" in result.output
    assert "error: exhibits[2].file: the path leaves the case folder" in result.output


def test_python_m_docgen_exit_codes(case_file, case_data):
    ok = subprocess.run([sys.executable, "-m", "docgen", "validate", str(case_file), *AS_OF],
                        capture_output=True, text=True, timeout=60)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "valid\n", "")
    case_data["invoices"][0]["amount"] = 1800.5
    bad = write(case_file, case_data)
    ko = subprocess.run([sys.executable, "-m", "docgen", "validate", str(bad), *AS_OF],
                        capture_output=True, text=True, timeout=60)
    assert ko.returncode == 2
    assert "error: invoices[0].amount: write amounts as quoted decimal strings" in ko.stdout
    assert "Traceback" not in ko.stderr
    binary = case_file.parent / "binary.yaml"
    binary.write_bytes(bytes(range(256)))
    ko = subprocess.run([sys.executable, "-m", "docgen", "validate", str(binary)],
                        capture_output=True, text=True, timeout=60)
    assert ko.returncode == 2 and "binary file" in ko.stdout and "Traceback" not in ko.stderr


# --- init ---------------------------------------------------------------------------------

STARTERS = [("FR", "B2B", None), ("FR", "B2C", "fr"), ("BE", "B2B", "fr"), ("BE", "B2B", "nl"),
            ("BE", "B2C", "fr"), ("BE", "B2C", "nl")]


@pytest.mark.parametrize(("jurisdiction", "relationship", "language"), STARTERS)
def test_init_writes_a_commented_starter_that_validates(runner, tmp_path, jurisdiction, relationship, language):
    out = tmp_path / "dossier" / "case.yaml"
    args = ["init", "--jurisdiction", jurisdiction, "--relationship", relationship, "-o", str(out)]
    args += ["--language", language] if language else []
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and result.output == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# docgen case file") and "# REPLACE" in text
    data = yaml.safe_load(text)
    assert (data["jurisdiction"], data["relationship"], data["language"]) == (
        jurisdiction, relationship, language or "fr")
    checked = runner.invoke(main, ["validate", str(out), "--json"])  # as of today
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.output)
    assert report["errors"] == []
    assert [w["path"] for w in report["warnings"]] == ["invoices[0].file"]


def test_init_defaults_to_case_yaml_in_the_current_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init"])
    assert result.exit_code == 0 and result.output == "wrote case.yaml\n"
    assert runner.invoke(main, ["validate", "."]).exit_code == 0


def test_init_refuses_dutch_outside_belgium(runner, tmp_path):
    result = runner.invoke(main, ["init", "--language", "nl", "-o", str(tmp_path / "case.yaml")])
    assert result.exit_code == 2
    assert "exist only for Belgian cases" in result.output
    assert not (tmp_path / "case.yaml").exists()


def test_init_does_not_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "case.yaml"
    out.write_text("mine", encoding="utf-8")
    refused = runner.invoke(main, ["init", "-o", str(out)])
    assert refused.exit_code == 2 and "already exists" in refused.output
    assert out.read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(main, ["init", "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# docgen case file")


@pytest.mark.parametrize("args", [["init", "--jurisdiction", "DE"], ["init", "--relationship", "B2G"],
                                  ["init", "--language", "de"]])
def test_init_rejects_unknown_choices(runner, tmp_path, args):
    result = runner.invoke(main, [*args, "-o", str(tmp_path / "case.yaml")])
    assert result.exit_code == 2 and "Invalid value" in result.output


# --- schema and help ----------------------------------------------------------------------

def test_schema_prints_the_json_schema(runner):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == render()
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("command", [[], ["validate"], ["init"], ["schema"]])
def test_help(runner, command):
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


# --- hermetic tests (issue 12, item 18) ---------------------------------------------------

def test_the_readme_block_exported_password_does_not_leak_into_the_tests(tmp_path):
    """The README's block exports DOCGEN_SIGN_PASSWORD; the tests of the password prompt must
    still pass in that shell (the autouse fixture of tests/conftest.py clears DOCGEN_*)."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "DOCGEN_SIGN_PASSWORD": "demo-only", "DOCGEN_ANYTHING": "x", "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-rA", "-p", "no:cacheprovider", "tests/sign/test_cli_sign.py",
         "-k", "password_from_hidden_prompt or no_password_and_no_terminal_exit_3"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.count("PASSED tests/sign/test_cli_sign.py::") == 2


def test_no_docgen_variable_reaches_a_test():
    assert [n for n in os.environ if n.startswith("DOCGEN_")] == []


# --- OS errors and refused templates: exit 2 naming the path (issue 12, item 15) -----------

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "fr-b2b"
RENDER = ["render", "decompte", str(EXAMPLE), "--as-of", "2026-10-15", "--accept-unconfirmed"]


def clean_exit_2(result, *names):
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)            # handled, not a crash
    assert "Traceback" not in result.output and result.output.startswith("error: ")
    for name in names:
        assert str(name) in result.output


def os_failure(code, message):
    def fail(*args, **kwargs):
        raise OSError(code, message)        # as write() raises it: no file name
    return fail


@pytest.mark.parametrize("code, hint", [(28, "the disk is full"), (27, "too large"),
                                        (13, "Permission denied"), (30, "read-only")])
def test_write_errors_name_the_file(runner, tmp_path, monkeypatch, code, hint):
    import docgen.atomic

    monkeypatch.setattr(docgen.atomic.os, "fsync", os_failure(code, os.strerror(code)))
    out = tmp_path / "case.yaml"
    result = runner.invoke(main, ["init", "-o", str(out)])
    clean_exit_2(result, out, hint)
    assert os.listdir(tmp_path) == []          # nor a temporary file


def test_a_read_only_folder(runner, tmp_path, monkeypatch):
    import docgen.atomic

    def refuse(*args, dir=None, **kwargs):     # what mkstemp raises in a read-only folder, even as root
        raise PermissionError(13, "Permission denied", str(dir) + "/.case.yaml.x.tmp")

    monkeypatch.setattr(docgen.atomic.tempfile, "mkstemp", refuse)
    result = runner.invoke(main, ["init", "-o", str(tmp_path / "case.yaml")])
    clean_exit_2(result, tmp_path / "case.yaml", "Permission denied")


@pytest.mark.parametrize("command", [["init", "-o", "{file}/sub/case.yaml"],
                                     [*RENDER, "-o", "{file}/letter.pdf"],
                                     ["aging", str(EXAMPLE.parent), "--as-of", "2026-10-15", "-o", "{file}/a.csv",
                                      "--format", "csv"]])
def test_output_under_a_file(runner, tmp_path, command):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(main, [c.format(file=blocker) for c in command])
    clean_exit_2(result, blocker)
    assert blocker.read_text() == "not a folder"


def test_render_into_a_folder_uses_the_default_name(runner, tmp_path):
    existing = tmp_path / "letters"
    existing.mkdir()
    result = runner.invoke(main, [*RENDER, "-o", str(existing)])
    assert result.exit_code == 0, result.output
    assert (existing / "RICO-2024-017_decompte.pdf").read_bytes().startswith(b"%PDF-")
    new = tmp_path / "new"
    result = runner.invoke(main, [*RENDER, "-o", f"{new}/", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert (new / "RICO-2024-017_decompte.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")


def test_render_infers_the_format_from_the_extension(runner, tmp_path):
    result = runner.invoke(main, [*RENDER, "-o", str(tmp_path / "letter.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "letter.docx").read_bytes()[:2] == b"PK"        # a DOCX, not a PDF under its name


@pytest.mark.parametrize("args, message", [(["-o", "letter.docx", "--format", "pdf"], "does not match"),
                                           (["-o", "letter.odt"], "give --format")])
def test_render_refuses_a_format_it_cannot_honour(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, [*RENDER, *args])
    clean_exit_2(result, message)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("body, expected", [
    ("a\n\n{{ cycler.__init__.__globals__ }}\n", ["line 3", "refused by the sandbox"]),
    ("a\n{% include 'nope.html.j2' %}\n", ["line 2", "nope.html.j2"]),
    ("{{ range(10**9) | list }}\n", ["line 1", "refused by the sandbox"]),
])
def test_templates_the_sandbox_refuses_name_the_template_and_line(runner, tmp_path, body, expected):
    template = tmp_path / "firm" / "fr" / "decompte" / "fr.html.j2"
    template.parent.mkdir(parents=True)
    template.write_text(body, encoding="utf-8")
    result = runner.invoke(main, [*RENDER, "--templates", str(tmp_path / "firm"), "-o", str(tmp_path / "x.pdf")])
    clean_exit_2(result, "fr.html.j2", *expected)
    assert not (tmp_path / "x.pdf").exists()


def test_terminal_escapes_in_messages_are_shown_not_obeyed(runner, tmp_path):
    out = tmp_path / "file\x1b]0;owned\x07\u202egnp.exe"
    out.write_text("x")
    result = runner.invoke(main, ["init", "-o", str(out / "case.yaml")])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b]0;owned\\x07\\u202egnp.exe" in result.output


def test_import_leaves_no_empty_folder_when_the_disk_is_full(runner, tmp_path, monkeypatch):
    import docgen.atomic

    source = tmp_path / "in.csv"
    source.write_text("Client;SIREN;Adresse;Code postal;Ville;N° facture;Date facture;Échéance;Montant TTC\n"
                      "Café Lune;552100554;5 rue Haute;69001;Lyon;C-1;01/03/2024;14/04/2024;100,00\n",
                      encoding="utf-8")
    (tmp_path / "creditor.yaml").write_text(
        'creditor: {kind: company, name: "Atelier", legal_form: SARL, share_capital: "10000.00", '
        'registration: {scheme: SIREN, number: "732829320"}, '
        'address: {street: "1 rue A", postcode: "69003", city: Lyon, country: FR}}\n', encoding="utf-8")
    monkeypatch.setattr(docgen.atomic.os, "fsync", os_failure(28, "No space left on device"))
    args = ["import", str(source), "-o", str(tmp_path / "cases"), "--creditor", str(tmp_path / "creditor.yaml")]
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert list((tmp_path / "cases").iterdir()) == []
    monkeypatch.undo()
    again = runner.invoke(main, args)                   # room again: the case is imported this time
    assert again.exit_code == 0, again.output
    assert len(list((tmp_path / "cases").glob("*/case.yaml"))) == 1
