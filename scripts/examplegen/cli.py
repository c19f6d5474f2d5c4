"""TODO"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import CASE_NAMES, Case, MAX_BYTES, check_identifiers
from .registry import builders

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the example pieces and proofs from examples/*/case.yaml.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if regenerating would change (or create) any file")
    parser.add_argument("--only", action="append", choices=CASE_NAMES, help="one case (repeatable)")
    parser.add_argument("--list", action="store_true", help="print every file with its size")
    args = parser.parse_args(argv)
    problems: list[str] = []
    differ: list[Path] = []
    for name in args.only or CASE_NAMES:
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
                    path.write_bytes(data)
            if args.list or not same:
                state = "ok" if same else ("DIFFERS" if args.check else "written")
                print(f"{state:8} {len(data):7d}  examples/{name}/{rel}")
        for folder in ("pieces", "proofs"):
            for path in sorted((case.directory / folder).glob("*")) if (case.directory / folder).is_dir() else []:
                if path.relative_to(case.directory).as_posix() not in produced:
                    print(f"note     {'':7}  examples/{name}/{path.relative_to(case.directory).as_posix()} "
                          f"is not named by case.yaml (left alone)")
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

