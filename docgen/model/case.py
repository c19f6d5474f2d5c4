"""The case file, version 1, as typed and frozen domain objects.

Field names are a public contract (spec/case-file.md): optional fields may be added,
none renamed. ``extra="forbid"`` makes a typo an error instead of silently lost data.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..vocabulary import CHANNELS, EVENT_TYPES
from .types import Country, Day, FilePath, Money, Percent, PositiveMoney, ShortText, Text

SCHEMA_VERSION = 1

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Channel = Literal[CHANNELS]  # type: ignore[valid-type]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Address(Model):
    street: Text | None = None
    line2: Text | None = Field(None, description="building, lieu-dit, BP ...")
    postcode: ShortText
    city: ShortText
    country: Country


class Registration(Model):
    scheme: Literal["SIREN", "SIRET", "RCS", "BCE"]
    number: ShortText
    city: ShortText | None = Field(None, description="city of the register (RCS Lyon)")


class Signatory(Model):
    name: ShortText
    title: ShortText | None = None


class Representative(Model):
    kind: Literal["lawyer", "bailiff", "agency"]
    name: ShortText
    firm: ShortText | None = None
    bar: ShortText | None = None
    registration: Registration | None = None
    address: Address | None = None
    email: ShortText | None = None
    phone: ShortText | None = None


class Party(Model):
    kind: Literal["company", "sole_trader", "person"]
    name: Text | None = None
    civility: Literal["M.", "Mme", "Dhr.", "Mevr."] | None = None
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    legal_form: ShortText | None = None
    share_capital: Money | None = None
    registration: Registration | None = None
    vat_number: ShortText | None = None
    address: Address | None = None
    email: ShortText | None = None
    phone: ShortText | None = None
    iban: ShortText | None = None
    bic: ShortText | None = None
    signatory: Signatory | None = None
    represented_by: Representative | None = None
    # A natural person who files a French court request names these (CPC 54 3° a, à peine de
    # nullité); docgen prints them in the party's identity when given.
    birth_date: Day | None = Field(None, description="a natural person's date of birth (FR requête: CPC 54 3° a)")
    birth_place: ShortText | None = Field(None, description=(
        "a natural person's place of birth as printed, e.g. « Toulouse (Haute-Garonne) » (CPC 54 3° a)"))
    nationality: ShortText | None = Field(None, description=(
        "a natural person's nationality as printed in the case's language, e.g. « française » (CPC 54 3° a)"))
    profession: ShortText | None = Field(None, description=(
        "a natural person's profession as printed, e.g. « plombier » (CPC 54 3° a)"))

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        parts = [self.civility, self.first_name, self.last_name]
        return " ".join(p for p in parts if p)


class LateInterest(Model):
    basis: Literal["statutory", "none", "contractual"]
    rate_percent: Percent | None = None


class PenaltyClause(Model):
    percent: Percent | None = None
    amount: PositiveMoney | None = None


class Contract(Model):
    reference: Text | None = None
    date: Day | None = None
    general_terms_accepted: bool | None = None
    payment_terms_days: int | None = Field(None, ge=0, le=3650)
    late_interest: LateInterest | None = None
    penalty_clause: PenaltyClause | None = None
    lump_sum_clause: bool | None = None


class Invoice(Model):
    number: ShortText
    issue_date: Day
    due_date: Day
    amount: PositiveMoney
    description: Text | None = None
    file: FilePath | None = None
    einvoice: FilePath | None = Field(None, description=(
        "the original e-invoice (UBL or CII XML, e.g. pieces/F-1.xml) that `file` reproduces; the dossier embeds "
        "it as an associated file of the invoice's pièce and the bundle's manifest lists it with its SHA-256"))


class CreditNote(Model):
    number: ShortText
    date: Day
    amount: PositiveMoney
    invoice: ShortText


class Payment(Model):
    date: Day
    amount: PositiveMoney
    method: Literal["transfer", "card", "cheque", "cash", "direct_debit", "other"] | None = None
    invoice: ShortText | None = Field(None, description="the invoice the debtor designated")
    reference: ShortText | None = None


class Event(Model):
    type: EventType
    date: Day
    channel: Channel | None = None
    tracking_number: ShortText | None = None
    proof: FilePath | None = None
    note: Text | None = None
    fee: Money | None = Field(None, description=(
        "a fee charged to the debtor with this reminder or letter (reminder costs, file fees); "
        "docgen check tests it against the fee rules (BE B2C: CDE XIX.2 and XIX.4; FR B2C: CPCE L111-8)"))


class Exhibit(Model):
    title: Text
    file: FilePath
    date: Day | None = None


class Instalment(Model):
    date: Day
    amount: PositiveMoney


class PaymentPlan(Model):
    instalments: int | None = Field(None, ge=1, le=120)
    first_date: Day | None = None
    every: Literal["week", "month"] | None = None
    schedule: tuple[Instalment, ...] | None = Field(None, strict=False)


class StatedCourt(Model):
    name: ShortText = Field(description="the court as it is to be printed: « Tribunal de commerce de Nantes »")
    division: ShortText | None = Field(None, description="BE: « division de Namur » / « afdeling Brugge »")
    kind: Literal["commerce", "tae", "judiciaire", "protection", "peace", "enterprise", "first_instance"] | None = Field(
        None, description=("FR: commerce, tae (tribunal des activités économiques), judiciaire, protection (juge des "
                           "contentieux de la protection); BE: peace (juge de paix), enterprise, first_instance"))
    address: Address | None = None


class Sommation(Model):
    date: Day = Field(description="the day the summons was posted (registered letter) or served (bailiff)")
    channel: Literal["registered_letter", "bailiff"] = Field(description=(
        "registered_letter: registered letter with acknowledgement of receipt; bailiff: bailiff's writ "
        "(the only two channels of C. jud. 1339)"))
    tracking_number: ShortText | None = Field(None, description="the registered letter's number")
    proof: FilePath | None = Field(None, description="the proof of sending or the writ")

class PriorAttempt(Model):
    """FR: the attempt at an amicable resolution made before going to court (conciliation,
    mediation, procédure participative: CPC 750-1), or the ground that dispensed with it."""
    kind: Literal["conciliation", "mediation", "participative", "exempt"] = Field(description=(
        "conciliation (by a conciliateur de justice), mediation, participative (procédure participative), "
        "or exempt (no attempt was needed: say why in ground)"))
    date: Day | None = Field(None, description="when the attempt was made (or failed)")
    ground: Text | None = Field(None, description=(
        "as printed after « : », e.g. the exemption of CPC 750-1 relied on, or the attempt's outcome"))


class Procedure(Model):
    kind: Literal["injunction", "undisputed_b2b", "small_claims"] = Field(description=(
        "injunction: FR injonction de payer (CPC 1405) / BE procédure sommaire d'injonction de payer "
        "(C. jud. 1338); undisputed_b2b: BE recouvrement de dettes d'argent non contestées "
        "(C. jud. 1394/20) / FR créances commerciales incontestées (CPCE L126-1); small_claims: FR "
        "procédure simplifiée de recouvrement des petites créances (CPCE L125-1)"))
    court: StatedCourt | None = Field(None, description=(
        "the competent court, when docgen's table cannot decide it (or to override it): a stated court wins"))
    sommation: Sommation | None = Field(None, description=(
        "BE injunction: the summons of C. jud. 1339 (reproducing articles 1338 to 1344 and naming the "
        "judge) that the request relies on. When stated it wins over a formal_notice_sent event, "
        "which docgen cannot know was such a summons"))
    prior_attempt: PriorAttempt | None = Field(None, description=(
        "FR: the prior amicable attempt (CPC 750-1) or its exemption, stated in the requête"))
    bailiff: Representative | None = Field(None, description=(
        "the commissaire de justice (FR) or huissier de justice / gerechtsdeurwaarder (BE) instructed for a "
        "route without a judge (kind: bailiff): the addressee of requete_petites_creances, requete_l126 and "
        "instruction_huissier. FR: creditor.represented_by of kind bailiff is used when this is absent"))


class Administrator(Model):
    """The officer of the debtor's collective proceedings the creditor declares to."""
    role: Literal["mandataire", "liquidateur", "curateur", "administrateur"] = Field(description=(
        "FR: mandataire (judiciaire), liquidateur, administrateur (judiciaire); BE: curateur (faillite)"))
    name: ShortText = Field(description="as printed, e.g. « SELARL MJ Conseil, Maître Anne Roux »")
    address: Address | None = None
    email: ShortText | None = None


