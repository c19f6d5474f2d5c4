"""Meaning checks of a case file, run on the raw data next to the structural ones.

They read the raw mapping defensively (a value that does not parse is skipped here,
the structural layer reports it), so one run lists every problem of the file at once.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator

from ..errors import Problem
from . import identifiers as ids
from .files import files_problems
from .text import suspect, terminal_safe, text_problem
from .types import _MONEY_RE, MAX_TEXT

# Limits of the structural layer (Text, ShortText): longer values are reported there and
# skipped here, so no identifier check or regex ever runs on a 10 MB string.
_SHORT = 200


def _map(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[tuple[int, dict]]:
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]


def _str(value: Any, limit: int = MAX_TEXT) -> str | None:
    return value if isinstance(value, str) and value.strip() and len(value) <= limit else None


def _id(value: Any) -> str | None:
    """A short text field (identifier, code, number) worth checking."""
    return _str(value, _SHORT)


def _q(value: Any) -> str:
    """A value quoted in a message, cut short so a huge input never makes a huge message."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return None  # the structural layer refuses it; comparing it with dates would fail
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _money(value: Any) -> Decimal | None:
    if isinstance(value, str) and _MONEY_RE.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def _err(path: str, message: str) -> Problem:
    return Problem(path, message, "error")


def _warn(path: str, message: str) -> Problem:
    return Problem(path, message, "warning")


def check_party(party: dict, path: str) -> Iterator[Problem]:
    kind = party.get("kind")
    if kind == "person":
        if not (_str(party.get("last_name")) or _str(party.get("name"))):
            yield _err(f"{path}.last_name", "a person needs a last_name (or a name)")
    elif kind in ("company", "sole_trader") and not _str(party.get("name")):
        yield _err(f"{path}.name", f"a {kind.replace('_', ' ')} needs a name")
    reg = _map(party.get("registration"))
    scheme, number = reg.get("scheme"), _id(reg.get("number"))
    if isinstance(scheme, str) and number:
        msg = ids.registration_problem(scheme, number)
        if msg:
            yield _err(f"{path}.registration.number", msg)
        country = _map(party.get("address")).get("country")
        expected = ids.SCHEME_COUNTRY.get(scheme)
        if expected and isinstance(country, str) and country != expected:
            yield _warn(f"{path}.registration.scheme",
                        f"{scheme} is a register of {expected} but the address is in {_q(country)}")
    for field, checker in (("vat_number", ids.vat_problem), ("iban", ids.iban_problem),
                           ("bic", ids.bic_problem), ("email", ids.email_problem)):
        value = _id(party.get(field))
        if value and (msg := checker(value)):
            yield _err(f"{path}.{field}", msg)
        elif value and field == "iban" and (msg := ids.iban_doubt(value)):
            yield _warn(f"{path}.{field}", msg)
    yield from check_address(party.get("address"), f"{path}.address")
    rep = _map(party.get("represented_by"))
    yield from check_address(rep.get("address"), f"{path}.represented_by.address")
    if _id(rep.get("email")) and (msg := ids.email_problem(rep["email"])):
        yield _err(f"{path}.represented_by.email", msg)
    rep_reg = _map(rep.get("registration"))
    if isinstance(rep_reg.get("scheme"), str) and _id(rep_reg.get("number")):
        if msg := ids.registration_problem(rep_reg["scheme"], rep_reg["number"]):
            yield _err(f"{path}.represented_by.registration.number", msg)


def check_address(address: Any, path: str) -> Iterator[Problem]:
    address = _map(address)
    country, postcode = address.get("country"), _id(address.get("postcode"))
    if isinstance(country, str) and postcode and (msg := ids.postcode_problem(country, postcode)):
        yield _err(f"{path}.postcode", msg)


# Fields holding running text, where a tab or a line break is at home (the others are one line).
_MULTILINE_KEYS = frozenset({"street", "line2", "description", "note", "title"})
_MULTILINE_PATHS = frozenset({"creditor.name", "debtor.name", "contract.reference"})
_FILE_KEYS = frozenset({"file", "proof"})


