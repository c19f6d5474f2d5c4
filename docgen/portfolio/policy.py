"""The escalation policy: when each recovery step of a case falls due (product choices).

``policy.yaml`` next to this module holds the defaults; a firm overrides them with its own
file (``--policy FILE``) and a case with a ``policy.yaml`` beside its case file. Every layer
has the same layout; ``Policy.for_case`` merges them for one jurisdiction and relationship.
Legal numbers never live here: they come from ``docgen/data`` (see ``escalation.py``).
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any


from ..errors import DocgenError
from ..model.case import EVENT_TYPES
from ..model.reading import parse_case_text, read_yaml_file

POLICY_FILE_NAME = "policy.yaml"
DOCUMENTS = ("relance", "mise_en_demeure", "plan_apurement", "injonction_de_payer",
             "bordereau_de_pieces", "decompte")
CHANNELS = ("email", "letter", "registered_letter", "registered_email", "hand_delivery", "bailiff")
_SECTION_KEYS = {"steps", "min_days_between_steps", "injunction_margin_days", "dispute", "payment_plan",
                 "follow_up_days", "channels", "routes"}
# The routes after the formal notice, in the firm's order of preference (escalation.py proposes the
# first one the case is eligible for); leaving one out disables it.
ROUTES = ("injunction", "petites_creances", "l126", "undisputed_b2b")
_STEP_KEYS = {"action", "doc", "level", "after_due_days", "done_by"}
_FOLLOW_UPS = ("injunction_filed", "injunction_granted", "injunction_served", "bailiff_instructed")
_MAX_DAYS = 3650


class PolicyError(DocgenError):
    """A policy file that cannot be used (exit 2, like any bad input)."""


@dataclass(frozen=True)
class Step:
    action: str
    doc: str
    level: int | None
    after_due_days: int
    done_by: str


@dataclass(frozen=True)
class CasePolicy:
    """The merged policy for one case (one jurisdiction and relationship)."""

    steps: tuple[Step, ...]
    min_days_between_steps: int
    injunction_margin_days: int
    dispute_review_days: int
    dispute_resumed_by: tuple[str, ...]
    plan_grace_days: int
    follow_up_days: Mapping[str, int]
    reminder_channel: str
    formal_notice_channel: str
    routes: tuple[str, ...] = ROUTES


def _is_days(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_DAYS


def _check_section(section: Any, where: str) -> None:
    if not isinstance(section, dict):
        raise PolicyError(f"{where}: expected a mapping of settings")
    unknown = set(section) - _SECTION_KEYS
    if unknown:
        raise PolicyError(f"{where}: unknown setting(s) {', '.join(sorted(map(str, unknown)))} "
                          f"(known: {', '.join(sorted(_SECTION_KEYS))})")
    for key in ("min_days_between_steps", "injunction_margin_days"):
        if key in section and not _is_days(section[key]):
            raise PolicyError(f"{where}.{key}: expected a whole number of days (0 to {_MAX_DAYS})")
    if "steps" in section:
        steps = section["steps"]
        if not isinstance(steps, list) or not steps:
            raise PolicyError(f"{where}.steps: expected a non-empty list of steps")
        for i, step in enumerate(steps):
            _check_step(step, f"{where}.steps[{i}]")
    dispute = section.get("dispute", {})
    if not isinstance(dispute, dict) or set(dispute) - {"review_after_days", "resumed_by"}:
        raise PolicyError(f"{where}.dispute: expected review_after_days and/or resumed_by")
    if "review_after_days" in dispute and not _is_days(dispute["review_after_days"]):
        raise PolicyError(f"{where}.dispute.review_after_days: expected a whole number of days")
    resumed = dispute.get("resumed_by", [])
    if not isinstance(resumed, list) or any(e not in EVENT_TYPES for e in resumed):
        raise PolicyError(f"{where}.dispute.resumed_by: expected a list of event types "
                          f"({', '.join(EVENT_TYPES)})")
    plan = section.get("payment_plan", {})
    if not isinstance(plan, dict) or set(plan) - {"grace_days"} or (
            "grace_days" in plan and not _is_days(plan["grace_days"])):
        raise PolicyError(f"{where}.payment_plan: expected grace_days, a whole number of days")
    follow = section.get("follow_up_days", {})
    if not isinstance(follow, dict) or set(follow) - set(_FOLLOW_UPS) or not all(map(_is_days, follow.values())):
        raise PolicyError(f"{where}.follow_up_days: expected whole numbers of days for "
                          f"{', '.join(_FOLLOW_UPS)}")
    routes = section.get("routes", list(ROUTES))
    if not isinstance(routes, list) or not routes or any(r not in ROUTES for r in routes) or len(set(routes)) < len(routes):
        raise PolicyError(f"{where}.routes: expected a non-empty list of distinct routes among {', '.join(ROUTES)}")
    channels = section.get("channels", {})
    if not isinstance(channels, dict) or set(channels) - {"reminder", "formal_notice"} or any(
            c not in CHANNELS for c in channels.values()):
        raise PolicyError(f"{where}.channels: expected reminder and/or formal_notice, each one of "
                          f"{', '.join(CHANNELS)}")


def _check_step(step: Any, where: str) -> None:
    if not isinstance(step, dict) or set(step) - _STEP_KEYS or not {"action", "doc", "after_due_days"} <= set(step):
        raise PolicyError(f"{where}: a step has action, doc, after_due_days[, level][, done_by]")
    if not isinstance(step["action"], str) or not step["action"].replace("_", "").isalnum():
        raise PolicyError(f"{where}.action: expected a short name (letters, digits, _)")
    if step["doc"] not in DOCUMENTS:
        raise PolicyError(f"{where}.doc: expected one of {', '.join(DOCUMENTS)}")
    if not _is_days(step["after_due_days"]):
        raise PolicyError(f"{where}.after_due_days: expected a whole number of days")
    if step.get("level") not in (None, 1, 2):
        raise PolicyError(f"{where}.level: a reminder has level 1 or 2")
    done_by = step.get("done_by", _default_done_by(step["doc"]))
    if done_by not in ("reminder_sent", "formal_notice_sent"):
        raise PolicyError(f"{where}.done_by: the amicable steps are recorded by reminder_sent or "
                          "formal_notice_sent")


def _default_done_by(doc: str) -> str:
    return "formal_notice_sent" if doc == "mise_en_demeure" else "reminder_sent"


def check_policy(data: Any, where: str) -> dict:
    """A parsed policy file, checked; PolicyError names the file and the setting."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PolicyError(f"{where}: a policy file is a mapping (default:, FR:, BE:)")
    unknown = set(data) - {"version", "default", "FR", "BE"}
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} "
                          "(expected version, default, FR, BE)")
    if data.get("version", 1) != 1:
        raise PolicyError(f"{where}: unsupported policy version {data.get('version')!r} (expected 1)")
    if "default" in data:
        _check_section(data["default"], f"{where}: default")
    for jur in ("FR", "BE"):
        if jur not in data:
            continue
        block = data[jur]
        if not isinstance(block, dict) or set(block) - {"B2B", "B2C"}:
            raise PolicyError(f"{where}: {jur}: expected B2B and/or B2C sections")
        for rel, section in block.items():
            _check_section(section or {}, f"{where}: {jur}.{rel}")
    return data


