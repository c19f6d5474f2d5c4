"""A firm's templates are code: HTML templates and DOCX skeletons run in one bounded sandbox
(issue 12, items 3, 7 and 12), and every refusal is a DocgenError naming the template and line."""
from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import DocgenError
from docgen.render.engine import render
from docgen.resources import templates_dir
from renderkit import docx_text  # noqa: E402

AS_OF = date(2024, 9, 30)
ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__['os'].popen('id').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
]
EXHAUSTION = [
    "{{ 'x' * 10**9 }}",
    "{{ ['x'] * 10**8 }}",
    "{{ 7 ** (10**8) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ '%*d'|format(10**9, 1) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set a = 'x' * 1000 %}{{ a|replace('', a)|replace('', a) }}",
    "{% set a = 'x' * 1000 %}{{ ([a] * 5000)|join }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set a = 'x' * 900000 %}{% set b %}{% for i in range(100000) %}{{ a }}{% endfor %}{% endset %}",
]


def _firm_letter(root: Path, body: str) -> Path:
    """A firm's relance whose body is ``body`` on line 3 of the file."""
    folder = root / "fr" / "relance"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fr.html.j2").write_text(
        '{% extends "base/letter.html.j2" %}\n{% block subject %}Relance{% endblock %}\n'
        "{% block body %}<p>Avant</p>" + body + "{% endblock %}\n", encoding="utf-8")
    return root


def _firm_skeleton(root: Path, footer: str) -> Path:
    """The bundled DOCX skeleton with ``footer`` in place of its ``{{ footer }}``."""
    (root / "base").mkdir(parents=True, exist_ok=True)
    source = templates_dir() / "base" / "document.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/footer1.xml":
                assert b"{{ footer }}" in data
                data = data.replace(b"{{ footer }}", footer.replace("&", "&amp;").replace("<", "&lt;")
                                    .replace(">", "&gt;").encode())
            zout.writestr(item, data)
    (root / "base" / "document.docx").write_bytes(out.getvalue())
    return root


# ------------------------------------------------------------------------------- item 3: escapes


@pytest.mark.parametrize("payload", ESCAPES)
def test_escape_attempts_in_a_firm_html_template_are_refused_by_name_and_line(case_data, make_case, tmp_path,
                                                                              payload):
    firm = _firm_letter(tmp_path / "firm", payload)
    with pytest.raises(DocgenError) as info:
        render(make_case(case_data), "relance", AS_OF, "html", templates=firm)
    message = info.value.message
    assert "fr.html.j2, line 3" in message and "refused by the sandbox" in message, message
    assert "uid=" not in message


@pytest.mark.parametrize("payload", ESCAPES)
def test_escape_attempts_in_a_firm_docx_skeleton_are_refused(case_data, make_case, tmp_path, payload):
    firm = _firm_skeleton(tmp_path / "firm", payload)
    with pytest.raises(DocgenError) as info:
        render(make_case(case_data), "relance", AS_OF, "docx", templates=firm)
    message = info.value.message
    assert "document.docx" in message and "refused by the sandbox" in message, message
    assert "uid=" not in message


def test_a_firm_skeleton_still_renders_its_footer_escaped(case_data, make_case, tmp_path):
    case_data["creditor"]["name"] = "Atelier <b>& Fils</b> {{ 7*7 }}"
    firm = _firm_skeleton(tmp_path / "firm", "Cabinet : {{ footer }} ({{ 'ab' * 2 }})")
    text = docx_text(render(make_case(case_data), "relance", AS_OF, "docx", templates=firm))
    assert "Cabinet : Atelier <b>& Fils</b> {{ 7*7 }}" in text and "(abab)" in text


def test_cli_reports_a_hostile_skeleton_with_exit_2_and_no_traceback(case_data, tmp_path):
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "case.yaml").write_text(yaml.safe_dump(case_data, allow_unicode=True), encoding="utf-8")
    firm = _firm_skeleton(tmp_path / "firm", ESCAPES[0])
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", "relance", str(tmp_path / "case"), "--as-of", "2024-09-30",
                                       "--format", "docx", "--templates", str(firm), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "document.docx" in result.output and "Traceback" not in result.output and "uid=" not in result.output
    assert not out.exists()


# ------------------------------------------------------------------------------- item 7: links out


