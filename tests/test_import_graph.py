"""The shape of docgen's import graph, read from the source with ``ast`` (nothing is imported).

Each heavy dependency has one adapter, data flows one way (case file -> model -> law -> render
-> dossier -> sign -> bundle -> matter -> portfolio -> library surface -> faces), there are no import
circles, and no module reaches into another package's private names. Function-level imports
hide the graph from readers and tools, so each one that remains says why on its line or the
line above. The rules and their exceptions are data at the top of this file.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docgen"

# Third-party distribution -> the modules (or packages, ending in ".") allowed to import it.
ADAPTERS: dict[str, tuple[str, ...]] = {
    "weasyprint": ("docgen.render.pdf",),
    "pypdf": ("docgen.dossier.",),
    "pyhanko": ("docgen.sign.",),
    "pyhanko_certvalidator": ("docgen.sign.",),
    "click": ("docgen.cli",),          # docgen/cli.py and docgen/cli_*.py, see _allowed
    "openpyxl": ("docgen.portfolio.importing.sheet",),
    "docxtpl": ("docgen.render.docx",),
    "ruamel": ("docgen.portfolio.case_text",),
}

# Lowest first. A module may import its own layer or a lower one, never a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("docgen.errors", "docgen.atomic", "docgen.resources", "docgen.i18n", "docgen.vocabulary", "docgen.input_files",
     "docgen.version", "docgen.starter", "docgen.flock",
     "docgen.worker_process", "docgen.gc_pause", "docgen.day_range"),
    ("docgen.model",),
    ("docgen.law",),
    ("docgen.render",),
    ("docgen.dossier",),
    ("docgen.sign",),
    ("docgen.bundle",),
    ("docgen.matter",),
    ("docgen.portfolio",),
    ("docgen.api",),
    ("docgen.web", "docgen.cli", "docgen.__main__"),
)

# The package root re-exports the library surface lazily: it sits with docgen.api.
ROOT_LAYER = 9

# The hardened YAML reader: every YAML docgen parses (case files, the policy, creditor and
# mapping files, --data overlays, its own legal tables) goes through it.
YAML_READER = "docgen.model.reading"


@dataclass(frozen=True)
class Import:
    module: str          # the importing module
    target: str          # the imported module (a docgen submodule when ``from pkg import mod``)
    name: str | None     # the imported name for ``from x import name``
    line: int
    in_function: bool
    type_only: bool      # under ``if TYPE_CHECKING:``


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


@cache
def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, is_package = _module_name(path)
        found[name] = (path, is_package)
    return found


@cache
def _source(module: str) -> str:
    return _modules()[module][0].read_text(encoding="utf-8")


@cache
def _imports() -> tuple[Import, ...]:
    modules = _modules()
    found: list[Import] = []
    for module, (path, is_package) in modules.items():
        tree = ast.parse(_source(module), filename=str(path))
        found += _walk(tree, module, is_package, modules, in_function=False, type_only=False)
    return tuple(found)


def _walk(node: ast.AST, module: str, is_package: bool, modules: dict, *, in_function: bool,
          type_only: bool) -> list[Import]:
    found: list[Import] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import):
            found += [Import(module, alias.name, None, child.lineno, in_function, type_only)
                      for alias in child.names]
        elif isinstance(child, ast.ImportFrom):
            base = _resolve(module, is_package, child)
            for alias in child.names:
                sub = f"{base}.{alias.name}"
                target = sub if sub in modules else base
                found.append(Import(module, target, alias.name, child.lineno, in_function, type_only))
        else:
            function = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            typing = type_only or (isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            found += _walk(child, module, is_package, modules, in_function=function, type_only=typing)
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _internal() -> list[Import]:
    return [i for i in _imports() if i.target == "docgen" or i.target.startswith("docgen.")]


def _is_under(module: str, prefix: str) -> bool:
    if prefix.endswith("."):
        return module.startswith(prefix) or module == prefix[:-1]
    return module == prefix or module.startswith(prefix + ".")


def _allowed(distribution: str, module: str) -> bool:
    if distribution == "click":
        return module == "docgen.cli" or module.startswith("docgen.cli_")
    return any(_is_under(module, place) for place in ADAPTERS[distribution])


def _layer(module: str) -> int:
    if module == "docgen":
        return ROOT_LAYER
    if module.startswith("docgen.cli"):
        return len(LAYERS) - 1
    for level, prefixes in enumerate(LAYERS):
        if any(_is_under(module, prefix) for prefix in prefixes):
            return level
    raise AssertionError(f"{module} has no layer: add it to LAYERS in {Path(__file__).name}")


def _package(module: str) -> str:
    return module if _modules()[module][1] else module.rpartition(".")[0]


# --- one adapter per heavy dependency ---------------------------------------------------------


@pytest.mark.parametrize("distribution", sorted(ADAPTERS))
def test_each_heavy_dependency_has_one_adapter(distribution):
    leaks = sorted({f"{i.module}:{i.line}" for i in _imports()
                    if i.target.split(".")[0] == distribution and not _allowed(distribution, i.module)})
    assert not leaks, f"{distribution} imported outside {ADAPTERS[distribution]}: {leaks}"


@pytest.mark.parametrize("distribution", ["openpyxl", "docxtpl", "ruamel"])
def test_single_module_adapters_are_used(distribution):
    # The adapter named above exists and really is the one place: a rename must update the rule.
    users = {i.module for i in _imports() if i.target.split(".")[0] == distribution}
    assert users == set(ADAPTERS[distribution]), users


# --- direction, circles, privacy --------------------------------------------------------------


def test_every_module_has_a_layer():
    for module in _modules():
        _layer(module)


def test_no_upward_imports():
    upward = sorted(f"{i.module}:{i.line} imports {i.target}" for i in _internal()
                    if not i.type_only and _layer(i.target) > _layer(i.module)
                    and not (i.module == "docgen" and i.target == "docgen.api"))
    assert not upward, "a lower layer imports a higher one:\n" + "\n".join(upward)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in _modules()}
    for i in _internal():
        # Function-level imports count: hiding a circle inside a function does not remove it.
        if not i.type_only and i.target in graph and i.target != i.module:
            graph[i.module].add(i.target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles():
    graph = _graph()
    # The root's lazy re-export of docgen.api is the surface, not a dependency of anything.
    graph["docgen"].discard("docgen.api")
    circles = _cycles(graph)
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


def test_no_private_names_across_packages():
    leaks = sorted(f"{i.module}:{i.line} imports {i.target}.{i.name}" for i in _internal()
                   if i.name and i.name.startswith("_") and not i.name.startswith("__") and i.name != "_"
                   and i.target in _modules() and _package(i.target) != _package(i.module))
    # A private module (``sign/_pyhanko.py``) is private to its package too.
    leaks += sorted(f"{i.module}:{i.line} imports {i.target}" for i in _internal()
                    if any(p.startswith("_") and not p.startswith("__") for p in i.target.split("."))
                    and _package(i.target) != _package(i.module))
    assert not leaks, "private names imported across packages:\n" + "\n".join(leaks)


# --- hidden imports ---------------------------------------------------------------------------


@cache
def _import_runs(module: str) -> dict[int, int]:
    """Line of each function-level import statement -> line of the first import of the run of
    consecutive import statements it belongs to (one comment may explain a run)."""
    first: dict[int, int] = {}
    for node in ast.walk(ast.parse(_source(module))):
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):
                continue            # a lambda's or a conditional expression's body
            run_start = None
            previous_end = None
            for statement in statements:
                if isinstance(statement, (ast.Import, ast.ImportFrom)):
                    if run_start is None or previous_end != statement.lineno - 1:
                        run_start = statement.lineno
                    first[statement.lineno] = run_start
                    previous_end = statement.end_lineno
                else:
                    run_start = None
    return first


def _has_reason(module: str, line: int) -> bool:
    lines = _source(module).splitlines()
    start = _import_runs(module).get(line, line)
    above = lines[start - 2].strip() if start >= 2 else ""
    return "#" in lines[line - 1] or above.startswith("#")


def test_function_level_imports_say_why():
    silent = sorted(f"{i.module}:{i.line} imports {i.target}" for i in _internal()
                    if i.in_function and not i.type_only and not _has_reason(i.module, i.line))
    assert not silent, ("function-level imports between docgen modules need a comment saying why "
                        "(only --help start-up and the adapters' heavy loads justify one):\n"
                        + "\n".join(silent))


# --- user YAML through the hardened reader ----------------------------------------------------

_PLAIN_YAML = re.compile(r"\byaml\.(safe_load|load|full_load|unsafe_load|load_all|safe_load_all)\b"
                         r"|\bYAML\([^)]*\)\.load\b")


def test_user_yaml_goes_through_the_hardened_reader():
    plain = sorted(f"{module}:{n}" for module in _modules() if module != YAML_READER
                   for n, text in enumerate(_source(module).splitlines(), 1)
                   if _PLAIN_YAML.search(text.split("#")[0]))
    assert not plain, "YAML parsed outside docgen.model.reading:\n" + "\n".join(plain)


# --- one definition each ----------------------------------------------------------------------


def _definitions(pattern: str) -> list[str]:
    rx = re.compile(pattern, re.MULTILINE)
    return sorted(module for module in _modules() if rx.search(_source(module)))


def test_one_day_is_defined_once():
    assert _definitions(r"^ONE_DAY\s*[:=]") == ["docgen.law.calendar"]


def test_one_home_for_file_name_helpers():
    # slug (words), file_slug (a component, case kept), file_stem (a reference as a file stem)
    assert _definitions(r"^def _?(\w*slug\w*|_safe|file_stem)\(") == ["docgen.model.text"]
