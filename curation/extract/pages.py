"""Pages of a PDF's text joined where a sentence runs over the break.

PDF-to-text tools mark a page's end with a form feed, and each page carries its furniture: a page number
on the last line, a running header ("Published as a conference paper at ICLR 2022") on the first. A
sentence broken by a page ("… initialized at 0.01 and\\n6\\n\\n\\fPublished as …\\n\\nreduced three times …")
then reads as two, and a figure, its devices and its time fall apart. The rules:

- a running header is a page's first line that starts at least three pages (and a third of them);
  it goes from the start of every page it starts;
- a page number is a last line of digits (or "Page 6", "6 of 12"); it goes;
- where a page ends mid-sentence (a lower-case letter, a comma, a hyphen or an opening bracket last)
  and the next page starts with a lower-case letter, a digit or a bracket, the two are joined by a
  line break (a hyphen at the break is then read as any word broken over a line); any other break
  stays a paragraph's (a blank line).
"""

from __future__ import annotations

import re
from collections import Counter

PAGE_BREAK = "\f"
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
ENDS_MID_SENTENCE = re.compile(r"[a-z,;(\[-]$")
STARTS_MID_SENTENCE = re.compile(r"^[a-z\d(\[]")
MIN_HEADER_PAGES = 3


def _first_line(page: str) -> str:
    stripped = page.lstrip("\n \t")
    return stripped.split("\n", 1)[0].strip()


def _without_header(page: str, headers: set[str]) -> str:
    """A page without the running header its first line is."""
    stripped = page.lstrip("\n \t")
    first, _, rest = stripped.partition("\n")
    return rest if first.strip() in headers else page


def _without_number(page: str) -> str:
    """A page without the page number its last line is."""
    body = page.rstrip()
    head, _, last = body.rpartition("\n")
    return head if head and PAGE_NUMBER.match(last) else page


def joined_pages(document: str) -> str:
    """``document`` with its pages joined (see the module's rules); a text with no form feed as it is."""
    if PAGE_BREAK not in document:
        return document
    pages = document.split(PAGE_BREAK)
    firsts = Counter(_first_line(page) for page in pages[1:])
    headers = {line for line, count in firsts.items()
               if line and count >= MIN_HEADER_PAGES and count * 3 >= len(pages) - 1}
    parts = [_without_number(pages[0])]
    for page in pages[1:]:
        page = _without_number(_without_header(page, headers) if headers else page)
        before, after = parts[-1].rstrip(), page.lstrip()
        if ENDS_MID_SENTENCE.search(before) and STARTS_MID_SENTENCE.match(after):
            parts[-1] = before
            parts.append("\n" + after)
        else:
            parts.append("\n\n" + page)
    return "".join(parts)
