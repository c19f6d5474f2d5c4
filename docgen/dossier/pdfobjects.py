"""pypdf object plumbing shared by every module of the dossier that writes PDF objects.

pypdf offers no public way to add a free object, to take a stream that is already encoded or
to forget objects nothing points to any more; these helpers keep that private-API use in one
place, together with the page-level lookups (resources, content list) that stamping, image
pages and normalisation all need.
"""
from __future__ import annotations

import io

from pypdf import PageObject, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject, NameObject, StreamObject

MM = 72 / 25.4


def add_object(writer: PdfWriter, obj) -> IndirectObject:  # noqa: ANN001
    return writer._add_object(obj)  # noqa: SLF001 - pypdf's only way to add a free object


def stream(data: bytes, entries: dict | None = None, compress: bool = True) -> StreamObject:
    """A stream of ``data``, Flate-compressed unless ``compress`` is False (tiny q / Q streams)."""
    obj = DecodedStreamObject()
    obj.set_data(data)
    for key, value in (entries or {}).items():
        obj[NameObject(key)] = value
    return obj.flate_encode() if compress else obj


def encoded_stream(data: bytes, entries: dict | None = None) -> StreamObject:
    """A stream whose ``data`` is already encoded (JPEG, PNG pixels, pre-compressed files): written as is."""
    obj = StreamObject()
    obj._data = data  # noqa: SLF001 - pypdf would otherwise encode it again
    for key, value in (entries or {}).items():
        obj[NameObject(key)] = value
    return obj


def sub_resources(page: PageObject, kind: str) -> DictionaryObject:
    """The page's /Resources/<kind> dictionary, created when absent."""
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = page["/Resources"].get_object()
    if kind not in resources:
        resources[NameObject(kind)] = DictionaryObject()
    return resources[kind].get_object()


def content_items(page: PageObject) -> list:
    """The entries of the page's /Contents, a single stream or an array, as a list."""
    raw = page.get("/Contents")
    if raw is None:
        return []
    obj = raw.get_object()
    return list(obj) if isinstance(obj, ArrayObject) else [raw]


def content_refs(writer: PdfWriter, page: PageObject) -> list[IndirectObject]:
    """The page's content streams as a list of indirect references (the form appending needs)."""
    refs = []
    for item in content_items(page):
        if isinstance(item, IndirectObject):
            refs.append(item)
        elif isinstance(item.get_object(), StreamObject):
            refs.append(add_object(writer, item.get_object()))
    return refs


def drop_unreachable(writer: PdfWriter) -> int:
    """Free the objects nothing points to any more (the cover's first XMP packet and outline,
    flattened annotations, merged form fields): they would be written out otherwise."""
    objects = writer._objects  # noqa: SLF001 - pypdf keeps every object ever added in this list
    reachable: set[int] = set()
    stack: list = [writer.root_object]
    info = writer._info  # noqa: SLF001
    if info is not None:
        stack.append(info)
    for obj in (writer.root_object, info):
        ref = getattr(obj, "indirect_reference", None)
        if ref is not None:
            reachable.add(ref.idnum)
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.pdf is not writer or obj.idnum in reachable or not 0 < obj.idnum <= len(objects):
                continue
            reachable.add(obj.idnum)
            obj = objects[obj.idnum - 1]
        if isinstance(obj, DictionaryObject):          # streams included
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    dropped = 0
    for index in range(len(objects)):
        if objects[index] is not None and index + 1 not in reachable:
            objects[index] = None
            dropped += 1
    return dropped


def pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
