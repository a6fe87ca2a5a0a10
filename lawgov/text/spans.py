"""Span sets: does a span overlap, or lie inside, any of many spans, in logarithmic time.

Extractors mask what they must not read as data (quoted names, titles, dates); a linear scan of
the mask for every match would make a long report quadratic.
"""

from __future__ import annotations

import bisect


class SpanSet:
    """Sorted, possibly overlapping ``(start, end)`` spans with overlap and containment queries.

    >>> s = SpanSet([(10, 20), (0, 5)])
    >>> s.overlaps(4, 6), s.overlaps(5, 10), s.overlaps(19, 30), s.contains(12, 20), s.contains(18, 22)
    (True, False, True, True, False)
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

    def contains(self, start: int, end: int) -> bool:
        """True when one span holds all of ``[start, end)``."""
        i = bisect.bisect_right(self.starts, start) - 1  # spans starting at or before start…
        return i >= 0 and self.reach[i] >= end  # …the longest-reaching of which covers end
