"""Span sets: does a span overlap any of many spans, in logarithmic time.

Extractors mask what they must not read as data (quoted names, titles, dates); a linear scan of
the mask for every match would make a long report quadratic.
"""

from __future__ import annotations

import bisect


class SpanSet:
    """Sorted, possibly overlapping ``(start, end)`` spans with an overlap query.

    >>> s = SpanSet([(10, 20), (0, 5)])
    >>> s.overlaps(4, 6), s.overlaps(5, 10), s.overlaps(19, 30)
    (True, False, True)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.reach, furthest = [], -1
        for e in self.ends:  # running maximum of ends: one bisect on starts answers overlap
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span shares at least one character with ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start
