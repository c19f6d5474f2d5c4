"""The language of docgen's own messages (CLI output, common errors, the aging report): English,
French or Dutch, from gettext catalogues.

English is the source language: every message is written in English in the code, marked
``_("...")``, and looked up in ``docgen/locale/<lang>/LC_MESSAGES/docgen.mo`` (domain
``docgen``). The ``.po`` files are the translators' sources; the ``.mo`` files beside them are
compiled from them and committed (7 KB each), so that an installed docgen needs no build step
and the CLI starts without loading babel; a test checks that every ``.mo`` is what its ``.po``
compiles to, and that the catalogues hold exactly the messages marked in the code. After
changing messages::

    pybabel extract --no-location --omit-header -k _ -k ngettext:1,2 -k N_ \
        -o docgen/locale/docgen.pot docgen/
    pybabel update -i docgen/locale/docgen.pot -d docgen/locale -D docgen --no-location
    (translate the new entries of fr/ and nl/, remove the fuzzy flags)
    pybabel compile -d docgen/locale -D docgen

The language is chosen as gettext does, from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` (first set wins; ``fr_BE.UTF-8`` gives French, ``nl_BE`` Dutch, anything else English).
The documents' language is the case file's, never this one.

A web page serving several users at once must not use the process-wide ``_``: it takes
``translations(lang)`` per request (``gettext``/``ngettext`` methods, or Jinja2's i18n
extension with ``install_gettext_translations``).
"""
from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "docgen"
LOCALE_DIR = Path(__file__).resolve().with_name("locale")
LANGUAGES = ("en", "fr", "nl")
DEFAULT = "en"
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current: str | None = None      # None: read from the environment at the first message


def negotiate(candidates: Iterable[str]) -> str:
    """The first of ``candidates`` (locale names such as ``fr_BE.UTF-8``, ``nl``, ``en-GB``)
    docgen speaks; English when none."""
    for candidate in candidates:
        code = candidate.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
        if code in ("c", "posix"):
            return DEFAULT
    return DEFAULT


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language gettext would pick from the environment (``LANGUAGE`` may list several,
    separated by colons)."""
    env = os.environ if environ is None else environ
    for name in _ENV:
        value = env.get(name)
        if value:
            return negotiate(value.split(":"))
    return DEFAULT


@lru_cache(maxsize=None)
def translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of ``language`` (``en``, ``fr``, ``nl``); English (the messages as written)
    for any other."""
    if language not in LANGUAGES or language == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def use(language: str | None) -> str:
    """Set the language of this process's messages (None: from the environment); returns it."""
    global _current
    _current = negotiate([language]) if language else language_from_environment()
    return _current


def current() -> str:
    return _current if _current is not None else use(None)


def _(message: str) -> str:
    """``message`` (English) in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Marks ``message`` for the catalogue where it is defined; translated where it is shown."""
    return message


# Words shown through a variable (translated with ``_(value)`` where printed).
SEVERITIES = (N_("error"), N_("warning"), N_("(file)"))

# click's own messages (click looks them up with the standard library's global gettext, in the
# domain ``setup_cli`` selects): the usage errors a user meets most. Their msgids are click's.
CLICK_MESSAGES = (N_("Usage:"), N_("Error: {message}"), N_("Try '{command} {option}' for help."),
                  N_("Missing option"), N_("Missing argument"), N_("Invalid value for {param_hint}: {message}"),
                  N_("No such option {name!r}."), N_("No such command {name!r}."),
                  N_("Show this message and exit."), N_("Show the version and exit."), N_("Options"),
                  N_("Commands"), N_("Got unexpected extra argument ({args})"), N_("Aborted!"),
                  N_("{name} {filename!r} does not exist."), N_("file"), N_("directory"), N_("path"))


def setup_cli() -> str:
    """For the ``docgen`` command: the language from the environment, and click's own messages
    (« Usage: », « Missing option ») looked up in docgen's catalogue too (click asks the standard
    library's global gettext, whose domain this sets). Not for a library or a server process."""
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    language = use(None)
    # The global lookup follows the environment; with a language docgen does not speak, English.
    return language
