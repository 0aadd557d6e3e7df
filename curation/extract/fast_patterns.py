"""Patterns written so that Python's regex engine scans them fast, with the same matches.

The engine skips an alternative at once only when it opens with a literal or a character class, not
with a letter read case-insensitively: a case-insensitive alternation of many words (the accelerator
names' trie, the number words) is entered word by word at every position tried. :func:`either_case`
and :func:`any_case` write an alternative's first letter as a case-sensitive class of every character it
matches case-insensitively ("[tT]", "[sSſ]"), which the engine tests at once.

Alternatives that each open with a word boundary, ``\\bA|\\bB|\\bC``, test it once per alternative at
every position (a costly test on text outside ASCII): written ``\\b(?:A|B|C)``, they test it once.

A pattern whose alternatives all open with a few characters (a digit or a number word's first letter; a
comma, a semicolon or a space) but not with a literal the engine can skip to is tried alternative by
alternative at every position: a look-ahead of those characters before the alternatives, ``(?=[\\d…])``,
turns most positions away with one test (the device counts' ``COUNT_START``, 1.2 to 2 times faster).
"""

from __future__ import annotations

import re

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
