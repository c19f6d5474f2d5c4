"""Planning ``docgen batch`` from the agenda, in the calling process: nothing is rendered here.

For each case: which document it needs (or ``--doc``), with which options, or why it gets none;
then whether its inputs changed since the last run. Only the documents to (re)render become
jobs for the workers. The agenda already validated each case and computed its statement: a job
carries them (pickled, a few KB), so that a worker computes no statement again.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ...model.reading import read_case_file
from ...model.text import file_stem
from ..agenda_items import AgendaItem, Flag, check_as_of, evaluate, flag_duplicates, sort_items, unexpected
from ..policy import Policy
from ..scan import LoadedCase, find_case_files, load, parallel_map
from .report import BatchItem
from .state import case_print, input_digest, outputs_intact


@dataclass
class Job:
    """One document to render: all a worker process needs, and picklable."""

    index: int                     # position in the report
    path: str
    key: str                       # "<reference>/<doc>"
    doc: str
    options: dict[str, str]
    folder: str                    # OUT/<safe reference>
    formats: tuple[str, ...]
    digest: str
    prepared: bytes | None = None  # pickled (case, statement, assumed-rate note) from the agenda


def prepared_case(job: Job) -> LoadedCase | None:
    """The case and statement the agenda computed for ``job``, or None (the worker loads the file)."""
    if job.prepared is None:
        return None
    case, statement, assumed_rate = pickle.loads(job.prepared)  # noqa: S301 - made by this batch's agenda pass
    return LoadedCase(Path(job.path), case=case, statement=statement, assumed_rate=assumed_rate)


@dataclass
class AgendaPass:
    """The agenda's items, plus, by case-file path, what the planning and the jobs reuse: each
    usable case with its statement (pickled, for the render jobs) and each case file's print
    (``state.case_print``: the file is not read and parsed again for the fingerprints)."""
    items: list[AgendaItem]
    prepared: dict[str, bytes]
    prints: dict[str, tuple[str, list[str]]]


def agenda_with_cases(folder: str | Path, as_of: date, *, policy: Policy | str | Path | None,
                      assume_last_rate: bool) -> AgendaPass:
    """``docgen.portfolio.agenda.agenda``, with what the planning and the render jobs reuse."""
    check_as_of(as_of)
    pol = policy if isinstance(policy, Policy) else Policy.load(policy)
    lines = parallel_map(partial(_line_and_case, as_of=as_of, policy=pol, assume_last_rate=assume_last_rate),
                         find_case_files(Path(folder)))
    prepared = {str(item.path): payload for item, _, payload, _ in lines if payload is not None}
    prints = {str(item.path): print_ for item, _, _, print_ in lines if print_ is not None}
    return AgendaPass(sort_items(flag_duplicates([(item, usable) for item, usable, _, _ in lines]), as_of),
                      prepared, prints)


def _line_and_case(path: Path, *, as_of: date, policy: Policy, assume_last_rate: bool,
                   ) -> tuple[AgendaItem, bool, bytes | None, tuple[str, list[str]] | None]:
    """As the agenda's own line (never raises), with the loaded case when it can be rendered and
    the case file's print."""
    try:
        loaded = load(path, as_of, assume_last_rate=assume_last_rate)
        item = evaluate(loaded, as_of, policy)
        usable = loaded.case is not None
        payload = None
        if usable and loaded.statement is not None and not loaded.stale_rates and item.can_proceed:
            payload = pickle.dumps((loaded.case, loaded.statement, loaded.assumed_rate),
                                   protocol=pickle.HIGHEST_PROTOCOL)
        print_ = case_print(loaded.raw, loaded.data) if usable and loaded.raw is not None else None
        return item, usable, payload, print_
    except Exception as exc:  # noqa: BLE001 - one case must never stop the others
        reason = unexpected(exc)
        return AgendaItem(Path(path), None, None, None, None, "invalid", "fix_case_file",
                          f"fix the case file: {reason}", as_of, flags=(Flag("invalid", reason),)), False, None, None


def safe_name(reference: str) -> str:
    """The output folder of a case: its reference with anything but letters, digits, - and _
    replaced (as ``docgen render`` names its default output)."""
    name = file_stem(reference)
    return name if name.strip("_") else "case"


def _doc_options(item, doc: str) -> dict[str, str]:  # noqa: ANN001 - an AgendaItem
    if item.doc == doc:
        return dict(item.options)
    if doc == "relance":
        return {"level": "1" if item.stage in ("not_due", "overdue") else "2"}
    if doc == "injonction_de_payer" and item.jurisdiction == "BE":
        return {"part": "requete"}
    return {}