def read_policy_file(path: Path) -> dict:
    # The case reader's guards: a per-case policy.yaml is as untrusted as the case file beside it.
    return check_policy(read_yaml_file(Path(path), "policy file", PolicyError), str(path))


@cache
def builtin_policy() -> dict:
    raw = (files("docgen.portfolio") / POLICY_FILE_NAME).read_text(encoding="utf-8")
    return check_policy(parse_case_text(raw), "docgen/portfolio/policy.yaml")


def _merge(base: dict, override: Mapping) -> dict:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(dict(out[key]), value)
        else:
            out[key] = copy.deepcopy(value)
    return out


class Policy:
    """The layers of policy (built-in, then a firm's file); ``for_case`` adds the case's own file."""

    def __init__(self, layers: tuple[dict, ...] = ()):
        self.layers = (builtin_policy(),) + tuple(layers)
        self._cache: dict[tuple, CasePolicy] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Policy":
        return cls((read_policy_file(Path(path)),) if path is not None else ())

    def for_case(self, jurisdiction: str, relationship: str, case_layer: dict | None = None) -> CasePolicy:
        key = (jurisdiction, relationship, id(case_layer) if case_layer else None)
        if case_layer is None and key in self._cache:
            return self._cache[key]
        merged: dict = {}
        for layer in self.layers + ((case_layer,) if case_layer else ()):
            merged = _merge(merged, layer.get("default") or {})
            merged = _merge(merged, (layer.get(jurisdiction) or {}).get(relationship) or {})
        result = _build(merged, jurisdiction, relationship)
        if case_layer is None:
            self._cache[key] = result
        return result


def _build(merged: dict, jurisdiction: str, relationship: str) -> CasePolicy:
    steps = tuple(Step(s["action"], s["doc"], s.get("level"), s["after_due_days"],
                       s.get("done_by", _default_done_by(s["doc"]))) for s in merged["steps"])
    if jurisdiction == "BE" and relationship == "B2C" and (steps[0].doc != "relance" or steps[0].level not in (None, 1)):
        raise PolicyError("policy for BE B2C: the first step must be the free first reminder (relance, level 1), "
                          "as Book XIX requires (CDE XIX.2)")
    dispute = merged.get("dispute", {})
    follow = merged.get("follow_up_days", {})
    channels = merged.get("channels", {})
    return CasePolicy(
        steps=steps,
        min_days_between_steps=merged.get("min_days_between_steps", 0),
        injunction_margin_days=merged.get("injunction_margin_days", 0),
        dispute_review_days=dispute.get("review_after_days", 15),
        dispute_resumed_by=tuple(dispute.get("resumed_by", ())),
        plan_grace_days=merged.get("payment_plan", {}).get("grace_days", 0),
        follow_up_days={k: follow.get(k, 0) for k in _FOLLOW_UPS},
        reminder_channel=channels.get("reminder", "letter"),
        formal_notice_channel=channels.get("formal_notice", "registered_letter"),
        routes=tuple(merged.get("routes", ROUTES)),
    )


def case_policy_layer(case_file: Path) -> dict | None:
    """The optional ``policy.yaml`` next to a case file (None when there is none)."""
    path = Path(case_file).parent / POLICY_FILE_NAME
    if not path.is_file():
        return None
    return read_policy_file(path)