def _texts(data: Any) -> Iterator[str]:
    """Every text value in ``data`` (keys apart), in no particular order."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def check_text(data: Any) -> Iterator[Problem]:
    """Control characters (error) and bidirectional controls (warning; error in a file name) in
    every text value of the file, in the file's order (see ``docgen.model.text``)."""
    # Nearly every case file holds none: one search over all its texts settles it, without
    # making a field path for each value (the walk below, for the files that do).
    if not suspect("\x20".join(_texts(data))):
        return
    stack: list[tuple[Any, str, Any]] = [(data, "", None)]
    while stack:                       # iterative: nesting depth is bounded elsewhere, not here
        node, path, key = stack.pop()
        if isinstance(node, str):
            found = text_problem(node, multiline=key in _MULTILINE_KEYS or path in _MULTILINE_PATHS,
                                 file_name=key in _FILE_KEYS)
            if found:
                yield Problem(path, found[1], found[0])
        elif isinstance(node, dict):
            children = []
            for k, v in node.items():
                # A key with such characters is an unknown field (the structural layer says so);
                # it is only escaped here, in the path of what it holds.
                name = terminal_safe(str(k))
                children.append((v, f"{path}.{name}" if path else name, k))
            stack.extend(reversed(children))
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed([(v, f"{path}[{i}]", key) for i, v in enumerate(node)]))


def check_case(data: dict, *, as_of: date | None, base_dir: Path | None, deep_files: bool = True,
               today: date | None = None) -> Iterator[Problem]:
    """Every meaning problem of ``data``. Items dated after ``as_of`` are not problems: they are
    outside the statement of that day (the law layer leaves them out), so a décompte can be
    drawn up at a past date, such as the filing date, after later events were recorded. A
    date after ``today`` (given by the caller, never read from the clock here) is a warning."""
    yield from check_text(data)
    creditor, debtor = _map(data.get("creditor")), _map(data.get("debtor"))
    yield from check_party(creditor, "creditor")
    yield from check_party(debtor, "debtor")
    if data.get("language") == "nl" and data.get("jurisdiction") != "BE":
        yield _err("language", "documents in Dutch (nl) exist only for Belgian cases (jurisdiction BE)")
    yield from _check_contract(_map(data.get("contract")), data.get("relationship"))
    yield from _check_amounts(data)
    yield from _check_events(data)
    if today is not None:
        yield from future_dates(data, today)
    yield from _check_plan(data.get("payment_plan"))
    if base_dir is not None:
        yield from _check_files(data, base_dir, deep_files)
    yield from _warnings(data, creditor, debtor)


def _check_contract(contract: dict, relationship: Any) -> Iterator[Problem]:
    interest = _map(contract.get("late_interest"))
    if interest.get("basis") == "contractual" and interest.get("rate_percent") is None:
        yield _err("contract.late_interest.rate_percent", "a contractual late-interest basis needs rate_percent")
    if interest.get("basis") in ("statutory", "none") and interest.get("rate_percent") is not None:
        yield _err("contract.late_interest.rate_percent",
                   f"rate_percent is only used with basis 'contractual', not '{interest['basis']}'")
    penalty = _map(contract.get("penalty_clause"))
    # A key written with no value (null) counts as absent, as it does in the model.
    has_percent, has_amount = penalty.get("percent") is not None, penalty.get("amount") is not None
    if contract.get("penalty_clause") is not None and has_percent == has_amount:
        yield _err("contract.penalty_clause", "give either percent or amount, not both or neither")


