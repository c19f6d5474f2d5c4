"""The OpenAPI document of the JSON API, as the server serves it at ``/api/v1/openapi.json``.

``python -m docgen.web.openapi > docs/openapi.json`` regenerates the committed copy
(``tests/web/test_api.py`` fails when the two differ)."""
from __future__ import annotations

import json
from datetime import date


def document() -> dict:
    # lazy: FastAPI and the pages load only when the document is asked for
    from .app import create_app

    # The document does not depend on the portfolio, the date or the token.
    return create_app(".", as_of=date(2000, 1, 1), token="-").openapi()


def text() -> str:
    return json.dumps(document(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(text(), end="")
