"""Inline HTML (text, <strong>, <em>, <br>) as the runs of one Word paragraph.

Whitespace is collapsed as a browser does it, and no run starts with a space: a space at the
start of a line (the indentation of the template's source) is dropped, and one between two runs
ends the earlier run, so that a restyled run never shows a stray « ␣Noorderlaan 112 ».
Emphasis is run formatting (as <strong> is in the HTML); everything else is in the styles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .htmltree import Node

BLOCK_SKIP = {"script", "style", "head", "title", "meta"}
BREAK = "\n"
_SPACE = re.compile(r"[ \t\r\n]+")
SANS = "Liberation Sans"


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    sans: bool = False

    def inside(self, node: Node) -> "Look":
        classes = node.classes
        return Look(self.bold or node.tag in ("strong", "b", "th") or "bold" in classes,
                    self.italic or node.tag in ("em", "i") or "italic" in classes,
                    self.underline or node.tag == "u" or "label" in classes and node.tag == "span",
                    self.sans or "other-font" in classes)


def segments(node: Node, look: Look) -> list[tuple[str, Look]]:
    """The text of ``node`` as (text, look) pieces, ``BREAK`` for a line break, whitespace tidied."""
    raw: list[tuple[str, Look]] = []

    def walk(n: Node, lk: Look) -> None:
        for child in n.children:
            if isinstance(child, str):
                raw.append((_SPACE.sub(" ", child), lk))
            elif child.tag == "br":
                raw.append((BREAK, lk))
            elif child.tag in BLOCK_SKIP or "pdf-only" in child.classes:
                continue
            else:
                walk(child, lk.inside(child))

    walk(node, look)
    out: list[tuple[str, Look]] = []
    for text, lk in raw:
        if text == BREAK:
            if out and out[-1][0] != BREAK:
                out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
            out.append((BREAK, lk))
            continue
        if not out or out[-1][0] == BREAK or out[-1][0].endswith(" "):
            text = text.lstrip(" ")
        elif text.startswith(" "):
            out[-1] = (out[-1][0] + " ", out[-1][1])
            text = text.lstrip(" ")
        if not text:
            continue
        if out and out[-1][0] != BREAK and out[-1][1] == lk:
            out[-1] = (out[-1][0] + text, lk)
        else:
            out.append((text, lk))
    while out and out[-1][0] == BREAK:
        out.pop()
    if out:
        out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
    return [(t, lk) for t, lk in out if t]


def write_runs(paragraph, node: Node, look: Look = Look()) -> None:  # noqa: ANN001, B008
    for text, lk in segments(node, look):
        if text == BREAK:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(text)
        if lk.bold:
            run.bold = True
        if lk.italic:
            run.italic = True
        if lk.underline:
            run.underline = True
        if lk.sans:
            run.font.name = SANS


def has_text(node: Node) -> bool:
    return bool(node.text().strip())
