"""Portfolio work: many cases at once, one module (or package) per command.

- ``agenda``: every case's stage, next action and date, overdue first (``docgen agenda``);
- ``batch``: every due document, rendered in parallel and resumable (``docgen batch``);
- ``aging``: receivables per debtor and age bucket (``docgen aging``);
- ``importing``: case files from an accounting export or e-invoices (``docgen import``);
- ``record``: an event or payment appended to a case file (``docgen record``);
- ``policy`` and ``escalation``: the firm's escalation policy and what it asks of a case;
- ``scan``: finding and loading the case files of a folder tree.

Callers use the public surface, ``docgen`` (``docgen.agenda``, ``docgen.batch``, ``docgen.aging``,
``docgen.import_invoices``, ``docgen.record_event``, ``docgen.record_payment``).
"""
