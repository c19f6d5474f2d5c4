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


def test_as_of_decides_what_is_in_the_future(runner, case_file):
    later = runner.invoke(main, ["validate", str(case_file), "--as-of", "2024-05-03"])
    assert later.exit_code == 2
    assert "error: events[2].date: dated 2024-05-04, after the as-of date 2024-05-03" in later.output


def test_as_of_defaults_to_today(runner, case_data, case_dir):
    case_data["events"][0]["date"] = "2999-01-01"
    result = runner.invoke(main, ["validate", str(write(case_dir / "case.yaml", case_data))])
    assert result.exit_code == 2 and "events[0].date" in result.output


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