def _check_amounts(data: dict) -> Iterator[Problem]:
    invoices = _items(data.get("invoices"))
    numbers = Counter(_str(inv.get("number")) for _, inv in invoices)
    known = {n for n in numbers if n}  # an invoice with a bad amount still exists
    amounts: dict[str, Decimal] = {}
    for i, inv in invoices:
        number = _str(inv.get("number"))
        if number and numbers[number] > 1:
            yield _err(f"invoices[{i}].number", f"invoice number {_q(number)} appears more than once")
        issued, due = _date(inv.get("issue_date")), _date(inv.get("due_date"))
        if issued and due and due < issued:
            yield _err(f"invoices[{i}].due_date", f"the due date {due} is before the issue date {issued}")
        if number and (amount := _money(inv.get("amount"))) is not None:
            amounts.setdefault(number, amount)
    credited: dict[str, Decimal] = defaultdict(Decimal)
    cn_numbers = Counter(_str(cn.get("number")) for _, cn in _items(data.get("credit_notes")))
    for i, cn in _items(data.get("credit_notes")):
        path = f"credit_notes[{i}]"
        if (n := _str(cn.get("number"))) and cn_numbers[n] > 1:
            yield _err(f"{path}.number", f"credit note number {_q(n)} appears more than once")
        target, amount = _str(cn.get("invoice")), _money(cn.get("amount"))
        if target and target not in known:
            yield _err(f"{path}.invoice", f"no invoice numbered {_q(target)} in this case")
        elif target in amounts and amount is not None:
            credited[target] += amount
            if credited[target] > amounts[target]:
                yield _err(f"{path}.amount",
                           f"credit notes on {_q(target)} ({credited[target]}) exceed the invoice ({amounts[target]})")
    net = sum(amounts.values(), Decimal(0)) - sum(credited.values(), Decimal(0))
    paid = Decimal(0)
    for i, pay in _items(data.get("payments")):
        path = f"payments[{i}]"
        target = _str(pay.get("invoice"))
        if target and target not in known:
            yield _err(f"{path}.invoice", f"no invoice numbered {_q(target)} in this case")
        paid += _money(pay.get("amount")) or 0
    every_amount = bool(invoices) and all(_money(inv.get("amount")) is not None for _, inv in invoices)
    if paid > net and every_amount:
        # Interest can absorb some excess; the legal engine refuses what exceeds all that is owed.
        yield _warn("payments", f"payments ({paid}) exceed the principal net of credit notes ({net})")


FUTURE = "after today"     # in the message of every future_dates warning (see is_future_date)


def future_dates(data: dict, today: date) -> Iterator[Problem]:
    """A warning for every date of what happened (invoices issued, credit notes, payments,
    events) that lies after ``today``: most likely a typing error, but not refused, since
    a case file may be prepared ahead."""
    dated = [(f"invoices[{i}].issue_date", inv.get("issue_date")) for i, inv in _items(data.get("invoices"))]
    for key in ("credit_notes", "payments", "events"):
        dated += [(f"{key}[{i}].date", item.get("date")) for i, item in _items(data.get(key))]
    for path, value in dated:
        day = _date(value)
        if day and day > today:
            yield _warn(path, f"dated {day}, {FUTURE} ({today}): check the date")


def is_future_date(problem: Problem) -> bool:
    """True for the warnings of ``future_dates`` (commands show them even where they do not
    list the other warnings)."""
    return problem.severity == "warning" and f", {FUTURE} (" in problem.message


def _check_events(data: dict) -> Iterator[Problem]:
    events = _items(data.get("events"))
    sent = any(e.get("type") == "formal_notice_sent" for _, e in events)
    for i, event in events:
        if event.get("type") == "formal_notice_sent" and not event.get("proof"):
            yield _warn(f"events[{i}].proof", "formal notice sent without a proof of sending")
        if event.get("type") == "formal_notice_received" and not sent:
            yield _warn(f"events[{i}]", "formal notice received but no formal_notice_sent event: "
                                        "add when and how it was sent")


