"""Small helpers to mutate a case mapping by field path (``invoices[0].due_date``)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

DELETE = object()
_TOKEN = re.compile(r"([A-Za-z_0-9]+)|\[(\d+)\]")

Mutation = Callable[[dict, Path], None]


def parts(path: str) -> list:
    return [int(index) if index else key for key, index in _TOKEN.findall(path)]


def put(data: Any, path: str | tuple, value: Any) -> None:
    """Set (or DELETE) the node at a field path, given as text or as a tuple of keys/indexes."""
    *head, last = parts(path) if isinstance(path, str) else path
    node = data
    for part in head:
        node = node[part]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value


def sets(changes: dict[str, Any]) -> Mutation:
    """A mutation applying ``{path: value}`` in order (value DELETE removes the key or item)."""
    def mutate(data: dict, folder: Path) -> None:
        for path, value in changes.items():
            put(data, path, value() if callable(value) else value)
    return mutate


def chain(*mutations: Mutation) -> Mutation:
    def mutate(data: dict, folder: Path) -> None:
        for m in mutations:
            m(data, folder)
    return mutate


def copy_file(source: str, target: str) -> Mutation:
    """Copy one of the case's files under a new name (to give it a misleading extension)."""
    def mutate(data: dict, folder: Path) -> None:
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        (folder / target).write_bytes((folder / source).read_bytes())
    return mutate


def write_file(target: str, content: bytes) -> Mutation:
    def mutate(data: dict, folder: Path) -> None:
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        (folder / target).write_bytes(content)
    return mutate


def symlink(link: str, to: str | Callable[[Path], Path]) -> Mutation:
    def mutate(data: dict, folder: Path) -> None:
        target = to(folder) if callable(to) else folder / to
        (folder / link).parent.mkdir(parents=True, exist_ok=True)
        (folder / link).symlink_to(target)
    return mutate


def mkdir(relative: str) -> Mutation:
    def mutate(data: dict, folder: Path) -> None:
        (folder / relative).mkdir(parents=True)
    return mutate


def belgian(language: str = "fr") -> Mutation:
    """The valid case moved to Belgium: BE parties, BCE numbers, BE IBAN."""
    return sets({
        "jurisdiction": "BE", "language": language,
        "creditor": lambda: {
            "kind": "company", "name": "Bouw BV", "legal_form": "SRL",
            "registration": {"scheme": "BCE", "number": "0417497106"}, "vat_number": "BE0417497106",
            "address": {"street": "Meir 1", "postcode": "2000", "city": "Antwerpen", "country": "BE"},
            "email": "info@bouw.example", "iban": "BE71096123456769", "bic": "GEBABEBB",
            "signatory": {"name": "Jan Peeters", "title": "Zaakvoerder"}},
        "debtor": lambda: {
            "kind": "company", "name": "Klant NV", "legal_form": "SA",
            "registration": {"scheme": "BCE", "number": "0202239951"},
            "address": {"street": "Avenue Louise 54", "postcode": "1050", "city": "Bruxelles", "country": "BE"},
            "email": "compta@klant.example"},
    })


def consumer_debtor() -> dict:
    return {"kind": "person", "civility": "Mme", "first_name": "Julie", "last_name": "Roux",
            "address": {"street": "8 rue Mercière", "postcode": "69002", "city": "Lyon", "country": "FR"},
            "email": "julie.roux@mail.example"}


def get(data: Any, path: str | tuple) -> Any:
    for part in parts(path) if isinstance(path, str) else path:
        data = data[part]
    return data


def leaf_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every node of a case mapping, containers included, as tuples of keys and indexes."""
    if isinstance(node, dict):
        items = [(prefix + (k,), v) for k, v in node.items()]
    elif isinstance(node, list):
        items = [(prefix + (i,), v) for i, v in enumerate(node)]
    else:
        return []
    out = []
    for path, child in items:
        out.append(path)
        out += leaf_paths(child, path)
    return out
