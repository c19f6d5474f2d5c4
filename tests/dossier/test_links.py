"""Links of a pièce reach the dossier rebuilt, never copied (issue 12, item 4): only /Type
/Subtype /Rect /Border /F and an /A that is exactly « /S /URI » to an http, https or mailto
target. Checked in the dossier's bytes with qpdf --json, an independent reader."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DictionaryObject, NameObject, NumberObject, RectangleObject,
                           TextStringObject)

from .conftest import build, copy_example, load, needs_qpdf

QUOTE = "pieces/devis-D-2023-052-signe.pdf"
ALLOWED = {"/Type", "/Subtype", "/Rect", "/Border", "/F", "/A"}


def _action(uri: str, **extra) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(uri)})
    for key, value in extra.items():
        action[NameObject("/" + key)] = value
    return action


def _javascript(code: str) -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)})


def _link(y: int, action: DictionaryObject, **extra) -> DictionaryObject:
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): RectangleObject([50, y, 250, y + 12]), NameObject("/A"): action,
        NameObject("/Border"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(2)]),
        NameObject("/H"): NameObject("/I"),
    })
    for key, value in extra.items():
        link[NameObject("/" + key)] = value
    return link


def _hostile_links(path: Path) -> None:
    writer = PdfWriter(clone_from=path)
    links = [
        _link(700, _action("https://www.example.org/facture")),                                  # kept as is
        _link(680, _action("mailto:compta@example.org")),                                        # kept
        _link(660, _action("https://www.example.org/next", Next=_javascript("app.alert('next')"))),  # kept, no /Next
        _link(640, _action("https://www.example.org/aa"),                                        # kept, no /AA
              AA=DictionaryObject({NameObject("/E"): _javascript("app.alert('aa')")})),
        _link(620, _action("javascript:app.alert('uri')")),                                      # dropped
        _link(600, _action(" JavaScript:app.alert('upper')")),                                   # dropped
        _link(580, _action("file:///etc/passwd")),                                               # dropped
        _link(560, _javascript("app.alert('direct')")),                                          # dropped
        _link(540, _action("https://www.example.org/\u00e9t\u00e9")),                            # kept, ASCII
    ]
    writer.pages[0][NameObject("/Annots")] = ArrayObject(writer._add_object(link) for link in links)  # noqa: SLF001
    writer.write(path)


def _qpdf_objects(pdf: bytes, tmp_path: Path) -> dict:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", str(path)], capture_output=True, check=True).stdout
    objects = json.loads(out)["qpdf"][1]
    return {key: value.get("value") for key, value in objects.items() if key.startswith("obj:")}


def _text(value: str) -> str:
    """qpdf's JSON strings: « u:text » or « b:hex »."""
    return value[2:] if value.startswith("u:") else bytes.fromhex(value[2:]).decode("latin-1")


@needs_qpdf
def test_links_of_a_piece_are_rebuilt_with_web_and_mail_targets_only(tmp_path):
    folder = copy_example("fr-b2b", tmp_path)
    _hostile_links(folder / QUOTE)
    dossier = build(load("", folder))
    objects = _qpdf_objects(dossier.pdf, tmp_path)

    def resolve(value):  # noqa: ANN001, ANN202
        return objects[f"obj:{value}"] if isinstance(value, str) and value.endswith(" R") else value

    links = [v for v in objects.values() if isinstance(v, dict) and v.get("/Subtype") == "/Link"]
    targets = []
    for link in links:
        assert set(link) <= ALLOWED, link
        action = resolve(link["/A"])
        assert set(action) == {"/S", "/URI"} and action["/S"] == "/URI", action
        target = _text(resolve(action["/URI"]))
        assert target.split(":")[0] in ("http", "https", "mailto") and target.isascii(), target
        assert link["/F"] == 4
        targets.append(target)
    assert sorted(targets) == sorted(["https://www.example.org/facture", "mailto:compta@example.org",
                                      "https://www.example.org/next", "https://www.example.org/aa",
                                      "https://www.example.org/%C3%A9t%C3%A9"])
    everything = json.dumps(objects)
    assert "/JavaScript" not in everything and '"/JS"' not in everything and '"/AA"' not in everything
    assert "app.alert" not in everything and "file:" not in everything
