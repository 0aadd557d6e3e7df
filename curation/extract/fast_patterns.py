"""Patterns written so that Python's regex engine scans them fast, with the same matches.

The engine skips straight to candidate positions only when a pattern opens with a literal or a character
class, and it skips an alternative at once only when that opens with a literal or a class — not with a
look-behind, nor with a letter read case-insensitively. Two ways of writing keep those fast:

- :class:`WordStart`: a pattern that opens with a look-behind, "not after a letter or a point"
  (``(?<![\\w.])``), is tried at every position of a text, and most positions are inside words. Its
  twin opens with the character before the match itself (``[^\\w.]``), so that only the spaces and
  punctuation of a text are tried; each match it finds is matched once more by the pattern itself, so
  that callers get the pattern's own match objects. (Only for patterns whose matches are few: each costs
  a few calls more.)
- :func:`either_case` and :func:`any_case`: in a case-insensitive pattern, an alternative's first letter
  written as a case-sensitive class of every character it matches ("[tT]").

Alternatives that each open with a word boundary, ``\\bA|\\bB|\\bC``, test it once per alternative at
every position (a costly test on text outside ASCII): written ``\\b(?:A|B|C)``, they test it once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class WordStart:
    """A compiled ``(?<!{not_after})(?:{body})``: a match that no character of the class ``not_after``
    (written as a class's inside, ``\\w.``) stands right before. Finds exactly the pattern's matches."""

    def __init__(self, not_after: str, body: str, flags: int = 0) -> None:
        self.regex = re.compile(rf"(?<![{not_after}])(?:{body})", flags)
        # the character before a match, consumed: the scan opens with a character class
        self._scan = re.compile(rf"[^{not_after}](?:{body})", flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The pattern's matches in ``text[pos:endpos]``, in order, as :meth:`re.Pattern.finditer`."""
        end = len(text) if endpos is None else min(endpos, len(text))
        while pos <= end:
            match = self.search(text, pos, end)
            if match is None:
                return
            yield match
            pos = match.end() if match.end() > match.start() else match.end() + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The pattern's first match in ``text[pos:endpos]``, as :meth:`re.Pattern.search`."""
        end = len(text) if endpos is None else endpos
        match = self.regex.match(text, pos, end)  # one that opens at ``pos`` itself
        if match is not None:
            return match
        scanned = self._scan.search(text, pos, end)
        if scanned is None:
            return None
        return self.regex.match(text, scanned.start() + 1, end)

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list:
        """As :meth:`re.Pattern.findall`."""
        if self.regex.groups:
            return self.regex.findall(text, pos, len(text) if endpos is None else endpos)
        return [match.group(0) for match in self.finditer(text, pos, endpos)]


# the characters besides its two cases that a letter matches case-insensitively ("ı" and "İ" match "i",
# the long "ſ" matches "s", the Kelvin sign matches "k")
OTHER_CASES = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def either_case(character: str) -> str:
    """A case-sensitive regex for one character that matches what it matches case-insensitively."""
    if not character.isascii() or not character.isalpha():
        return re.escape(character)
    low = character.lower()
    return f"(?-i:[{low}{low.upper()}{OTHER_CASES.get(low, '')}])"


def any_case(alternatives: list[str] | tuple[str, ...]) -> str:
    """An alternation of ``alternatives`` (regex fragments, each opening with a plain letter or digit) for
    a case-insensitive pattern, each opening with :func:`either_case` of its first character, so that the
    engine skips at once every alternative that cannot match."""
    return "|".join(either_case(alternative[0]) + alternative[1:] for alternative in alternatives)
