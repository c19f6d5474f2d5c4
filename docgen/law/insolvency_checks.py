"""Findings about the debtor's collective proceedings: for the case (``docgen check``) and for a
document (``render``). The rules rest on docgen.law.insolvency; rule ids are public names."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .checks_base import Context, Finding
from .decisions import decide_rate
from .insolvency import (COURT_OR_BAILIFF_DOCUMENTS, DECLARATION_BASIS, STAY_BASIS, STAYED_DOCUMENTS,
                         STRUCK_OFF_BASIS, decide_declaration_deadline, declaration_tables,
                         kind_matches, proceedings, struck_off)
from ..model.case import INSOLVENCY_KINDS

if TYPE_CHECKING:
    from .document_checks_base import DocumentContext

DECLARATION = "declaration_de_creance"


def _stay_message(case, what: str) -> str:  # noqa: ANN001
    ins = proceedings(case)
    return (f"{what}: the debtor is in {ins.kind.replace('_', ' ')} since the judgment of {ins.judgment_date}, so individual "
            f"actions for payment are stayed ({STAY_BASIS[case.jurisdiction]}); declare the claim instead "
            "(document declaration_de_creance)")


# ---- docgen check ------------------------------------------------------------------------------

def insolvency_case(ctx: Context) -> Iterator[Finding]:
    """The case as a whole: proceedings recorded (a warning proposing the declaration, an error when the
    case file plans a stayed procedure), a kind foreign to the jurisdiction, a struck-off debtor."""
    case = ctx.case
    if struck_off(case):
        yield Finding("DEBTOR-STRUCK-OFF", "warning", STRUCK_OFF_BASIS,
                      "the debtor was struck off the register: letters reach nobody with authority to pay, and a "
                      "court or bailiff step first needs a mandataire ad hoc appointed by the court.", "insolvency")
        return
    ins = proceedings(case)
    if ins is None:
        return
    basis = STAY_BASIS[case.jurisdiction]
    if not kind_matches(case):
        yield Finding("INSOLVENCY-KIND", "error", basis,
                      f"insolvency.kind {ins.kind} is not a proceeding of {case.jurisdiction} law (use one of "
                      f"{', '.join(INSOLVENCY_KINDS[case.jurisdiction])}).", "insolvency.kind")
        return
    deadline = decide_declaration_deadline(case)
    when = (f" by {deadline.result.last_day}" if deadline.result is not None
            else f" (state {deadline.field} to know by when)")
    yield Finding("INSOLVENCY-OPEN", "warning", basis,
                  f"the debtor is in {ins.kind.replace('_', ' ')} since {ins.judgment_date}: no reminder, formal notice, "
                  f"injunction or bailiff step may be taken; declare the claim{when}.", "insolvency")
    if case.procedure is not None:
        yield Finding("INSOLVENCY-STAY", "error", basis,
                      _stay_message(case, f"procedure.kind {case.procedure.kind}") + "; remove procedure from the "
                      "case file.", "procedure.kind")


# ---- render ------------------------------------------------------------------------------------

def insolvency_stay(ctx: "DocumentContext") -> Iterator[Finding]:
    """A stayed document is refused while proceedings are open; a struck-off debtor's court or
    bailiff document too."""
    case = ctx.case
    if ctx.doc in STAYED_DOCUMENTS and proceedings(case) is not None:
        yield Finding("INSOLVENCY-STAY", "error", STAY_BASIS[case.jurisdiction],
                      _stay_message(case, ctx.doc) + ".", "insolvency")
    elif ctx.doc in COURT_OR_BAILIFF_DOCUMENTS and struck_off(case):
        yield Finding("DEBTOR-STRUCK-OFF", "error", STRUCK_OFF_BASIS,
                      f"{ctx.doc}: the debtor was struck off the register; ask the court to appoint a mandataire ad "
                      "hoc to represent it, then act against it through that mandataire.", "insolvency")


def declaration_conditions(ctx: "DocumentContext") -> Iterator[Finding]:
    """The declaration needs open proceedings, their officer, and a deadline (late: forclusion)."""
    if ctx.doc != DECLARATION:
        return
    case = ctx.case
    basis = DECLARATION_BASIS[case.jurisdiction]
    ins = proceedings(case)
    if ins is None:
        yield Finding("DECLARATION-WITHOUT-PROCEEDINGS", "error", basis,
                      f"{DECLARATION}: no collective proceedings are recorded for the debtor; state them in "
                      "insolvency (kind, court, judgment_date, publication_date, administrator).", "insolvency")
        return
    if not kind_matches(case):
        return          # INSOLVENCY-KIND (case finding) says what to fix
    if ins.administrator is None:
        officer = "the mandataire judiciaire or liquidateur" if case.jurisdiction == "FR" else "the curateur"
        yield Finding("DECLARATION-NO-ADMINISTRATOR", "error", basis,
                      f"{DECLARATION}: the declaration is addressed to {officer}; state the name and address in "
                      "insolvency.administrator.", "insolvency.administrator")
    if case.jurisdiction == "FR" and not ins.court:
        yield Finding("DECLARATION-NO-COURT", "error", basis,
                      f"{DECLARATION}: the declaration names the proceedings by their court and judgment; state the "
                      "court in insolvency.court.", "insolvency.court")
    deadline = decide_declaration_deadline(case)
    ctx.decisions.append(deadline)
    ctx.uses += declaration_tables(case)
    # The rate the arrêté interest was computed at (R622-23 2°: how interest is calculated).
    ctx.decisions.append(decide_rate(case, ctx.statement.as_of, ctx.statement, assume_last=ctx.assume_last))
    if deadline.result is not None and ctx.as_of > deadline.result.last_day:
        relief = ("ask the juge-commissaire to lift the forclusion (relevé de forclusion, C. com. L622-26) and "
                  "join the order" if case.jurisdiction == "FR" else "ask the curateur and the court whether a "
                  "late declaration is still admitted")
        yield Finding("DECLARATION-LATE", "warning", basis,
                      f"{DECLARATION}: the period to declare ended on {deadline.result.last_day}; {relief}.",
                      "insolvency")


DOCUMENT_RULES = [insolvency_stay, declaration_conditions]
