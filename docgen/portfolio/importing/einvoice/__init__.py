"""E-invoices in: Factur-X / ZUGFeRD PDFs, UBL 2.1 (Peppol BIS Billing 3.0) and CII XML files
as case files (``docgen import invoices/ -o portfolio/``).

``read`` turns one file into an ``EInvoice`` (``detect``, ``xmlsafe``, ``schemas``, ``ubl``,
``cii``), ``mapping`` / ``parties`` / ``terms`` turn it into case-file parts, ``render`` draws
the pièce of an XML-only invoice, ``run`` groups, writes and reports (``report``).
"""
from .model import EInvoice, EInvoiceError
from .read import read_einvoice
from .report import EInvoiceReport
from .run import import_einvoices, is_einvoice_source

__all__ = ["EInvoice", "EInvoiceError", "EInvoiceReport", "import_einvoices", "is_einvoice_source", "read_einvoice"]
