"""What the fork server of ``LayoutWorkers`` prepares once, before it forks each worker.

multiprocessing preloads modules by name in its fork server, so importing this module *is* the
preparation: WeasyPrint imported, the bundled stylesheet parsed, the fonts loaded, and one small
page laid out, which makes Pango, HarfBuzz and cffi resolve what every document needs (about a
third of a second the first time). Each worker forked after that starts warm. Nothing else
imports this module.

Forking after this is safe: the process is single-threaded (WeasyPrint starts no thread), and a
forked worker ends with ``os._exit``, so it never deletes the fonts' temporary folder, which the
fork server removes when it ends.
"""
from __future__ import annotations

from .pdf import html_to_pdf
from .registry import template_roots

SAMPLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>x</title></head><body>
<div class="footer">Réf. — € 1 234,56</div>
<h1>Titre</h1><h2>Sous-titre</h2>
<p>Texte <b>gras</b> et <i>italique</i>, montant&nbsp;: €&nbsp;1&nbsp;234,56 — «&nbsp;cité&nbsp;».</p>
<p class="other-font">Sans <b>gras</b>.</p>
<ul><li>un</li><li>deux</li></ul>
<table><tr><th>Facture</th><th class="num">Montant</th></tr>
<tr><td>F-1</td><td class="num">€&nbsp;1&nbsp;234,56</td></tr>
<tr class="total"><td>Total</td><td class="num">€&nbsp;1&nbsp;234,56</td></tr></table>
</body></html>"""

html_to_pdf(SAMPLE, tuple(template_roots(None)), identity="warm-up")
