"""The DOCX package around the body: core properties, language, and reproducible bytes.

The properties are the PDF's (the HTML's <title>, author and dcterms.created), dated the as-of
date, never the clock; the ZIP entries carry that date too, so the same case and as-of date give
the same bytes, as the PDF does.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timezone

from .htmltree import Node


def head_meta(root: Node) -> dict[str, str]:
    """title, author and created of the HTML's <head>."""
    head = root.find("head")
    meta = {"title": "", "author": "", "created": ""}
    if head is None:
        return meta
    title = head.find("title")
    meta["title"] = " ".join(title.text().split()) if title else ""
    for child in head.children:
        if isinstance(child, Node) and child.tag == "meta":
            name = child.attrs.get("name", "")
            if name == "author":
                meta["author"] = child.attrs.get("content", "")
            elif name == "dcterms.created":
                meta["created"] = child.attrs.get("content", "")
    return meta


def as_of_of(created: str) -> date:
    try:
        return date.fromisoformat(created[:10])
    except ValueError:
        return date(2000, 1, 1)     # a firm's template without the date: still reproducible


def set_core_properties(document, meta: dict[str, str], language: str) -> None:  # noqa: ANN001
    props = document.core_properties
    day = as_of_of(meta["created"])
    moment = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    props.title = meta["title"][:255]
    props.author = props.last_modified_by = meta["author"][:255]
    props.created = props.modified = moment
    props.language = language
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""


def reproducible_zip(data: bytes, day: date) -> bytes:
    """``data`` rewritten with every entry dated ``day`` (a ZIP stores the writer's clock otherwise)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()
