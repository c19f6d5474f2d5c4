"""The words of the case file and of the agenda (stages, actions, event types, documents) as the
interface shows them. The library speaks in codes; here each code gets a short label that the
gettext catalogues translate (``W_`` only marks them: they are translated when shown)."""
from __future__ import annotations

from .i18n import W_


STAGES = {
    "closed": W_("closed"), "not_due": W_("not yet due"), "overdue": W_("overdue"),
    "reminder_1_sent": W_("first reminder sent"), "reminder_2_sent": W_("second reminder sent"),
    "formal_notice_sent": W_("formal notice sent"), "disputed": W_("disputed"), "payment_plan": W_("payment plan"),
    "plan_defaulted": W_("payment plan in default"), "injunction_filed": W_("injunction filed"),
    "injunction_granted": W_("injunction granted"), "injunction_served": W_("injunction served"),
    "enforcement": W_("enforcement"), "invalid": W_("case file to fix"),
    "insolvency": W_("insolvency proceedings"), "claim_declared": W_("claim declared"),
    "struck_off": W_("debtor struck off"), "petites_creances": W_("small-claims procedure"),
    "l126": W_("payment order served"), "undisputed_b2b": W_("summons served"),
}

ACTIONS = {
    "none": W_("nothing to do"), "reminder_1": W_("send the first reminder"),
    "reminder_2": W_("send the second reminder"), "formal_notice": W_("send the formal notice"),
    "review_dispute": W_("answer the debtor's dispute"), "check_instalment": W_("check that the instalment was paid"),
    "plan_default": W_("instalment unpaid: record the default, send the acceleration notice"),
    "acceleration_notice": W_("send the acceleration formal notice"),
    "review_balance": W_("settle the remaining balance or close the case"),
    "record_plan": W_("add the signed payment plan's schedule"), "injunction": W_("file the injunction request"),
    "summons": W_("send the summons before the injunction request"),
    "follow_up_injunction": W_("chase the court"), "serve_injunction": W_("have the order served"),
    "follow_up_service": W_("ask for enforcement"), "follow_up_bailiff": W_("ask the bailiff for news"),
    "fix_case_file": W_("fix the case file"), "fix_policy": W_("fix the escalation policy"),
    "declare_claim": W_("declare the claim in the insolvency proceedings"),
    "await_verification": W_("wait for the verification of the claim"),
    "mandataire_ad_hoc": W_("have a mandataire ad hoc appointed"),
    "route_petites_creances": W_("instruct a bailiff: small-claims procedure"),
    "route_l126": W_("instruct a bailiff: payment order for an uncontested claim"),
    "route_undisputed_b2b": W_("have a bailiff serve a summons for an undisputed debt"),
    "follow_up_small_claims": W_("ask the bailiff for the outcome"),
    "request_report": W_("ask for the record of non-contestation"),
}

EVENTS = {
    "reminder_sent": W_("reminder sent"), "formal_notice_sent": W_("formal notice sent"),
    "formal_notice_received": W_("formal notice received"), "formal_notice_unclaimed": W_("formal notice unclaimed"),
    "call": W_("call"), "meeting": W_("meeting"), "dispute_raised": W_("dispute raised"),
    "payment_plan_proposed": W_("payment plan proposed"), "payment_plan_signed": W_("payment plan signed"),
    "payment_plan_defaulted": W_("payment plan in default"), "injunction_filed": W_("injunction filed"),
    "injunction_granted": W_("injunction granted"), "injunction_served": W_("injunction served"),
    "bailiff_instructed": W_("bailiff instructed"), "claim_declared": W_("claim declared"),
    "small_claims_request_sent": W_("small-claims request sent"), "commandement_served": W_("payment order served"),
    "sommation_served": W_("summons served"),
}

CHANNELS = {
    "email": W_("e-mail"), "letter": W_("letter"), "registered_letter": W_("registered letter"),
    "registered_email": W_("registered e-mail"), "hand_delivery": W_("hand delivery"), "bailiff": W_("bailiff"),
    "phone": W_("phone"), "meeting": W_("meeting"),
}

DOCUMENTS = {
    "relance": W_("reminder"), "mise_en_demeure": W_("formal notice"), "plan_apurement": W_("payment plan"),
    "injonction_de_payer": W_("injunction request"), "bordereau_de_pieces": W_("list of exhibits"),
    "decompte": W_("statement of account"), "declaration_de_creance": W_("declaration of claim"),
    "requete_petites_creances": W_("small-claims request"), "requete_l126": W_("payment order request"),
    "instruction_huissier": W_("instructions to the bailiff"),
}

# The columns the Import page lets the user map.
FIELDS = {
    "case_reference": W_("Case reference"), "invoice_number": W_("Invoice number"), "issue_date": W_("Invoice date"),
    "due_date": W_("Due date"), "amount": W_("Amount incl. VAT"), "paid": W_("Amount already paid"),
    "description": W_("Description"), "debtor_name": W_("Debtor's name"), "debtor_kind": W_("Kind of debtor"),
    "debtor_registration": W_("Debtor's registration number"), "debtor_vat": W_("Debtor's VAT number"),
    "debtor_street": W_("Debtor's street"), "debtor_postcode": W_("Debtor's postcode"),
    "debtor_city": W_("Debtor's city"), "debtor_country": W_("Debtor's country"), "debtor_email": W_("Debtor's e-mail"),
    "relationship": W_("B2B or B2C"), "jurisdiction": W_("Jurisdiction (FR/BE)"), "language": W_("Language (fr/nl)"),
}

SEVERITIES = {"error": W_("error"), "warning": W_("warning"), "info": W_("information")}

# The kinds the Record page offers, in the order a paralegal meets them.
RECORD_KINDS = ("payment", "reminder_sent", "formal_notice_sent", "formal_notice_received", "call", "meeting",
                "dispute_raised")


def label(table: dict[str, str], code: str | None, gettext) -> str:  # noqa: ANN001 - a gettext function
    """``code`` as a translated label; an unknown code is shown as it is."""
    if code is None:
        return ""
    return gettext(table[code]) if code in table else code