INSOLVENCY_KINDS = {"FR": ("sauvegarde", "redressement_judiciaire", "liquidation_judiciaire"),
                    "BE": ("reorganisation_judiciaire", "faillite")}


class Insolvency(Model):
    """The debtor's collective proceedings (or its striking off): individual actions stop and the
    claim is declared instead (FR C. com. L622-21, L622-24; BE CDE book XX)."""
    kind: Literal["sauvegarde", "redressement_judiciaire", "liquidation_judiciaire",
                  "reorganisation_judiciaire", "faillite"] | None = Field(None, description=(
        "FR: sauvegarde, redressement_judiciaire, liquidation_judiciaire; BE: reorganisation_judiciaire, faillite"))
    court: ShortText | None = Field(None, description="the court that opened them, as printed")
    judgment_date: Day | None = Field(None, description="the opening judgment: the claim is stated as at that day")
    publication_date: Day | None = Field(None, description=(
        "FR: the BODACC publication of the judgment, from which the declaration period runs (C. com. R622-24)"))
    publication: Literal["BODACC", "Moniteur belge", "RegSol"] | None = None
    case_number: ShortText | None = Field(None, description="the court's or RegSol's file number, as printed")
    claims_deadline: Day | None = Field(None, description=(
        "BE: the last day to declare set by the judgment (required for a Belgian declaration); FR: a "
        "deadline that differs from the statutory one (a personal notice to a secured creditor), which wins"))
    administrator: Administrator | None = None
    struck_off: bool | None = Field(None, description=(
        "true: the debtor company was struck off the register (no proceedings): a court or bailiff step "
        "first needs a mandataire ad hoc"))

    @model_validator(mode="after")
    def _proceedings_or_struck_off(self) -> "Insolvency":
        if not self.struck_off and (self.kind is None or self.judgment_date is None):
            raise PydanticCustomError("insolvency_incomplete", (
                "give the proceedings' kind and judgment_date, or struck_off: true"))
        return self


