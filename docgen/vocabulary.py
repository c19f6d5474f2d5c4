"""The case file's fixed vocabularies (spec/case-file.md), kept import-light so that the CLI can
offer them as choices without loading the model."""
from __future__ import annotations

EVENT_TYPES = (
    "reminder_sent", "formal_notice_sent", "formal_notice_received", "formal_notice_unclaimed",
    "call", "meeting", "dispute_raised", "payment_plan_proposed", "payment_plan_signed",
    "payment_plan_defaulted", "injunction_filed", "injunction_granted", "injunction_served",
    "bailiff_instructed", "claim_declared", "small_claims_request_sent", "commandement_served",
    "sommation_served",
)
CHANNELS = ("email", "letter", "registered_letter", "registered_email", "hand_delivery",
            "bailiff", "phone", "meeting")
