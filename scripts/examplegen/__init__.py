"""The example-file generator: renders every binary file that ``examples/*/case.yaml`` names.

Modules, one per kind of document: ``invoices`` (invoices, credit notes), ``letters`` (reminder
letters), ``emails`` (reminder e-mails), ``receipts`` (postal deposit receipts), ``scans``
(scanned acknowledgements of receipt, the signed payment plan), ``contracts`` (quotes, general
terms, the framework contract, the acceptance report); ``config`` holds what a document shows
beyond the case file (invoice lines, colours, postal offices); ``legal`` is the only door to the
law, and it opens on ``docgen.law``/``docgen/data``: no holiday, rate, window or scale is kept
here. ``imaging`` and ``pdf`` draw (Pillow, WeasyPrint); ``registry`` maps files to renderers;
``cli`` is ``python scripts/make_examples.py``.

The bytes depend on the toolchain: ``TOOLCHAIN`` records the versions the committed files were
made with, so a test can tell "the examples drifted" from "this machine renders differently".
"""
from __future__ import annotations


# Versions the committed example files were generated with (Debian 12 image, Python 3.11).
TOOLCHAIN = {"weasyprint": "70.0", "pydyf": "0.13.0", "pillow": "13.0.0", "fonts-dejavu-core": "2.37"}
