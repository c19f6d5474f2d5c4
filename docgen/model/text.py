"""Which characters the text of a case file may hold, and how the others are shown.

Control characters (NUL, ESC, the C1 range, U+FFFF ...) have no place in a name, an address
or a file name: they break DOCX (XML refuses them) and, printed to a terminal, can retitle or
clear it. They are refused at validation, naming the field. Tab and line breaks are allowed
only in the fields that hold running text (a street, a description, a note).

Bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) change the order
in which text is *displayed*: « gnp.exe » preceded by U+202E shows as « exe.png ». In a file
name nothing justifies them, so they are an error there. In other text a right-to-left name
may legitimately carry them, so they are a warning: the paralegal checks what is printed.

Anything docgen prints to a terminal from a case goes through ``terminal_safe`` (or
``json_for_terminal``), which shows such characters as escapes (``\\x1b``, ``\\u202e``).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\t\n")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _forbidden(ch: str) -> bool:
    """A control, surrogate, line/paragraph separator or noncharacter (bidi controls apart)."""
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True
    return unicodedata.category(ch) in ("Cs", "Zl", "Zp") or _is_noncharacter(code)


def _name(ch: str) -> str:
    code = ord(ch)
    label = unicodedata.name(ch, "")
    return f"U+{code:04X}" + (f" {label}" if label else "")


# Every character ``text_problem`` can object to (a line break too: it is one only in running
# text), as one regex: a text without any is settled at C speed, accented or not. Exactly the
# characters of ``_forbidden``, the line breaks and the bidi controls (a test compares them over
# every code point): controls, surrogates (Cs), U+2028 (Zl), U+2029 (Zp), noncharacters.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "".join(sorted(BIDI_CONTROLS)) + "]")


def suspect(text: str) -> bool:
    """Whether ``text`` holds a character ``text_problem`` might object to. Each of them is
    unprintable for Python, so a printable text is settled first, at a tenth of the search's
    cost (the search remains for the no-break spaces of French text, unprintable too)."""
    return not text.isprintable() and _SUSPECT.search(text) is not None


def text_problem(text: str, *, multiline: bool, file_name: bool) -> tuple[str, str] | None:
    """``(severity, message)`` for the first unwanted character of ``text``, or None."""
    if not suspect(text):
        return None                                     # the common case, at C speed
    if multiline:
        text = text.replace("\r\n", "\n")               # a Windows line break is a line break
    bidi = None
    for position, ch in enumerate(text, 1):
        if ch in _LINE_BREAKS and multiline:
            continue
        if ch in _LINE_BREAKS or _forbidden(ch):
            kind = "invalid character" if unicodedata.category(ch) != "Cc" else "control character"
            return "error", (f"contains the {kind} {_name(ch)} at position {position}: remove it "
                             "(it would break the documents or the terminal that shows them)")
        if bidi is None and ch in BIDI_CONTROLS:
            bidi = (position, ch)
    if bidi is None:
        return None
    position, ch = bidi
    if file_name:
        return "error", (f"contains the bidirectional control {_name(ch)} at position {position}: a file name "
                         "must not change the order in which it is displayed; rename the file")
    return "warning", (f"contains the bidirectional control {_name(ch)} at position {position}: the text may be "
                       "displayed in another order than it is written; check the printed documents")


def _unsafe(ch: str) -> bool:
    return _forbidden(ch) or unicodedata.category(ch) == "Cf" or ch in _LINE_BREAKS


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control, format (bidi) and line-break character shown as an escape."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(ch) if _unsafe(ch) else ch for ch in text)


def json_for_terminal(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with the characters
    it leaves raw (DEL, C1 controls, bidi and other format characters, separators, lone
    surrogates) written as JSON escapes; such characters only occur inside strings there."""
    if text.isascii() and "\x7f" not in text:
        return text
    # Only DEL and non-ASCII characters can need it (json.dumps escapes the ASCII controls inside
    # strings and writes only spaces and line breaks outside them): look at those alone, so an
    # agenda of 10,000 cases is not examined character by character in Python.
    return _NOT_PLAIN_ASCII.sub(_json_safe_match, text)


_NOT_PLAIN_ASCII = re.compile("[^\x00-\x7e]")


@lru_cache(maxsize=4096)
def _json_safe(ch: str) -> str:
    return _json_escape(ch) if _unsafe(ch) else ch


def _json_safe_match(match: re.Match[str]) -> str:
    return _json_safe(match.group())


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000                                     # JSON writes it as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def slug(text: str, limit: int = 40) -> str:
    """ASCII, lower case, hyphens, whole words: « Devis D-2023-052 signé » -> « devis-d-2023-052-signe »."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "piece")


def file_stem(text: str, limit: int = 80) -> str:
    """``text`` with anything but letters, digits, - and _ replaced by _: the stem of a file
    named after a case reference (``docgen render``'s default output, the web's downloads)."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:limit]


def file_slug(text: str, *, sep: str = "-", keep: str = "_-", strip: str | None = None, limit: int = 60,
              fallback: str = "x") -> str:
    """``text`` as one file-name component: each run of characters other than ASCII letters,
    digits and ``keep`` becomes ``sep``; ``strip`` (default ``sep``) is trimmed from both ends.
    Case is kept, unlike ``slug``: the names stay recognisable (a reference, an invoice number)."""
    allowed = re.escape(keep)
    clean = re.sub(rf"[^A-Za-z0-9{allowed}]+", sep, text).strip(sep if strip is None else strip)[:limit]
    return clean or fallback
