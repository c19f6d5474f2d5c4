"""``python scripts/make_examples.py [--check] [--only NAME] [--list] [--known]``.

Exit codes: 0 up to date (or written), 1 ``--check`` found a file that would change, 2 a
problem (a case names a file no renderer knows, an invalid identifier, a file over budget, a
known example folder missing, an unknown example folder naming a file that does not exist).

Example folders the generator does not know (a case added by hand, e.g. ``examples/fr-liquidation``)
are reported and left alone as long as every file their case names exists: their files are
drawn by hand, and the generator neither rewrites nor deletes them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from docgen.atomic import write_bytes

from .common import CASE_NAMES, EXAMPLES, MAX_BYTES, Case, check_identifiers
from .registry import builders


def example_folders(examples: Path = EXAMPLES) -> list[str]:
    """Every folder of ``examples`` holding a case file, known to the generator or not."""
    return sorted(p.parent.name for p in examples.glob("*/case.yaml"))


def unknown_folders(examples: Path = EXAMPLES) -> tuple[list[str], list[str]]:
    """(notes, problems) for the example folders this generator has no renderers for."""
    notes, problems = [], []
    for name in example_folders(examples):
        if name in CASE_NAMES:
            continue
        try:
            case = Case.load(name, examples)
            named = case.referenced_files()
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
            problems.append(f"examples/{name}: not known to the generator and its case.yaml cannot be "
                            f"read for the files it names ({exc.__class__.__name__}: {exc})")
            continue
        missing = [rel for rel in named if not (case.directory / rel).is_file()]
        problems += [f"examples/{name}: not known to the generator (it knows {', '.join(CASE_NAMES)}), "
                     f"and {rel}, named by its case.yaml, does not exist: add the file by hand or a "
                     f"renderer to scripts/examplegen" for rel in missing]
        if not missing:
            notes.append(f"examples/{name}: not known to the generator; its {len(named)} file(s) exist "
                         f"and are left alone")
    return notes, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the example pieces and proofs from examples/*/case.yaml.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if regenerating would change (or create) any file")
    parser.add_argument("--only", action="append", choices=CASE_NAMES, help="one case (repeatable)")
    parser.add_argument("--list", action="store_true", help="print every file with its size")
    parser.add_argument("--known", action="store_true",
                        help="print the example folders the generator renders, and the others, then stop")
    args = parser.parse_args(argv)
    if args.known:
        folders = example_folders()
        print("renders:     " + ", ".join(CASE_NAMES))
        print("leaves alone: " + (", ".join(n for n in folders if n not in CASE_NAMES) or "(none)"))
        return 0
    problems: list[str] = []
    differ: list[Path] = []
    for name in args.only or CASE_NAMES:
        if not (EXAMPLES / name / "case.yaml").is_file():
            problems.append(f"examples/{name}/case.yaml is missing (the generator renders that example)")
            continue
        case = Case.load(name)
        problems += check_identifiers(case)
        produced, unknown = builders(case)
        problems += [f"{name}: no renderer for {rel} (named in case.yaml)" for rel in unknown]
        for rel, build in sorted(produced.items()):
            data = build()
            path = case.directory / rel
            if len(data) > MAX_BYTES:
                problems.append(f"{name}/{rel}: {len(data)} bytes, over the {MAX_BYTES} bytes budget")
            same = path.is_file() and path.read_bytes() == data
            if not same:
                differ.append(path)
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    write_bytes(path, data)
            if args.list or not same:
                state = "ok" if same else ("DIFFERS" if args.check else "written")
                print(f"{state:8} {len(data):7d}  examples/{name}/{rel}")
        for folder in ("pieces", "proofs"):
            for path in sorted((case.directory / folder).glob("*")) if (case.directory / folder).is_dir() else []:
                if path.relative_to(case.directory).as_posix() not in produced:
                    print(f"note     {'':7}  examples/{name}/{path.relative_to(case.directory).as_posix()} "
                          f"is not named by case.yaml (left alone)")
    if not args.only:
        notes, unknown_problems = unknown_folders()
        for note in notes:
            print(f"note     {'':7}  {note}")
        problems += unknown_problems
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 2
    if args.check and differ:
        print(f"{len(differ)} file(s) would change: run python scripts/make_examples.py", file=sys.stderr)
        return 1
    if not differ:
        print("all example files up to date")
    return 0
