"""``docgen serve``: the paralegal's workspace, a local web application over a portfolio.

A thin face over the library (``docgen.api``): every figure, finding and document comes from
``docgen.Matter`` and the portfolio functions; this package only lays them out as HTML pages
(``pages_*``) and as an HTTP JSON API under ``/api/v1`` (``api_v1``). It binds to the loopback
address by default and admits only requests carrying the random session token printed at start
(``security``). FastAPI, uvicorn and python-multipart are the ``web`` extra: imported only here.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
