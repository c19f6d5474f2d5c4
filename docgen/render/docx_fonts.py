"""LibreOffice laying out a DOCX in the PDF's own fonts: the bundled Liberation Serif and Sans.

The DOCX names Liberation Serif and Sans, as the PDF embeds them. Where they are not installed
(a CI machine, a minimal container), LibreOffice silently takes another font, whose line height
differs (Nimbus Roman: 3 % taller lines), and a letter breaks its pages elsewhere than the PDF. A
fontconfig file that adds docgen's font folder to the system's makes the comparison (tests,
scripts/docx_preview.py) independent of what the machine has installed.
"""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from ..resources import templates_dir

SYSTEM_CONF = Path("/etc/fonts/fonts.conf")


def bundled_fonts(folder: Path) -> dict[str, str]:
    """The environment for a ``soffice`` run that sees the bundled fonts; ``folder`` holds the
    fontconfig file and its cache."""
    conf = folder / "fonts.conf"
    system = f'<include ignore_missing="yes">{escape(str(SYSTEM_CONF))}</include>' if SYSTEM_CONF.is_file() else ""
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    f"{system}<dir>{escape(str(templates_dir() / 'fonts'))}</dir>"
                    f"<cachedir>{escape(str(folder / 'fontcache'))}</cachedir></fontconfig>\n", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}