def _check_plan(raw: Any) -> Iterator[Problem]:
    if not isinstance(raw, dict):
        return  # absent, or not a mapping (the structural layer says so)
    plan = raw
    generated = [k for k in ("instalments", "first_date", "every") if plan.get(k) is not None]
    has_schedule = plan.get("schedule") is not None
    if has_schedule and generated:
        yield _err("payment_plan", "give either schedule or instalments/first_date/every, not both")
    elif not has_schedule and len(generated) != 3:
        missing = sorted({"instalments", "first_date", "every"} - set(generated))
        yield _err("payment_plan", f"missing {', '.join(missing)} (or give an explicit schedule)")
    schedule = plan.get("schedule")
    days = [_date(_map(x).get("date")) for x in schedule] if isinstance(schedule, list) else []
    for j in range(1, len(days)):
        if days[j] and days[j - 1] and days[j] <= days[j - 1]:
            yield _err(f"payment_plan.schedule[{j}].date", "instalment dates must be in increasing order")


def _check_files(data: dict, base_dir: Path, deep: bool = True) -> Iterator[Problem]:
    refs = [(f"invoices[{i}].file", x.get("file")) for i, x in _items(data.get("invoices"))]
    refs += [(f"invoices[{i}].einvoice", x.get("einvoice")) for i, x in _items(data.get("invoices"))]
    refs += [(f"events[{i}].proof", x.get("proof")) for i, x in _items(data.get("events"))]
    refs += [(f"exhibits[{i}].file", x.get("file")) for i, x in _items(data.get("exhibits"))]
    refs.append(("procedure.sommation.proof", _map(_map(data.get("procedure")).get("sommation")).get("proof")))
    # Any non-empty text is checked, "  " included (it names no file); longer than the
    # model's limit is reported by the structural layer.
    named = [(path, ref, path.endswith(".einvoice")) for path, ref in refs
             if isinstance(ref, str) and ref and len(ref) <= 1000]
    if named:
        for path, msg in files_problems(base_dir, named, deep=deep):
            yield _err(path, msg)


def _warnings(data: dict, creditor: dict, debtor: dict) -> Iterator[Problem]:
    if not _str(debtor.get("email")):
        yield _warn("debtor.email", "no e-mail address for the debtor")
    address = _map(debtor.get("address"))
    if not (_str(address.get("street")) or _str(address.get("line2"))):
        yield _warn("debtor.address.street", "no street address for the debtor: letters cannot be posted")
    contract = _map(data.get("contract"))
    if not _str(contract.get("reference")):
        yield _warn("contract.reference", "no contract reference: the claim's cause will rest on the invoices alone")
    if data.get("relationship") == "B2C" and contract.get("penalty_clause"):
        yield _warn("contract.penalty_clause",
                    "penalty clause in a consumer contract: a judge may find it unfair or reduce it")
    form = creditor.get("legal_form")
    if (isinstance(form, str) and _normal_form(form) in _FR_CAPITAL_FORMS and _is_french(creditor, data)
            and creditor.get("share_capital") is None):
        yield _warn("creditor.share_capital",
                    f"a French {_normal_form(form)} must state its share capital on its invoices and letters "
                    "(C. com. R123-238): add share_capital")
    if not _str(creditor.get("iban")):
        yield _warn("creditor.iban", "no IBAN: letters will carry no bank details for payment")
    for i, inv in _items(data.get("invoices")):
        if inv.get("file") is None:
            yield _warn(f"invoices[{i}].file", "no invoice file: the dossier will lack this pièce")


# Companies whose letters and invoices must state the share capital (C. com. R123-238).
_FR_CAPITAL_FORMS = {"SARL", "SAS", "SASU", "SA", "EURL"}


def _normal_form(form: str) -> str:
    return "".join(c for c in form.upper() if c.isalnum())[:20]


def _is_french(party: dict, data: dict) -> bool:
    country = _map(party.get("address")).get("country")
    if isinstance(country, str):
        return country == "FR"
    scheme = _map(party.get("registration")).get("scheme")
    return scheme in ("SIREN", "SIRET", "RCS") or data.get("jurisdiction") == "FR"
