"""Every command's entry point against hostile input (issue 12, "Done when").

Hypothesis (fixed examples: ``derandomize=True``, no example database) builds case files (YAML
and JSON), portfolios with per-case and firm policies, CSV and XLSX imports and firm templates
(HTML and the DOCX skeleton), and runs the commands through click's CliRunner. Whatever the
input, a command must:

- end with a documented exit code: 0 ok, 1 findings, 2 bad input (3 is for signing only);
- print no traceback, and not crash (the runner catches no exception but SystemExit);
- change nothing outside its output (the case file itself for ``record``).

The inputs hold extreme dates, control and bidi characters, huge numbers, newlines in every
string and file name, duplicate keys and small compressed bombs (YAML aliases, a zipped
workbook part, a PDF stream, a PNG). ``DOCGEN_FUZZ_EXAMPLES`` scales the run (default: a
few per command family, well under a minute in all).

A crash in a layer another change is fixing is listed in ``KNOWN`` (by exception type and the
docgen module that raised it) with its minimal reproducer as an ``xfail`` test below; the
fuzz run then tolerates that crash only.
"""
from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import shutil
import tempfile
import traceback
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _shared_case_data():
    """The valid case of tests/conftest.py (``import conftest`` would find whichever conftest
    module pytest loaded first)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_docgen_tests_conftest", Path(__file__).with_name("conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.VALID_CASE, module.write_case_files


VALID_CASE, write_case_files = _shared_case_data()
SCALE = int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "0") or 0)   # 0: the quick default


def fuzz(examples: int):
    return settings(max_examples=max(SCALE, examples), deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), print_blob=True)


# --- the hostile pieces ---------------------------------------------------------------------

HOSTILE_TEXT = [
    "\n", "line one\nline two", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b[2J\x1b[H", "\x1b]0;owned\x07",
    "\x7f", "\x85", "\u202egnp.exe", "\u2066x\u2069", "\u200f", "\ufeff", "\uffff", "\ufffe", "\U0010ffff",
    "é\u0301", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "A" * 5000, "mot" * 200, "{{ 7*7 }}", "{% raw %}", "${HOME}", "&<>\"'",
    "</w:t></w:r>", "<script>alert(1)</script>", "javascript:alert(1)", "%PDF-1.7", "---\n- a", "*alias",
    "&anchor x", "!!python/object:os.system", "# comment", "key: value", "", " ", "null", "~", "yes",
]
EXTREME_DATES = ["0001-01-01", "9999-12-31", "1900-02-28", "1969-12-31", "1970-01-01", "2000-02-29",
                 "2038-01-19", "2100-02-28", "2024-02-30", "2024-13-01", "24-01-01", "2024-1-1",
                 "2024-01-01T00:00:00", "01/02/2024", "99999-01-01", "-2024-01-01"]
AS_OF_DATES = ["2025-01-15", "2026-10-15", "0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01"]
# Mostly the day the valid case is valid on, so that most runs go past validation.
AS_OF = st.one_of(st.just("2025-01-15"), st.just("2025-01-15"), st.sampled_from(AS_OF_DATES))
HUGE_NUMBERS = ["9" * 400 + ".00", "1e300", "1E-300", "-0.00", "0.001", "NaN", "Infinity", "-Infinity",
                "1" + "0" * 30 + ".00", "  12.00 ", "12,00", "0x10", "1_000.00", "٣٠٠.٠٠", "-5000.00"]
DEEP = 3000        # nesting levels: past Python's recursion limit, and quick to refuse
HUGE_VALUES = [10 ** 30, -(10 ** 30), 1e308, float("inf"), float("nan"), 2 ** 63, -1, 0, True, None, [], {}]

FIRM_TEMPLATES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
    "{% include 'passwd_link' %}",
    "{% include 'nope.html.j2' %}",
    "{% extends 'fr/relance/fr.html.j2' %}",
    "{% include 'fr/relance/fr.html.j2' %}",          # includes itself: recursion
    "{{ range(10**7) | list | length }}",
    "{{ 'x' * 100000 }}",
    "{% for i in range(100000) %}{{ i }}{% endfor %}",
    "{{ case.debtor.name }}{{ undefined_thing.attr }}",
    "{% if %}",
    "{{ 1/0 }}",
    "{{ case | attr('__dict__') }}",
    "<img src='file:///etc/passwd'><link rel=stylesheet href='http://127.0.0.1:9/x.css'>",
    "<p>ok \x00 \x1b \u202e</p>",
]

SAFE_NAME = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="/\x00"),
                    min_size=1, max_size=12).filter(lambda n: n not in (".", ".."))
NAME = st.one_of(st.sampled_from(["case", "a\nb", "x\r", "\u202egnp.exe", "\x1b[2J", " lead", "t\tab",
                                  "é", "-dash", "--force", "a" * 200]), SAFE_NAME)


def leaf_paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaf_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaf_paths(value, (*prefix, i))
    else:
        yield prefix


PATHS = list(leaf_paths(VALID_CASE))


def get(data, path):
    for key in path:
        data = data[key]
    return data


def put(data, path, value):
    get(data, path[:-1])[path[-1]] = value


STRING_PATHS = [p for p in PATHS if isinstance(get(VALID_CASE, p), str)]
DATE_PATHS = [p for p in STRING_PATHS if p[-1] in ("date", "issue_date", "due_date")]
AMOUNT_PATHS = [p for p in STRING_PATHS if p[-1] in ("amount", "share_capital", "percent")]
FILE_PATHS = [p for p in STRING_PATHS if p[-1] in ("file", "proof")]


@st.composite
def mutation(draw):
    kind = draw(st.sampled_from(["text", "append", "date", "amount", "value", "drop", "file", "many"]))
    if kind == "text":
        return ("set", draw(st.sampled_from(STRING_PATHS)), draw(st.sampled_from(HOSTILE_TEXT)))
    if kind == "append":
        return ("append", draw(st.sampled_from(STRING_PATHS)), draw(st.sampled_from(HOSTILE_TEXT)))
    if kind == "date":
        return ("set", draw(st.sampled_from(DATE_PATHS)), draw(st.sampled_from(EXTREME_DATES)))
    if kind == "amount":
        return ("set", draw(st.sampled_from(AMOUNT_PATHS)), draw(st.sampled_from(HUGE_NUMBERS)))
    if kind == "value":
        return ("set", draw(st.sampled_from(PATHS)), draw(st.sampled_from(HUGE_VALUES)))
    if kind == "drop":
        return ("drop", draw(st.sampled_from(PATHS)), None)
    if kind == "file":
        return ("rename", draw(st.sampled_from(FILE_PATHS)), draw(NAME))
    return ("many", ("invoices",), draw(st.integers(2, 60)))


FILE_FORMS = ["yaml", "json", "json-as-yaml", "dup-top", "dup-nested", "alias-bomb", "python-tag", "bom",
              "crlf", "utf16", "binary", "deep", "empty", "gzip"]


@st.composite
def case_spec(draw):
    return {
        "mutations": draw(st.one_of(st.lists(mutation(), max_size=1), st.lists(mutation(), max_size=4))),
        "form": draw(st.sampled_from(FILE_FORMS)),
        "folder": draw(NAME),
        "bomb": draw(st.sampled_from([None, "png", "pdf"])),
    }


# --- building the inputs on disk ------------------------------------------------------------

def apply(data: dict, folder: Path, mutations) -> None:
    for op, path, value in mutations:
        try:
            if op == "set":
                put(data, path, value)
            elif op == "append":
                current = get(data, path)
                put(data, path, (current if isinstance(current, str) else str(current)) + value)
            elif op == "drop":
                del get(data, path[:-1])[path[-1]]
            elif op == "rename":
                old = get(data, path)
                if isinstance(old, str) and (folder / old).is_file():
                    new = f"pieces/{value}.pdf"
                    (folder / new).write_bytes((folder / old).read_bytes())
                    put(data, path, new)
            elif op == "many":
                first = data["invoices"][0]
                data["invoices"] = [dict(first, number=f"F-{i}") for i in range(value)]
        except (KeyError, IndexError, TypeError, OSError):
            pass          # an earlier mutation removed or replaced the path: nothing to do


def yaml_text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)


def case_bytes(data: dict, form: str) -> tuple[str, bytes]:
    """(file name, content) of the case file in the given form."""
    as_json = json.dumps(data, ensure_ascii=False, default=str)
    if form == "json":
        return "case.json", as_json.encode("utf-8", "surrogatepass")
    if form == "json-as-yaml":
        return "case.yaml", as_json.encode("utf-8", "surrogatepass")
    if form == "dup-nested":      # {"amount": A, ..., "amount": 100 times A}: the last one must not win
        text = as_json.replace('"amount": "1800.00"', '"amount": "1800.00", "amount": "180000.00"', 1)
        return "case.json", text.encode("utf-8", "surrogatepass")
    text = yaml_text(data)
    if form == "dup-top":
        text += f"reference: {json.dumps(str(data.get('reference', 'X')) + '-2')}\n"
    elif form == "alias-bomb":
        laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
        text = laughs + text + "notes: *a8\n"
    elif form == "python-tag":
        text += "notes: !!python/object/apply:os.system ['echo owned']\n"
    elif form == "bom":
        return "case.yaml", b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    elif form == "crlf":
        text = text.replace("\n", "\r\n")
    elif form == "utf16":
        return "case.yaml", text.encode("utf-16")
    elif form == "binary":
        return "case.yaml", bytes(range(256)) * 4
    elif form == "deep":
        text = "a: " + "[" * DEEP + "]" * DEEP + "\n" + text
    elif form == "empty":
        return "case.yaml", b""
    elif form == "gzip":
        return "case.yaml", zlib.compress(text.encode("utf-8", "surrogatepass") * 50)
    return "case.yaml", text.encode("utf-8", "surrogatepass")


PNG_BOMB = (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + (60000).to_bytes(4, "big") * 2
            + b"\x08\x02\x00\x00\x00" + b"\x00" * 4 + (0).to_bytes(4, "big") + b"IEND\xaeB`\x82")


def pdf_bomb() -> bytes:
    stream = zlib.compress(b"0 0 m 1 1 l S\n" * 400_000)       # 5.6 MB behind about 20 KB
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >> stream\n"
            + stream + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def write_case(parent: Path, spec: dict) -> Path:
    """A case folder under ``parent`` built from ``spec``; returns the folder."""
    folder = parent / spec["folder"]
    folder.mkdir(parents=True, exist_ok=True)
    write_case_files(folder)
    if spec["bomb"] == "png":
        (folder / "pieces" / "cgv.png").write_bytes(PNG_BOMB)
    elif spec["bomb"] == "pdf":
        (folder / "pieces" / "F-2024-101.pdf").write_bytes(pdf_bomb())
    data = copy.deepcopy(VALID_CASE)
    apply(data, folder, spec["mutations"])
    name, content = case_bytes(data, spec["form"])
    (folder / name).write_bytes(content)
    return folder


POLICIES = [
    None,
    "version: 1\ndefault:\n  min_days_between_steps: 3\n",
    "version: 1\ndefault:\n  steps:\n    - {action: \"r\\n1\", doc: relance, level: 1, after_due_days: -5, "
    "done_by: reminder_sent}\n",
    "version: 1\ndefault:\n  min_days_between_steps: " + "9" * 5000 + "\n",
    "version: 1\nversion: 2\n",
    "version: 1\ndefault: {steps: []}\n",
    "version: 1\nFR.B2B: {injunction_margin_days: 1e300}\n",
    "version: 1\ndefault: {dispute: {review_after_days: \"\\x1b[2J\"}}\n",
    "!!python/object/apply:os.system ['echo owned']\n",
    "\xff\xfe binary",
]
# Deeply nested files take seconds each to crash the readers that are not hardened yet (KNOWN):
# in the long runs only (DOCGEN_FUZZ_EXAMPLES), and in the xfail tests below.
DEEP_POLICIES = ["version: 1\ndefault: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n",
                 "version: 1\ndefault: " + "[" * DEEP + "]" * DEEP + "\n"]
if SCALE:
    POLICIES += DEEP_POLICIES


# --- running a command and checking what it did ---------------------------------------------

def snapshot(root: Path, skip: Path | None) -> dict[str, tuple]:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".docgen-cache"]    # the portfolio index: a cache
        here = Path(dirpath)
        if skip is not None and (here == skip or skip in here.parents):
            dirnames[:] = []
            continue
        for name in dirnames:
            path = here / name
            if path != skip:
                state[str(path.relative_to(root))] = ("dir", os.lstat(path).st_mode)
        for name in filenames:
            path = here / name
            if path == skip:
                continue
            info = os.lstat(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() \
                else os.readlink(path) if path.is_symlink() else ""
            state[str(path.relative_to(root))] = ("file", info.st_mode, digest)
    return state


# (exception type, docgen module where it was raised) -> reason: crashes another change is fixing.
# Empty: every crash this fuzzing found (item 10 of issue 12) is fixed, and its reproducer below is
# now a plain regression test.
KNOWN: dict[tuple[str, str], str] = {}


def crash_signature(exc: BaseException) -> tuple[str, str]:
    frames = [f.filename for f in traceback.extract_tb(exc.__traceback__)]
    ours = [f for f in frames if "/docgen/" in f]
    where = ours[-1].split("/docgen/", 1)[1] if ours else "?"
    return type(exc).__name__, f"docgen/{where}"


def run(workspace: Path, args: list[str], output: Path | None, codes=(0, 1, 2)):
    """Run ``docgen ARGS`` in ``workspace``; check exit code, traceback and side effects."""
    before = snapshot(workspace, output)
    cwd = Path.cwd()
    os.chdir(workspace / "cwd")
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(cwd)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        signature = crash_signature(result.exception)
        if signature in KNOWN:
            return result
        raise AssertionError(f"docgen {args!r} crashed: {signature}\n"
                             + "".join(traceback.format_exception(result.exception)))
    try:
        event(f"{args[0]} exit {result.exit_code}")   # pytest --hypothesis-show-statistics
    except InvalidArgument:
        pass                                          # a plain regression test, outside hypothesis
    assert result.exit_code in codes, (args, result.exit_code, result.output[-2000:])
    for stream in (result.stdout, result.stderr):
        assert "Traceback (most recent call last)" not in stream, (args, stream[-3000:])
    after = snapshot(workspace, output)
    assert after == before, (args, {k for k in set(before) | set(after) if before.get(k) != after.get(k)})
    return result


@pytest.fixture
def workspace():
    """A scratch folder per example (hypothesis reuses function-scoped fixtures across examples)."""
    def make() -> Path:
        root = Path(tempfile.mkdtemp(prefix="docgen-fuzz-"))
        (root / "cwd").mkdir()
        return root
    made: list[Path] = []

    def factory() -> Path:
        made.append(make())
        return made[-1]

    yield factory
    for root in made:
        shutil.rmtree(root, ignore_errors=True)


# --- one case: validate, statement, check, render, record ------------------------------------

DOCS = ["relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer", "bordereau_de_pieces", "decompte"]
EVENTS = ["reminder_sent", "formal_notice_sent", "formal_notice_received", "payment_plan_signed",
          "dispute_raised", "injunction_filed"]


@st.composite
def one_case_command(draw):
    command = draw(st.sampled_from(["validate", "statement", "check", "render", "record"]))
    as_of = draw(AS_OF)
    extra: list[str] = []
    if command in ("validate", "statement", "check"):
        extra += draw(st.sampled_from([[], ["--json"]]))
    if command == "statement":
        extra += draw(st.sampled_from([[], ["--assume-last-rate"]]))
    if command == "render":
        extra += [draw(st.sampled_from(DOCS))]
        extra += draw(st.sampled_from([[], ["--force"], ["--level", "2"], ["--option", "days=\n"],
                                       ["--option", "tracking_number=\x1b[2J"]]))
        extra += ["--format", draw(st.sampled_from(["html", "html", "docx", "pdf"]))]
    if command == "record":
        extra += [draw(st.sampled_from(EVENTS)), "--date", draw(st.sampled_from(EXTREME_DATES[:8])),
                  "--channel", draw(st.sampled_from(["email", "registered_letter"])),
                  "--note", draw(st.sampled_from(HOSTILE_TEXT[:20])),
                  *draw(st.sampled_from([[], ["--fee", "9" * 50], ["--tracking", "1A\n2"]]))]
    return command, as_of, extra


@fuzz(40)
@given(spec=case_spec(), command=one_case_command())
def test_one_case_commands(workspace, spec, command):
    root = workspace()
    folder = write_case(root, spec)
    name, as_of, extra = command
    if name == "render":
        doc, rest = extra[0], extra[1:]
        out = root / "out"
        run(root, ["render", doc, str(folder), "--as-of", as_of, "-o", str(out) + "/", *rest], out)
    elif name == "record":
        run(root, ["record", str(folder), *extra, "--as-of", as_of], folder)
    else:
        run(root, [name, str(folder), "--as-of", as_of, *extra], None)


# --- a portfolio: agenda, aging, batch --------------------------------------------------------

@st.composite
def portfolio_spec(draw):
    return {
        "cases": draw(st.lists(case_spec(), min_size=1, max_size=2)),
        "case_policy": draw(st.sampled_from(POLICIES)),
        "firm_policy": draw(st.sampled_from(POLICIES)),
        "command": draw(st.sampled_from(["agenda", "agenda", "aging", "aging", "batch"])),
        "as_of": draw(AS_OF),
        "flags": draw(st.sampled_from([[], ["--json"], ["--assume-last-rate"]])),
        "aging_format": draw(st.sampled_from(["table", "csv", "json", "html"])),
    }


@fuzz(20)
@given(spec=portfolio_spec())
def test_portfolio_commands(workspace, spec):
    root = workspace()
    portfolio = root / "cases"
    for i, case in enumerate(spec["cases"]):
        folder = write_case(portfolio / str(i), case)
        if spec["case_policy"] is not None:
            (folder / "policy.yaml").write_text(spec["case_policy"], encoding="utf-8", errors="surrogatepass")
    args = [spec["command"], str(portfolio), "--as-of", spec["as_of"]]
    if spec["firm_policy"] is not None:
        (root / "firm policy\n.yaml").write_text(spec["firm_policy"], encoding="utf-8", errors="surrogatepass")
        args += ["--policy", str(root / "firm policy\n.yaml")]
    flags = [f for f in spec["flags"] if f != "--json" or spec["command"] == "agenda"]
    out = None
    if spec["command"] == "aging":
        out = root / "aging\nreport.out"
        args += ["--format", spec["aging_format"], "-o", str(out)]
    elif spec["command"] == "batch":
        out = root / "out"
        args += ["-o", str(out), "--doc", "relance", "-j", "1"]
    run(root, [*args, *flags], out)


# --- import: CSV and XLSX ---------------------------------------------------------------------

HEADER = ["Client", "SIREN", "Adresse", "Code postal", "Ville", "N° facture", "Date facture", "Échéance",
          "Montant TTC", "Payé", "Date de paiement"]
GOOD_ROW = ["Café Lune", "552100554", "5 rue Haute", "69001", "Lyon", "C-1", "01/03/2024", "14/04/2024",
            "100,00", "", ""]
CELLS = st.one_of(st.sampled_from(HOSTILE_TEXT), st.sampled_from(HUGE_NUMBERS), st.sampled_from(EXTREME_DATES),
                  st.sampled_from(["2958466", "99999999", "-1", "0", "=1+1", "@SUM(A1)", "31/02/2024", "1 234,56"]))
CREDITOR = ('creditor: {kind: company, name: "Atelier", legal_form: SARL, share_capital: "10000.00", '
            'registration: {scheme: SIREN, number: "732829320"}, '
            'address: {street: "1 rue A", postcode: "69003", city: Lyon, country: FR}}\n')


DEEP_MAPPINGS = ["columns: " + "[" * DEEP + "\n"] if SCALE else []
DEEP_CREDITORS = ["creditor: [" * DEEP] if SCALE else []


@st.composite
def import_spec(draw):
    rows = [list(GOOD_ROW)]
    for _ in range(draw(st.integers(0, 3))):
        row = list(GOOD_ROW)
        for _ in range(draw(st.integers(1, 3))):
            row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
        rows.append(row)
    return {
        "rows": rows,
        "kind": draw(st.sampled_from(["csv", "csv", "csv-utf16", "csv-cr", "csv-latin1", "xlsx", "xlsx-bomb"])),
        "name": draw(NAME),
        "creditor": draw(st.sampled_from([CREDITOR, CREDITOR, None, CREDITOR.replace("Atelier", "At\\x1belier\\nX"),
                                          "creditor: {}\ncreditor: {}\n", *DEEP_CREDITORS])),
        "mapping": draw(st.sampled_from([None, None, None, "columns: {amount: [\"Montant TTC\"]}\n",
                                         "columns: {nope: [x]}\n", *DEEP_MAPPINGS])),
        "flags": draw(st.sampled_from([[], ["--json"], ["--relationship", "B2C"], ["--jurisdiction", "BE"]])),
    }


def csv_bytes(rows, kind: str) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ';"\n\r') else value
    newline = "\r" if kind == "csv-cr" else "\n"
    text = newline.join(";".join(cell(str(v)) for v in row) for row in [HEADER, *rows]) + newline
    if kind == "csv-utf16":
        return text.encode("utf-16", "surrogatepass")
    if kind == "csv-latin1":
        return text.encode("latin-1", "replace")
    return text.encode("utf-8", "surrogatepass")


def xlsx_bytes(rows, bomb: bool) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(["".join(c for c in str(v) if c >= " " or c in "\t\n\r") for v in row])
    out = io.BytesIO()
    book.save(out)
    if not bomb:
        return out.getvalue()
    # The sheet part grows by 3 MB of comment that deflates to a few KB.
    src = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    bombed = io.BytesIO()
    with zipfile.ZipFile(bombed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"?>", b"?><!--" + b"x" * 3_000_000 + b"-->", 1)
            dst.writestr(item.filename, data)
    return bombed.getvalue()


@fuzz(25)
@given(spec=import_spec())
def test_import_command(workspace, spec):
    root = workspace()
    kind = spec["kind"]
    source = root / f"{spec['name']}.{'xlsx' if kind.startswith('xlsx') else 'csv'}"
    source.write_bytes(xlsx_bytes(spec["rows"], kind == "xlsx-bomb") if kind.startswith("xlsx")
                       else csv_bytes(spec["rows"], kind))
    out = root / "cases\nout"
    args = ["import", str(source), "-o", str(out), *spec["flags"]]
    if spec["creditor"] is not None:
        (root / "creditor.yaml").write_text(spec["creditor"], encoding="utf-8")
        args += ["--creditor", str(root / "creditor.yaml")]
    if spec["mapping"] is not None:
        (root / "map.yaml").write_text(spec["mapping"], encoding="utf-8")
        args += ["--mapping", str(root / "map.yaml")]
    result = run(root, args, out, codes=(0, 2))
    # Every case file an import writes must validate (the README's promise).
    for case in out.glob("*/case.yaml") if out.is_dir() else []:
        checked = CliRunner().invoke(main, ["validate", str(case), "--as-of", "2026-10-15"])
        assert checked.exit_code == 0, (result.output, checked.output)


# --- firm templates: HTML and the DOCX skeleton ----------------------------------------------

def docx_skeleton(expression: str) -> bytes:
    from xml.sax.saxutils import escape

    src = zipfile.ZipFile(ROOT / "templates" / "base" / "document.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/footer1.xml":
                clean = "".join(c for c in expression if c >= " ")
                data = data.replace(b"{{ footer }}", escape(clean).encode("utf-8"), 1)
            dst.writestr(item, data)
    return out.getvalue()


@fuzz(15)
@given(body=st.sampled_from(FIRM_TEMPLATES), where=st.sampled_from(["html", "docx"]),
       fmt=st.sampled_from(["html", "docx", "pdf"]))
def test_firm_templates(workspace, body, where, fmt):
    root = workspace()
    case = root / "case"
    case.mkdir()
    write_case_files(case)
    (case / "case.yaml").write_text(yaml_text(VALID_CASE), encoding="utf-8")
    firm = root / "firm"
    (firm / "fr" / "relance").mkdir(parents=True)
    (firm / "fr" / "relance" / "passwd_link").symlink_to("/etc/passwd")
    if where == "html":
        (firm / "fr" / "relance" / "fr.html.j2").write_text(f"<p>{body}</p>\n", encoding="utf-8")
    else:
        (firm / "base").mkdir()
        (firm / "base" / "document.docx").write_bytes(docx_skeleton(body))
        fmt = "docx"
    out = root / "out"
    result = run(root, ["render", "relance", str(case), "--as-of", "2025-01-15", "--templates", str(firm),
                        "--format", fmt, "-o", str(out) + "/"], out)
    for produced in out.glob("*") if out.is_dir() else []:
        text = readable(produced)
        assert b"root:x:0:0" not in text and b"uid=0(" not in text, result.output


def readable(path: Path) -> bytes:
    """The text of an output: HTML as is, a DOCX's XML parts unzipped (a PDF is compressed: the
    sandbox tests of the render layer read it)."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as zf:
            return b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".xml"))
    return path.read_bytes()


