"""Portfolio work: many cases at once (agenda, batch generation, aging, import, recording events).

The public surface, loaded lazily so that ``import docgen.portfolio`` stays light:

- ``agenda(folder, as_of, *, policy=None, assume_last_rate=False) -> list[AgendaItem]``
- ``batch(folder, as_of, out, *, doc=None, jobs=1, docx=False, policy=None, ...) -> BatchReport``
- ``record_event(case, event_type, *, date, channel=None, ...) -> Path``
- ``record_payment(case, *, amount, day, invoice=None, method=None, reference=None) -> Path``
- ``aging(folder, as_of, *, policy=None, assume_last_rate=False) -> AgingReport``
- ``import_invoices(source, out, *, mapping=None, ...) -> ImportReport``
- ``Policy.load(path=None)``: the escalation policy (built-in defaults, then a firm's file)
"""
from __future__ import annotations

__all__ = ["AgendaItem", "AgingReport", "BatchReport", "Flag", "ImportReport", "Policy", "agenda", "aging",
           "batch", "import_invoices", "record_event", "record_payment"]

_WHERE = {
    "AgendaItem": "schedule", "Flag": "schedule", "agenda": "schedule",
    "BatchReport": "generate", "batch": "generate",
    "record_event": "recording", "record_payment": "recording",
    "AgingReport": "receivables", "aging": "receivables",
    "ImportReport": "importer", "import_invoices": "importer",
    "Policy": "policy",
}


def __getattr__(name: str):  # noqa: ANN202
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)
