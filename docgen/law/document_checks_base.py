"""What a document rule module shares (``DocumentContext``, ``DocumentRule``), apart from
``document_checks.py``, which runs the rules of document_checks_fr.py / _be.py: they import
this module and not ``document_checks.py``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ..model.case import Case
from .checks_base import Finding
from .decision import Decision
from .statement import Statement

DocumentRule = Callable[["DocumentContext"], Iterable[Finding]]

# Documents that are sent to the debtor or filed with a court (every document docgen renders).
DOCUMENTS = ("relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer", "bordereau_de_pieces",
             "decompte")


@dataclass
class DocumentContext:
    case: Case
    doc: str
    as_of: date
    statement: Statement
    options: dict
    accept_unconfirmed: bool = False
    decisions: list[Decision] = field(default_factory=list)
    uses: list = field(default_factory=list)   # other legal tables the document prints (unconfirmed.py)

    @property
    def assume_last(self) -> bool:
        return bool(self.options.get("assume_last_rate"))
