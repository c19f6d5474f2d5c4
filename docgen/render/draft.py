"""The mark of a draft: a document rendered with ``--force`` despite error findings.

Every page carries « PROJET » / « ONTWERP » across it (a fixed element repeats on every page
in paged media); the DOCX has it as Word's watermark (docx_watermark, found from this mark) and
its footer starts with the word. A draft is never signed.
"""
from __future__ import annotations

import re

DRAFT_WORD = {"fr": "PROJET", "nl": "ONTWERP"}

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


def mark_draft(html: str, language: str) -> str:
    """``html`` with the draft mark as the first element of its body."""
    mark = f'<div class="draft-mark" aria-hidden="true">{DRAFT_WORD[language]}</div>'
    found = _BODY.search(html)
    if found is None:
        return mark + html
    return html[:found.end()] + mark + html[found.end():]
