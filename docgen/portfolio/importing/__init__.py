"""``docgen import``: case files from an accounting export (CSV/XLSX rows in ``run``, ``sheet``,
``rows``, ``values``, ``cases``) or from e-invoices (UBL/CII XML in ``einvoice``), with a report of
what was rejected and why.
"""
