"""Punctuation that marks names in Chinese prose, as regex fragments shared by the extractors.

A 《title》 may hold one nested title, written 〈…〉 or 《…》 (《关于〈某某条例〉的意见》); the body is
written in the unrolled-loop form so that matching it is linear.

>>> import re
>>> re.fullmatch(TITLE, "《关于《某某条例》的意见》") is not None
True
"""

from __future__ import annotations

# The text inside 《…》: characters other than brackets, with at most one level of nested 《…》.
TITLE_BODY = r"[^《》\n]*(?:《[^《》\n]*》[^《》\n]*)*"
TITLE = rf"《{TITLE_BODY}》"