def test_an_include_through_a_link_leaving_the_templates_is_refused(case_data, make_case, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARK-7", encoding="utf-8")
    firm = _firm_letter(tmp_path / "firm", '{% include "leak.txt" %}')
    os.symlink(secret, firm / "leak.txt")
    with pytest.raises(DocgenError) as info:
        render(make_case(case_data), "relance", AS_OF, "html", templates=firm)
    assert "outside the templates folders" in info.value.message and "line 3" in info.value.message
    assert "SECRET-MARK-7" not in info.value.message


def test_a_linked_folder_or_document_leaving_the_templates_is_refused(case_data, make_case, tmp_path):
    outside = _firm_letter(tmp_path / "elsewhere", "<p>SECRET-MARK-7</p>")
    firm = tmp_path / "firm"
    (firm / "fr").mkdir(parents=True)
    os.symlink(outside / "fr" / "relance", firm / "fr" / "relance")        # a linked folder
    with pytest.raises(DocgenError, match="outside the templates folders"):
        render(make_case(case_data), "relance", AS_OF, "html", templates=firm)
    (firm / "fr" / "relance").unlink()
    (firm / "fr" / "relance").mkdir()
    os.symlink(outside / "fr" / "relance" / "fr.html.j2", firm / "fr" / "relance" / "fr.html.j2")
    with pytest.raises(DocgenError, match="outside the templates folders"):
        render(make_case(case_data), "relance", AS_OF, "html", templates=firm)


def test_a_link_inside_the_templates_folder_is_followed(case_data, make_case, tmp_path):
    firm = _firm_letter(tmp_path / "firm", '{% include "shared/mention.html" %}')
    (firm / "shared").mkdir()
    (firm / "shared" / "real.html").write_text("<p>Mention du cabinet</p>", encoding="utf-8")
    os.symlink(firm / "shared" / "real.html", firm / "shared" / "mention.html")
    html = render(make_case(case_data), "relance", AS_OF, "html", templates=firm).decode()
    assert "Mention du cabinet" in html


# ------------------------------------------------------------------------------- item 12: exhaustion


@pytest.mark.parametrize("payload", EXHAUSTION)
def test_exhausting_templates_are_refused_quickly(case_data, make_case, tmp_path, payload):
    firm = _firm_letter(tmp_path / "firm", payload)
    start = time.perf_counter()
    with pytest.raises(DocgenError) as info:
        render(make_case(case_data), "relance", AS_OF, "html", templates=firm)
    assert time.perf_counter() - start < 30
    assert "fr.html.j2, line 3" in info.value.message and "refused by the sandbox" in info.value.message


def test_ordinary_template_arithmetic_and_filters_still_work(case_data, make_case, tmp_path):
    firm = _firm_letter(tmp_path / "firm", "<p>{{ '-' * 5 }}|{{ 2 ** 10 }}|{{ '%05d'|format(42) }}|"
                        "{{ '{:>4}'.format('ab') }}|{{ range(3)|list|join(',') }}|{{ 'a-b'|replace('-', '+') }}|"
                        "{{ invoices|length }}|{{ 'x' ~ 'y' }}</p>")
    html = render(make_case(case_data), "relance", AS_OF, "html", templates=firm).decode()
    assert "-----|1024|00042|  ab|0,1,2|a+b|1|xy" in html


# ------------------------------------------------------------------------------- clean errors


@pytest.mark.parametrize("body, words", [
    ('{% include "nowhere.html" %}', ["line 3", "nowhere.html"]),
    ("{{ range(10**6)|list }}", ["line 3"]),
    ("{{ no_such_variable }}", ["line 3", "no_such_variable"]),
    ("{{ 1 / 0 }}", ["line 3", "ZeroDivisionError"]),
])
def test_template_faults_are_docgen_errors_naming_the_line(case_data, make_case, tmp_path, body, words):
    firm = _firm_letter(tmp_path / "firm", body)
    with pytest.raises(DocgenError) as info:
        render(make_case(case_data), "relance", AS_OF, "pdf", templates=firm)
    assert str(firm / "fr" / "relance" / "fr.html.j2") in info.value.message
    for word in words:
        assert word in info.value.message, info.value.message


def test_a_long_macro_output_is_not_a_value_to_cap(case_data, make_case, tmp_path):
    """The invoice table of thousands of invoices is one macro call: only values a template
    builds are capped, not what it prints."""
    case_data["invoices"] = [dict(case_data["invoices"][0], number=f"F-{k:05d}", description="x" * 900)
                             for k in range(1200)]
    firm = _firm_letter(tmp_path / "firm", "{{ m.invoice_table(invoices)|trim }}")
    html = render(make_case(case_data), "relance", AS_OF, "html", templates=firm, force=True).decode()
    assert len(html) > 1_000_000 and "F-01199" in html
