"""The visible signature box: a text stamp at the bottom right of the last page.

PDF/A forbids non-embedded fonts, so the stamp uses the bundled Liberation Sans (embedded,
subset) rather than pyHanko's default Courier. pyHanko 0.38 writes glyph widths in font units
as if every font had 1000 units per em; Liberation has 2048, which spreads the letters apart,
so the font is rescaled to 1000 units once per process (about 0.2 s, visible stamps only).
"""
from __future__ import annotations

import atexit
import os
import tempfile
from functools import cache

from ..errors import SigningError
from ..resources import templates_dir

_BOX = (220, 64)      # points
_MARGIN = 36          # half an inch from the page's bottom-right corner
_FONT_SIZE = 7
_TEXT = "Signé électroniquement par / Elektronisch ondertekend door\n%(signer)s\n%(ts)s"


def field_spec(writer, name: str, visible: bool):
    from pyhanko.sign.fields import SigFieldSpec

    if not visible:
        return SigFieldSpec(sig_field_name=name)
    page_ref, _ = writer.prev.find_page_for_modification(-1)
    box = [float(v) for v in page_ref.get_object().get("/MediaBox", [0, 0, 595.28, 841.89])]  # ok: PDF points, not money
    right, bottom = box[2] - _MARGIN, box[1] + _MARGIN
    return SigFieldSpec(sig_field_name=name, on_page=-1,
                        box=(right - _BOX[0], bottom, right, bottom + _BOX[1]))


def stamp_style():
    try:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    except ImportError:
        raise SigningError("visible signatures need pip install 'pyhanko[opentype]'") from None
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    # The same size twice: pyHanko shapes at the engine's size and draws at the box's.
    font = GlyphAccumulatorFactory(_font_file(), font_size=_FONT_SIZE)
    return TextStampStyle(stamp_text=_TEXT, border_width=1, background=None,
                          text_box_style=TextBoxStyle(font=font, font_size=_FONT_SIZE))


@cache
def _font_file() -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem


    font = TTFont(templates_dir() / "fonts" / "LiberationSans-Regular.ttf")
    # Latin-1, Latin Extended-A (Dutch ĳ, Polish names...), quotes, dashes and the euro.
    options = subset.Options()
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[*range(0x20, 0x7F), *range(0xA0, 0x180),
                                 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x20AC])
    subsetter.subset(font)
    scale_upem(font, 1000)
    fd, path = tempfile.mkstemp(prefix="docgen-stamp-", suffix=".ttf")
    atexit.register(os.unlink, path)
    with os.fdopen(fd, "wb") as fh:
        font.save(fh)
    return path
