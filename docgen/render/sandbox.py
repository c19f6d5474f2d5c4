"""The Jinja2 sandbox every template runs in (a firm's HTML templates and DOCX skeletons alike).

Jinja's ``ImmutableSandboxedEnvironment`` stops attribute escapes (``cycler.__init__.__globals__``)
and mutation, but not exhaustion: ``{{ 'x' * 10**9 }}`` or a string doubled in a loop takes
the memory and the time of the whole machine. So every value a template builds is capped in
size, every integer in magnitude, every rendering in steps and output, and each refusal — like
any other error in a template — becomes a ``DocgenError`` naming the template and the line.
"""
from __future__ import annotations

import re
import string
from contextvars import ContextVar
from functools import wraps
from typing import Any

from jinja2 import Template
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.runtime import Macro
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, safe_range

from ..errors import DocgenError

MAX_LENGTH = 1_000_000        # characters (or items) of any one value a template builds
MAX_OUTPUT = 64_000_000       # characters of one rendering (10,000 invoices need about 10 M)
MAX_INT_BITS = 1_024          # an integer a template computes (about 10**308)
MAX_STEPS = 10_000_000        # look-ups, calls, operators and loop turns of one rendering
_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
# [steps left, characters left] of the rendering under way (None outside a rendering).
_budget: ContextVar[list[int] | None] = ContextVar("docgen_template_budget", default=None)


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} (a template may build values of at most {MAX_LENGTH:,} characters)")