class Case(Model):
    schema_version: Literal[1]
    reference: ShortText
    jurisdiction: Literal["FR", "BE"]
    language: Literal["fr", "nl"]
    relationship: Literal["B2B", "B2C"]
    currency: Literal["EUR"] = "EUR"
    interest_day_count: Literal["actual/365", "actual/actual"] = "actual/365"
    imputation: Literal["interest_first", "principal_first"] = "interest_first"
    creditor: Party
    debtor: Party
    contract: Contract | None = None
    invoices: tuple[Invoice, ...] = Field(min_length=1, max_length=10_000, strict=False)
    credit_notes: tuple[CreditNote, ...] = Field((), strict=False)
    payments: tuple[Payment, ...] = Field((), strict=False)
    events: tuple[Event, ...] = Field((), strict=False)
    exhibits: tuple[Exhibit, ...] = Field((), strict=False)
    payment_plan: PaymentPlan | None = None
    procedure: Procedure | None = Field(None, description=(
        "the procedure the creditor intends to use next, so that docgen check can test its conditions"))
    insolvency: Insolvency | None = Field(None, description=(
        "the debtor's collective proceedings (or struck_off): docgen then refuses individual actions "
        "and proposes the declaration of the claim"))

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version_is_an_integer(cls, value: object) -> object:
        # Literal[1] alone accepts True (equal to 1 in Python): "yes" is not a version. The JSON
        # Schema (const 1) refuses true as well; it accepts 1.0, and so does the model.
        if isinstance(value, bool):
            raise PydanticCustomError("version_type", "must be the whole number 1")
        return value

    # Where relative file paths are resolved; set by the loader, not part of the format.
    _source_dir: Path | None = PrivateAttr(default=None)

    @property
    def source_dir(self) -> Path | None:
        return self._source_dir

    def resolve(self, relative: str) -> Path:
        """Absolute path of a file named in the case (already checked by validation)."""
        base = self._source_dir or Path.cwd()
        return (base / relative).resolve()

    def invoice(self, number: str) -> Invoice:
        for inv in self.invoices:
            if inv.number == number:
                return inv
        raise KeyError(number)

    def events_of(self, *types: str) -> list[Event]:
        return sorted((e for e in self.events if e.type in types), key=lambda e: e.date)

    @property
    def principal(self) -> Decimal:
        return sum((i.amount for i in self.invoices), Decimal("0"))

    def first_due(self) -> date:
        return min(i.due_date for i in self.invoices)