# What a document is drawn from, when a case may lack it: ``--doc`` over such a case has nothing
# to do there (not a failure: most cases of a portfolio have no payment plan).
_NEEDS = {"plan_apurement": ("payment_plan", "no payment_plan in the case file: no plan to draw up")}


def _nothing_to_do(path: Path, doc: str) -> str | None:
    """Why ``doc`` has nothing to do in the case file at ``path``; None when it has, or when the
    file cannot be read here (rendering then reports why)."""
    need = _NEEDS.get(doc)
    if need is None:
        return None

    try:
        data = read_case_file(path)
    except Exception:  # noqa: BLE001 - the agenda already read it; the render job says what is wrong
        return None
    return need[1] if isinstance(data, dict) and data.get(need[0]) is None else None


def plan(items: list, as_of: date, out: Path, *, doc: str | None, formats: tuple[str, ...],
         extra: str, state: dict[str, Any], assume_last_rate: bool = False,
         accept_unconfirmed: bool = False, prepared: dict[str, bytes] | None = None,
         prints: dict[str, tuple[str, list[str]]] | None = None) -> tuple[list[BatchItem], list[Job]]:
    """The report lines of every case and the render jobs of those whose inputs changed.
    ``prepared`` and ``prints``: the agenda's loaded cases and case-file prints by path
    (``agenda_with_cases``), handed to the jobs and to the fingerprints."""
    results: list[BatchItem] = []
    jobs: list[Job] = []
    folders: dict[str, set[str]] = {}
    for item in items:
        if item.reference and item.can_proceed:
            folders.setdefault(safe_name(item.reference), set()).add(item.reference)
    for item in items:
        wanted = doc or item.doc
        line = BatchItem(str(item.path), item.reference, wanted)
        results.append(line)
        if item.stage == "invalid" or (not item.can_proceed and not _only_compliance(item)):
            line.status, line.message = "failed", "; ".join(f.message for f in item.flags if f.blocking) or item.label
            continue
        if item.stage == "closed":
            line.status, line.message, line.doc = "nothing_owed", "nothing is owed", None
            continue
        if doc is not None and (why := _nothing_to_do(item.path, doc)):
            line.status, line.message = "nothing_to_do", why
            continue
        if doc is not None and (item.paused or item.stage == "not_due"):
            line.status = "paused" if item.paused else "not_due"
            line.message = item.label if item.paused else "no invoice is past its due date yet"
            continue
        if doc is None:
            if item.paused:
                line.status, line.message = "paused", f"{item.label} (due {item.date})"
                continue
            if not item.doc:
                line.status, line.message = "no_document", f"next: {item.action} on {item.date}"
                continue
            if not item.due_on(as_of):
                line.status, line.message = "not_due", f"{item.doc} due on {item.date}"
                continue
        line.options = _doc_options(item, wanted)
        if assume_last_rate:
            # Every document gets it, not only the cases whose statement needed it: a document
            # also quotes tables the statement does not use (a Belgian rate cap, say). Being an
            # option, it is part of the fingerprint, so turning it on or off renders again.
            line.options["assume_last_rate"] = "1"
        if accept_unconfirmed:
            line.options["accept_unconfirmed"] = "1"
        if not item.can_proceed:
            flag = next(f for f in item.flags if f.code == "compliance_error")
            line.status, line.rule_ids, line.message = "blocked", list(flag.rule_ids), flag.message
            continue
        name = safe_name(item.reference)
        if len(folders.get(name, ())) > 1:
            line.status = "failed"
            line.message = (f"references {', '.join(sorted(folders[name]))} would share the output folder {name}: "
                            "make them differ by a letter or digit")
            continue
        key = f"{item.reference}/{wanted}"
        try:
            digest = input_digest(item.path, wanted, line.options, as_of, formats, extra,
                                  case=(prints or {}).get(str(item.path)))
        except OSError as exc:
            line.status, line.message = "failed", f"cannot read the case file: {exc.strerror or exc}"
            continue
        previous = state["entries"].get(key)
        if previous and previous.get("inputs") == digest and outputs_intact(out, previous.get("outputs", {})):
            line.status, line.outputs, line.message = "unchanged", sorted(previous["outputs"]), "inputs unchanged"
            continue
        jobs.append(Job(len(results) - 1, str(item.path), key, wanted, line.options, str(out / name), formats,
                        digest, (prepared or {}).get(str(item.path))))
    return results, jobs


def _only_compliance(item) -> bool:  # noqa: ANN001
    return all(f.code == "compliance_error" for f in item.flags if f.blocking)
