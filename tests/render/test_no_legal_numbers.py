"""No legal number is written in the rendering code or the templates.

Amounts in euros, percentages, day/month counts and rate margins (« 40 euros », « 1.860 »,
« 8 jours », « quinze jours », « +10 points ») must come from ``docgen/data`` (dated, sourced) or
from the case, through the context. This test reads what the code and the templates would print:
the string literals of ``docgen/render`` (docstrings excepted) and the literal text of every
template (Jinja tags, expressions and comments excepted).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NUMBER_WORDS = r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|" \
               r"trente|quarante|soixante|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|" \
               r"veertien|vijftien|twintig|dertig|veertig|zestig)"
UNITS = r"(?:€|euros?\b|EUR\b|%|pour ?cent\b|procent\b|jours?\b|dagen\b|days?\b|points?\b|procentpunten\b|mois\b|" \
        r"maanden\b|months?\b|ans?\b|jaar\b|years?\b|semaines?\b|weken\b|weeks?\b)"
LEGAL_NUMBER = re.compile(rf"(?<![\w.])\d+(?:[.,\u00a0\u202f ]\d+)*\s*{UNITS}|\b{NUMBER_WORDS}\s+{UNITS}", re.I)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def python_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip]


def template_text(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    # Keep line numbers: replace tags, expressions and comments by as many newlines as they span.
    blank = lambda m: "\n" * m.group(0).count("\n")  # noqa: E731
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", blank, text, flags=re.S)
    # Style sheets and style attributes are layout (« width: 100% »), not text a reader gets.
    text = re.sub(r"<style.*?</style>|style=\"[^\"]*\"", blank, text, flags=re.S | re.I)
    return list(enumerate(text.splitlines(), 1))


def hits(pieces: list[tuple[int, str]]) -> list[str]:
    return [f"{line}: {m.group(0)!r}" for line, text in pieces for m in LEGAL_NUMBER.finditer(text)]


# Grammar, not law: the number itself comes from data and only its spelling is written here.
ALLOWED = {("docgen/render/documents_be.py", "un an"): "« d'un an », the French spelling of a period of one "
                                                         "year read from be.prescription tables"}

SOURCES = sorted((ROOT / "docgen" / "render").rglob("*.py")) + sorted((ROOT / "templates").rglob("*.j2"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_legal_number_outside_the_data(path):
    pieces = python_literals(path) if path.suffix == ".py" else template_text(path)
    rel = str(path.relative_to(ROOT))
    found = [h for h in hits(pieces) if (rel, h.split(": ", 1)[1].strip("'")) not in ALLOWED]
    assert not found, f"{path.relative_to(ROOT)} writes legal numbers itself (move them to docgen/data): {found}"


def test_the_scanner_finds_what_it_must():
    assert hits([(1, "une indemnité de 40 euros")]) and hits([(1, "plafond de 1.860 €")])
    assert hits([(1, "dans un délai de quinze jours")]) and hits([(1, "binnen 8 dagen")])
    assert hits([(1, "majoré de 10 points")]) and hits([(1, "au taux de 2,75 %")])
    assert not hits([(1, "article 1344 du Code civil")]) and not hits([(1, "loi du 2 août 2002")])
