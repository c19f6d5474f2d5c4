"""The interface's languages: English (the source strings), French and Dutch.

Only the gettext catalogues' sources are shipped (``locale/<lang>/LC_MESSAGES/web.po``); each
is compiled in memory by babel (already a dependency) the first time it is needed. So there is
no compiled ``.mo`` file to regenerate and commit, and no build step: editing a ``.po`` file is
enough. ``tests/web/test_i18n.py`` extracts every message of the templates and of this package
with babel and fails when a catalogue misses one.

The language is the ``lang`` setting (cookie set by the language links) or else the browser's
``Accept-Language`` preference, else English.
"""
from __future__ import annotations

import gettext
import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr", "nl")
NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands"}
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "web"


def W_(text: str) -> str:
    """Marks a message of the web's own catalogue where it is written; it is translated when
    shown. (Not ``_``/``N_``: those mark the CLI's messages, domain ``docgen`` in docgen/locale.)"""
    return text


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English: the source strings themselves)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def negotiate(setting: str | None, accept_language: str | None) -> str:
    """The language to use: an explicit setting first, then the browser's preference."""
    if setting in LANGUAGES:
        return setting
    from babel import Locale

    wanted = []
    for part in (accept_language or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        if tag:
            try:
                weight = float(q) if q else 1.0  # ok: an HTTP quality value, not money
            except ValueError:
                weight = 0.0
            wanted.append((weight, tag.replace("-", "_")))
    ordered = [tag for _, tag in sorted(wanted, key=lambda w: -w[0])]
    found = Locale.negotiate(ordered, list(LANGUAGES), sep="_") if ordered else None
    return found.language if found else "en"


def money(amount: Decimal | str | None, lang: str, currency: str = "EUR") -> str:
    """An amount as the reader of ``lang`` writes it: 1 234,56 € / € 1.234,56 / €1,234.56."""
    if amount is None:
        return ""
    from babel.numbers import format_currency

    locale = {"fr": "fr_FR", "nl": "nl_BE", "en": "en_IE"}[lang]
    return format_currency(Decimal(str(amount)), currency, locale=locale)


def day(value, lang: str) -> str:  # noqa: ANN001 - a date or None
    """A date, short and unambiguous in ``lang`` (15/10/2026, 15-10-2026, 15 Oct 2026)."""
    if value is None:
        return ""
    from babel.dates import format_date

    locale = {"fr": "fr_FR", "nl": "nl_BE", "en": "en_GB"}[lang]
    return format_date(value, format="medium", locale=locale)
