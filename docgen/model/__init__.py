"""Typed domain objects of a case file, their loading and validation."""
from .case import (Address, Case, Contract, CreditNote, Event, Exhibit, Invoice, Party,
                   Payment, PaymentPlan)
from .validate import ValidationReport, load_case, validate

__all__ = ["Address", "Case", "Contract", "CreditNote", "Event", "Exhibit", "Invoice", "Party",
           "Payment", "PaymentPlan", "ValidationReport", "load_case", "validate"]
