"""render/pdf.py loads WeasyPrint's system libraries by file name, without ``find_library``'s
search (a third of a second of subprocesses per import), and still works where only that search
finds them."""
from __future__ import annotations

import subprocess
import sys
import textwrap

RENDER_ONE_PAGE = """
from docgen.render.pdf import html_to_pdf
from docgen.render.registry import template_roots
pdf = html_to_pdf("<p>Bonjour</p>", tuple(template_roots(None)), identity="t")
assert pdf.startswith(b"%PDF"), pdf[:20]
print("ok")
"""


def _run(prelude: str) -> subprocess.CompletedProcess:
    code = textwrap.dedent(prelude) + RENDER_ONE_PAGE
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_quick_import_searches_no_library():
    done = _run("""
        import ctypes.util
        searched = []
        real = ctypes.util.find_library
        def spy(name):
            searched.append(name)
            return real(name)
        ctypes.util.find_library = spy
        import docgen.render.pdf
        assert ctypes.util.find_library is spy, "the lookup is restored after the import"
        assert searched == [], searched
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_a_system_where_only_the_search_finds_the_libraries_still_renders():
    # No library opens under the names WeasyPrint tries (as where the file names differ from all
    # of them): the quick import fails, and the ordinary one, whose find_library search answers,
    # must take over silently.
    done = _run("""
        import ctypes.util
        import cffi.api
        real_search, real_load = ctypes.util.find_library, cffi.api._load_backend_lib
        def load(backend, name, flags):
            if ctypes.util.find_library is not real_search:
                raise OSError(f"refused in this test: {name}")
            return real_load(backend, name, flags)
        cffi.api._load_backend_lib = load
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
