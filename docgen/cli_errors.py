"""Messages for the errors ``docgen.cli`` maps to exit 2 (OS errors and firm templates the
sandbox refuses) and for a case file's problems. Standard library and ``docgen.i18n`` only
(``--help`` stays fast; jinja2 is looked up only when it is already loaded)."""
from __future__ import annotations

import errno
import sys
import unicodedata

from .i18n import _

_HINTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this file system",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "check the permissions",
    errno.EPERM: "check the permissions",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a file or folder of that name is in the way",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long",
}
# Bidirectional controls reorder what a terminal shows (« gnp.exe » reads « exe.png »).
_BIDI = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (ESC can retitle or clear a
    terminal) and bidi controls become visible escapes; newlines and tabs stay."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t":
            out.append(ch)
        elif code in _BIDI or unicodedata.category(ch) in ("Cc", "Cs") or code in (0xFFFE, 0xFFFF):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def describe_os_error(exc: OSError) -> str:
    """'PATH: what the system said (what it means)' for an OSError, naming every path it carries."""
    paths = [p for p in (exc.filename, exc.filename2) if p is not None]
    where = " -> ".join(_path_text(p) for p in paths)
    reason = exc.strerror or str(exc) or type(exc).__name__
    hint = _HINTS.get(exc.errno)
    text = f"{where}: {reason}" if where else f"cannot read or write a file: {reason}"
    return f"{text} ({hint})" if hint and hint.lower() != reason.lower() else text


def _path_text(path) -> str:  # noqa: ANN001 - str, bytes or a path
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    return str(path)


def describe_template_error(exc: BaseException) -> str | None:
    """A message naming the template and line for an error raised by a template (a sandbox
    refusal, a missing include, a range too big ...); None for any other error."""
    jinja2 = sys.modules.get("jinja2")
    is_template_error = jinja2 is not None and isinstance(exc, jinja2.TemplateError)
    where = _template_frame(exc)
    if not is_template_error and where is None:
        return None
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if where is not None and not (name and line):
        name, line = where
    place = f"template {name}" if name else "a template"
    if line:
        place += f", line {line}"
    kind = type(exc).__name__
    return f"{place}: {kind}: {exc}"


def _template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The innermost traceback frame that runs template code (Jinja rewrites tracebacks so that
    such frames carry the template's file name and line)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if not code.co_filename.endswith(".py") and not code.co_filename.startswith("<frozen") \
                and ("template" in code.co_name or code.co_name.startswith("block ")):
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def problem_text(problem) -> str:  # noqa: ANN001 - a Problem
    """« error: path: message » with the severity in the user's language."""
    return f"{_(problem.severity)}: {problem.path or _('(file)')}: {problem.message}"