def _step(n: int = 1) -> None:
    budget = _budget.get()
    if budget is not None:
        budget[0] -= n
        if budget[0] < 0:
            raise SecurityError(f"the template takes more than {MAX_STEPS:,} steps")


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` printed, in the output or in a captured block, counts towards MAX_OUTPUT:
    a loop printing a long value into ``{% set %}…{% endset %}`` would otherwise fill memory
    with escaped copies before anything is joined."""
    budget = _budget.get()
    if budget is not None and isinstance(value, _SIZED):
        budget[1] -= len(value)
        if budget[1] < 0:
            raise SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters")
    return value


def bounded(value: Any) -> Any:
    if isinstance(value, _SIZED) and len(value) > MAX_LENGTH:
        raise _refuse(f"a value of {len(value):,} characters or items")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError(f"an integer of more than {MAX_INT_BITS} bits")
    return value


def _check_size_args(args: tuple, kwargs: dict) -> None:
    """An integer passed to a call may be a width or a count (``ljust``, ``center``, ``indent``)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_LENGTH:
            raise _refuse(f"a size argument of {value:,}")


def _check_printf(fmt: Any, args: Any) -> None:
    if not isinstance(fmt, str):
        return
    stars = False
    for width, precision in _PRINTF.findall(fmt):
        for n in (width, precision):
            if n == "*":
                stars = True
            elif n and int(n) > MAX_LENGTH:
                raise _refuse(f"a format width of {int(n):,}")
    if stars:
        _check_size_args(args if isinstance(args, tuple) else (args,), {})


def _check_format_spec(fmt: str, args: tuple, kwargs: dict) -> None:
    """``'{:>999999999}'.format(x)``: widths in a ``str.format`` string, nested ones included."""
    nested = False
    for _, field, spec, _ in string.Formatter().parse(fmt):
        if field is not None and spec:
            nested = nested or "{" in spec
            for n in re.findall(r"\d+", spec):
                if int(n) > MAX_LENGTH:
                    raise _refuse(f"a format width of {int(n):,}")
    if nested:
        _check_size_args(args, kwargs)


def _predicted_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_LENGTH:
            raise _refuse("a replacement that would build too long a text")


def _predicted_join(items: Any, separator: Any = "") -> None:
    if isinstance(items, (list, tuple)):
        sep = len(separator) if isinstance(separator, str) else 0
        if sum(len(x) if isinstance(x, str) else 24 for x in items) + sep * len(items) > MAX_LENGTH:
            raise _refuse("a join that would build too long a text")


def _guarded_filter(name: str, func: Any) -> Any:
    skip = 2 if getattr(func, "jinja_pass_arg", None) else 1      # context, then the filtered value

    @wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _step()
        values, extra = args[skip - 1:skip], args[skip:]
        if name == "format":
            _check_printf(values[0] if values else None, extra)
        else:
            _check_size_args(extra, kwargs)
        if name == "replace" and values and len(extra) >= 2:
            _predicted_replace(str(values[0]), extra[0], extra[1])
        if name == "join" and values:
            _predicted_join(values[0], extra[0] if extra else kwargs.get("d", ""))
        result = func(*args, **kwargs)
        if isinstance(result, _SIZED) and values and isinstance(values[0], _SIZED) and len(result) <= len(values[0]):
            return result                  # no growth: « |trim » or « |safe » on a long macro output
        return bounded(result)

    return guarded


class _CountedRange:
    """``range()`` in a template: at most MAX_RANGE numbers, each turn of a loop counted."""

    def __init__(self, *args: int):
        self.numbers = safe_range(*args)

    def __iter__(self):  # noqa: ANN204
        for n in self.numbers:
            _step()
            yield n

    def __len__(self) -> int:
        return len(self.numbers)

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        return self.numbers[index]

    def __contains__(self, value: object) -> bool:
        return value in self.numbers


class _BoundedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node, frame) -> None:  # noqa: ANN001 - the ``~`` operator
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Template(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _budget.set([MAX_STEPS, MAX_OUTPUT])
        try:
            return super().render(*args, **kwargs)
        except DocgenError:
            raise
        except Exception as exc:  # noqa: BLE001 - any fault in a template is the template's, named by line
            raise DocgenError(template_error(exc, self.name)) from None
        finally:
            _budget.reset(token)


def template_error(exc: BaseException, name: str | None) -> str:
    """« template <file>, line <n>: <what> »: the last template frame of the traceback (Jinja
    rewrites tracebacks so that template frames carry the template's file and line)."""
    where, line = name or "(template)", None
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        where, line = exc.filename or exc.name or where, exc.lineno
    else:
        tb = exc.__traceback__
        while tb is not None:
            file = tb.tb_frame.f_code.co_filename
            if not file.endswith(".py") and not file.startswith("<frozen"):
                where, line = ("(template)" if file == "<template>" else file), tb.tb_lineno
            tb = tb.tb_next
    kind = "refused by the sandbox" if isinstance(exc, (SecurityError, MemoryError, RecursionError)) else \
        type(exc).__name__
    detail = " ".join(str(exc).split())[:300] or type(exc).__name__
    return f"template {where}{f', line {line}' if line else ''}: {kind}: {detail}"


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with sizes, integers, steps and output capped."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    code_generator_class = _BoundedCodeGenerator
    template_class = _Template

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_finalize, **kwargs)
        self.filters = {name: _guarded_filter(name, f) for name, f in self.filters.items()}
        self.globals["range"] = _CountedRange
        self.globals.pop("lipsum", None)          # a text generator has no place in a legal document
        assert MAX_RANGE <= MAX_LENGTH

    bounded = staticmethod(bounded)

    def concat(self, parts) -> str:  # noqa: ANN001 - every rendering, macro and captured block
        out, size = [], 0
        for part in parts:
            size += len(part)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters")
            out.append(part)
        return "".join(out)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _step()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _step()
        return super().getitem(obj, argument)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:  # noqa: ANN001
        _step()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, _SIZED) and isinstance(n, int) and len(seq) * max(n, 0) > MAX_LENGTH:
                    raise _refuse(f"a repetition into {len(seq) * n:,} characters or items")
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError(f"an integer of more than {MAX_INT_BITS} bits")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and \
                    right * abs(left).bit_length() > MAX_INT_BITS:
                raise SecurityError(f"an integer of more than {MAX_INT_BITS} bits")
        elif operator == "+":
            if isinstance(left, _SIZED) and isinstance(right, _SIZED) and len(left) + len(right) > MAX_LENGTH:
                raise _refuse("a concatenation too long")
        elif operator == "%":
            _check_printf(left, right)
        return bounded(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805, ANN001
        _step()
        if isinstance(__obj, Macro):
            # A macro's output (a table of 10,000 invoices) is counted by concat() and finalize
            # against MAX_OUTPUT, like any output; its arguments are values already bounded.
            return super().call(__context, __obj, *args, **kwargs)
        owner, method = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str) and method == "replace" and len(args) >= 2:
            _predicted_replace(owner, args[0], args[1])
        elif isinstance(owner, str) and method == "join" and args:
            _predicted_join(args[0], owner)
        if method not in ("format", "format_map"):          # their integers are values, not sizes
            _check_size_args(args, kwargs)
        return bounded(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        @wraps(wrapper)
        def checked(*args: Any, **kwargs: Any) -> str:
            mapped = args[0] if len(args) == 1 and isinstance(args[0], dict) else {}   # format_map
            _check_format_spec(fmt, args, {**kwargs, **mapped})
            return bounded(wrapper(*args, **kwargs))

        return checked
