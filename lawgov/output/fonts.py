"""A Chinese font for matplotlib that does not depend on the machine.

Charts of a Chinese report need CJK glyphs, and most machines (CI runners, containers) have no CJK
system font, so matplotlib would draw empty boxes and warn "Glyph … missing from font(s)". lawgov
therefore never looks for system fonts: it registers the OFL-licensed Noto Sans SC that the pip
package ``pylopdf-fonts-zh-cn`` ships, so every machine draws the same glyphs and the same bytes.

matplotlib is imported only inside the functions, so ``import lawgov`` stays light.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import LawgovError

FONT_PACKAGE = "pylopdf-fonts-zh-cn"
FONT_MODULE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSansSC-Regular.otf"


def font_path() -> Path:
    """The path of the Noto Sans SC file inside the installed font package.

    Raises :class:`~lawgov.errors.LawgovError` naming the package when it is not installed (or lacks the file).
    """
    import importlib.resources

    try:
        path = Path(str(importlib.resources.files(FONT_MODULE) / FONT_FILE))
    except ImportError:
        raise LawgovError(
            f"the Chinese font package is not installed; charts need it: pip install {FONT_PACKAGE}", FONT_PACKAGE
        ) from None
    if not path.is_file():
        raise LawgovError(f"the font package has no {FONT_FILE} (looked at {path})", FONT_PACKAGE)
    return path


@functools.cache
def _register() -> str:
    """Add the font to matplotlib's font manager once per process; return its family name."""
    path = font_path()
    try:
        from matplotlib import font_manager
    except ImportError:
        raise LawgovError("matplotlib is not installed; charts need it: pip install matplotlib", "matplotlib") from None
    font_manager.fontManager.addfont(str(path))  # addfont also clears findfont's cache
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_chinese_font() -> str:
    """Make matplotlib draw Chinese with Noto Sans SC; return the font's family name (``"Noto Sans SC"``).

    The font file is registered only once (the registration is cached with :func:`functools.cache`);
    the rcParams are set on every call, so the function is idempotent and also repairs settings that
    were reset in between (``matplotlib.rcdefaults()``, a style context). ``axes.unicode_minus`` is
    turned off, the customary setting with CJK fonts (many lack U+2212, so tick labels use the ASCII
    hyphen every font has); DejaVu Sans stays listed as the fallback family.

    Raises :class:`~lawgov.errors.LawgovError` naming the missing package when the font package (or
    matplotlib) is not installed.
    """
    family = _register()
    import matplotlib

    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
