"""Reading one business term out of an element: text, date or amount, with an error that names
the XPath and the business term when a required one is missing or unreadable."""
from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from .model import EInvoiceError


class Reader:
    def __init__(self, root: etree._Element, namespaces: dict[str, str], file: Path) -> None:
        self.root, self.ns, self.file = root, namespaces, file

    def nodes(self, path: str, at: etree._Element | None = None) -> list[etree._Element]:
        return [n for n in (at if at is not None else self.root).xpath(path, namespaces=self.ns)
                if isinstance(n, etree._Element)]

    def text(self, path: str, at: etree._Element | None = None) -> str | None:
        for node in self.nodes(path, at):
            value = " ".join((node.text or "").split())
            if value:
                return value
        return None

    def texts(self, path: str, at: etree._Element | None = None) -> tuple[str, ...]:
        return tuple(t for n in self.nodes(path, at) if (t := (n.text or "").strip()))

    def attr(self, path: str, name: str, at: etree._Element | None = None) -> str | None:
        for node in self.nodes(path, at):
            value = (node.get(name) or "").strip()
            if value:
                return value
        return None

    def required(self, path: str, term: str) -> str:
        value = self.text(path)
        if value is None:
            raise EInvoiceError(self.file, f"{path} ({term})", "missing")
        return value

    def day(self, path: str, term: str, *, required: bool = False) -> date | None:
        value = self.required(path, term) if required else self.text(path)
        if value is None:
            return None
        for fmt in ("%Y-%m-%d", "%Y%m%d"):       # UBL xsd:date, CII format 102
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise EInvoiceError(self.file, f"{path} ({term})", f"not a date: {value[:40]!r}")

    def amount(self, path: str, term: str, *, required: bool = False) -> Decimal | None:
        value = self.required(path, term) if required else self.text(path)
        if value is None:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise EInvoiceError(self.file, f"{path} ({term})", f"not an amount: {value[:40]!r}") from None
        if not number.is_finite():
            raise EInvoiceError(self.file, f"{path} ({term})", f"not an amount: {value[:40]!r}")
        return number

    def binary(self, node: etree._Element, term: str) -> bytes:
        try:
            return base64.b64decode("".join((node.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            raise EInvoiceError(self.file, f"{node.getroottree().getpath(node)} ({term})",
                                "the attached document is not valid base64") from None
