"""A run's duration written as the dates it started and ended.

"The run lasted from March 11 to April 10, 2023", "trained between 11 March 2023 and 10 April 2023",
"Training started on March 11, 2023 and ended on April 10, 2023", "Training dates: 11 Mar – 10 Apr
2023", "from 2023-03-11 to 2023-04-10" (ISO 8601 dates). The rules:

- each end gives a day and a month (a month name, whole or shortened, before or after the day); the
  year may be written once, after the second date, or not at all ("started on June 1st and finished on
  July 20th": the two dates of one year), and a first date in a later month than the second is then of
  the year before;
- the two dates are joined as a range ("to", "until", "through", "and", a dash), or the first follows
  a word of starting ("started", "from", "between", "began") and the second, within the sentence, a
  word of ending ("ended", "finished", "completed", "until", "to");
- the duration is the days between them, from one to a year; a range of months alone ("between January
  and July 2023") gives none, since a calendar span of months holds more than the run.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {name: index for index, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# a date, its groups numbered by {i}: the day before the month ("11th March") or after it ("March 11")
DATE = (rf"(?:(?P<d{{i}}>{_DAY})\s+(?:of\s+)?(?P<m{{i}}>{_MONTH})\.?"
        rf"|(?P<n{{i}}>{_MONTH})\.?\s+(?P<e{{i}}>{_DAY}))(?![\w])(?:,?\s+(?P<y{{i}}>(?:19|20)\d\d))?")
RANGE = re.compile(
    r"(?P<start>\b(?:start(?:ed|ing)?|began|begun|from|between)\b[^.;\n]{0,20}?)?"
    + DATE.format(i=1)
    + r"(?P<join>\s*(?:-|–|—|to|until|till|through|and)\s*"
      # (a semicolon may part the two when words of starting and ending say which is which: "Started 11th
      # March, 2022; ended 5th July, 2022")
      r"|[^.]{0,60}?\b(?:end(?:ed|ing)?|finish(?:ed|ing)?|complet(?:ed|ing)|until|to)\b[^.;\d]{0,12}?)"
    + DATE.format(i=2), re.IGNORECASE)
MONTH_HINT = re.compile(rf"\b(?:{_MONTH})\b", re.IGNORECASE)
# the same with dates written as ISO 8601 does ("from 2023-01-05 to 2023-02-20"; a dash between them only
# with spaces around it: a date's own dashes join its parts)
_ISO = r"(?P<{name}>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"
ISO_RANGE = re.compile(
    r"(?P<start>\b(?:start(?:ed|ing)?|began|begun|from|between)\b[^.;\n]{0,20}?)?(?<![\w-])"
    + _ISO.format(name="a")
    + r"(?P<join>\s+(?:-|–|—|to|until|till|through|and)\s+|\s*[–—]\s*"
      r"|[^.]{0,60}?\b(?:end(?:ed|ing)?|finish(?:ed|ing)?|complet(?:ed|ing)|until|to)\b[^.;\d]{0,12}?)"
    + _ISO.format(name="b"), re.IGNORECASE)
ISO_HINT = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
MAX_DAYS = 366
NO_YEAR = 2023  # the year two dates written without one are read in (not a leap year)


def _date(match: re.Match[str], i: int, year: int) -> date | None:
    day = match.group(f"d{i}") or match.group(f"e{i}")
    month = MONTHS[(match.group(f"m{i}") or match.group(f"n{i}")).lower()]
    try:
        return date(year, month, int(re.sub(r"\D", "", day)))
    except ValueError:
        return None


JOINED_AS_RANGE = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*", re.IGNORECASE)


def _ranged(match: re.Match[str]) -> bool:
    """Whether two dates are a range: joined as one ("to", a dash), or the first after a word of starting
    (two dates with words between them and no word of starting are none)."""
    return bool(match.group("start")) or JOINED_AS_RANGE.fullmatch(match.group("join")) is not None


def date_range_durations(text: str) -> list[tuple[float, str, int, int]]:
    """(seconds, as written, start, end) of every start-and-end date pair in ``text`` that gives a run's
    duration (see the module's rules)."""
    found = _iso_ranges(text) if ISO_HINT.search(text) else []
    if not MONTH_HINT.search(text):  # cheap: most sentences name no month
        return found
    for match in RANGE.finditer(text):
        if not _ranged(match):
            continue
        year_text = match.group("y2") or match.group("y1")
        # (with no year written, the two dates are of one year: any year without a 29 February)
        second_year = int(match.group("y2") or year_text or NO_YEAR)
        end = _date(match, 2, second_year)
        begin = _date(match, 1, int(match.group("y1") or second_year))
        if begin is None or end is None:
            continue
        if begin > end and match.group("y1") is None:
            begin = _date(match, 1, second_year - 1)
        days = (end - begin).days if begin else 0
        if 1 <= days <= MAX_DAYS:
            found.append((days * 86400.0, match.group(0), match.start(), match.end()))
    return found


def _iso_ranges(text: str) -> list[tuple[float, str, int, int]]:
    """The ranges of :data:`ISO_RANGE` ("from 2023-01-05 to 2023-02-20"), read as the named dates are."""
    found = []
    for match in ISO_RANGE.finditer(text):
        if not _ranged(match):
            continue
        try:
            begin, end = date.fromisoformat(match.group("a")), date.fromisoformat(match.group("b"))
        except ValueError:
            continue
        days = (end - begin).days
        if 1 <= days <= MAX_DAYS:
            found.append((days * 86400.0, match.group(0), match.start(), match.end()))
    return found
