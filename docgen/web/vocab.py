"""The words of the case file and of the agenda (stages, actions, event types, documents) as the
interface shows them. The library speaks in codes; here each code gets a short label that the
gettext catalogues translate (``_`` only marks them: they are translated when shown)."""
from __future__ import annotations


def _(text: str) -> str:       # marks a message for extraction; translated at display time
    return text


STAGES = {
    "closed": _("closed"), "not_due": _("not yet due"), "overdue": _("overdue"),
    "reminder_1_sent": _("first reminder sent"), "reminder_2_sent": _("second reminder sent"),
    "formal_notice_sent": _("formal notice sent"), "disputed": _("disputed"), "payment_plan": _("payment plan"),
    "plan_defaulted": _("payment plan in default"), "injunction_filed": _("injunction filed"),
    "injunction_granted": _("injunction granted"), "injunction_served": _("injunction served"),
    "enforcement": _("enforcement"), "invalid": _("case file to fix"),
}

ACTIONS = {
    "none": _("nothing to do"), "reminder_1": _("send the first reminder"),
    "reminder_2": _("send the second reminder"), "formal_notice": _("send the formal notice"),
    "review_dispute": _("answer the debtor's dispute"), "check_instalment": _("check that the instalment was paid"),
    "plan_default": _("instalment unpaid: record the default, send the acceleration notice"),
    "acceleration_notice": _("send the acceleration formal notice"),
    "review_balance": _("settle the remaining balance or close the case"),
    "record_plan": _("add the signed payment plan's schedule"), "injunction": _("file the injunction request"),
    "summons": _("send the summons before the injunction request"),
    "follow_up_injunction": _("chase the court"), "serve_injunction": _("have the order served"),
    "follow_up_service": _("ask for enforcement"), "follow_up_bailiff": _("ask the bailiff for news"),
    "fix_case_file": _("fix the case file"), "fix_policy": _("fix the escalation policy"),
}

EVENTS = {
    "reminder_sent": _("reminder sent"), "formal_notice_sent": _("formal notice sent"),
    "formal_notice_received": _("formal notice received"), "formal_notice_unclaimed": _("formal notice unclaimed"),
    "call": _("call"), "meeting": _("meeting"), "dispute_raised": _("dispute raised"),
    "payment_plan_proposed": _("payment plan proposed"), "payment_plan_signed": _("payment plan signed"),
    "payment_plan_defaulted": _("payment plan in default"), "injunction_filed": _("injunction filed"),
    "injunction_granted": _("injunction granted"), "injunction_served": _("injunction served"),
    "bailiff_instructed": _("bailiff instructed"),
}

CHANNELS = {
    "email": _("e-mail"), "letter": _("letter"), "registered_letter": _("registered letter"),
    "registered_email": _("registered e-mail"), "hand_delivery": _("hand delivery"), "bailiff": _("bailiff"),
    "phone": _("phone"), "meeting": _("meeting"),
}

DOCUMENTS = {
    "relance": _("reminder"), "mise_en_demeure": _("formal notice"), "plan_apurement": _("payment plan"),
    "injonction_de_payer": _("injunction request"), "bordereau_de_pieces": _("list of exhibits"),
    "decompte": _("statement of account"),
}

# The columns the Import page lets the user map.
FIELDS = {
    "case_reference": _("Case reference"), "invoice_number": _("Invoice number"), "issue_date": _("Invoice date"),
    "due_date": _("Due date"), "amount": _("Amount incl. VAT"), "paid": _("Amount already paid"),
    "description": _("Description"), "debtor_name": _("Debtor's name"), "debtor_kind": _("Kind of debtor"),
    "debtor_registration": _("Debtor's registration number"), "debtor_vat": _("Debtor's VAT number"),
    "debtor_street": _("Debtor's street"), "debtor_postcode": _("Debtor's postcode"),
    "debtor_city": _("Debtor's city"), "debtor_country": _("Debtor's country"), "debtor_email": _("Debtor's e-mail"),
    "relationship": _("B2B or B2C"), "jurisdiction": _("Jurisdiction (FR/BE)"), "language": _("Language (fr/nl)"),
}

SEVERITIES = {"error": _("error"), "warning": _("warning"), "info": _("information")}

# The kinds the Record page offers, in the order a paralegal meets them.
RECORD_KINDS = ("payment", "reminder_sent", "formal_notice_sent", "formal_notice_received", "call", "meeting",
                "dispute_raised")


def label(table: dict[str, str], code: str | None, gettext) -> str:  # noqa: ANN001 - a gettext function
    """``code`` as a translated label; an unknown code is shown as it is."""
    if code is None:
        return ""
    return gettext(table[code]) if code in table else code