# --- reproducers of the crashes this fuzzing found, fixed since: regression tests -------------

def _reproduce(tmp_path, args):
    (tmp_path / "cwd").mkdir()
    return run(tmp_path, args, None)



def test_known_validate_as_of_the_last_day(tmp_path, monkeypatch):
    folder = write_case(tmp_path, {"mutations": [], "form": "yaml", "folder": "case", "bomb": None})
    _reproduce(tmp_path, ["validate", str(folder), "--as-of", "9999-12-31"])


def test_known_policy_nested_deep(tmp_path, monkeypatch):
    write_case(tmp_path / "cases", {"mutations": [], "form": "yaml", "folder": "case", "bomb": None})
    (tmp_path / "policy.yaml").write_text(DEEP_POLICIES[1], encoding="utf-8")
    _reproduce(tmp_path, ["agenda", str(tmp_path / "cases"), "--as-of", "2025-01-15",
                          "--policy", str(tmp_path / "policy.yaml")])


def test_known_policy_with_a_5000_digit_number(tmp_path, monkeypatch):
    write_case(tmp_path / "cases", {"mutations": [], "form": "yaml", "folder": "case", "bomb": None})
    (tmp_path / "policy.yaml").write_text(POLICIES[3], encoding="utf-8")
    _reproduce(tmp_path, ["agenda", str(tmp_path / "cases"), "--as-of", "2025-01-15",
                          "--policy", str(tmp_path / "policy.yaml")])


def test_known_import_with_a_deeply_nested_mapping(tmp_path, monkeypatch):
    (tmp_path / "in.csv").write_bytes(csv_bytes([GOOD_ROW], "csv"))
    (tmp_path / "map.yaml").write_text("columns: " + "[" * DEEP + "\n", encoding="utf-8")
    _reproduce(tmp_path, ["import", str(tmp_path / "in.csv"), "-o", str(tmp_path / "cwd" / "out"),
                          "--mapping", str(tmp_path / "map.yaml")])


def test_known_import_with_a_deeply_nested_creditor(tmp_path, monkeypatch):
    (tmp_path / "in.csv").write_bytes(csv_bytes([GOOD_ROW], "csv"))
    (tmp_path / "creditor.yaml").write_text("creditor: [" * DEEP, encoding="utf-8")
    _reproduce(tmp_path, ["import", str(tmp_path / "in.csv"), "-o", str(tmp_path / "cwd" / "out"),
                          "--creditor", str(tmp_path / "creditor.yaml")])
