"""Robustness of compute extraction to how a real text was saved: the same texts, written another way.

    .venv/bin/python bench/robustness.py [--show 10]

For every labelled paper and base card of ``../shared/realdata/corpus`` (both splits), this runs
extraction on the text as stored and on variants a reader would call the same text: Windows line ends,
zero-width spaces, Unicode and non-breaking hyphens, soft hyphens, no-break spaces between a number and
its unit, emphasis around numbers, bold field keys, "*" and "•" list bullets, Markdown tables as HTML
tables, a long list of authors between the title and the abstract, page breaks with a running header
inside paragraphs, words broken over a line with a hyphen, headings as bold lines, HTML headings or
underlined (setext) headings, pipe tables without their outer pipes, numbered lists, the text as arXiv's
HTML rendering writes a paper (each number a formula whose TeX is written twice, capitalized words in
spans), and the model's name replaced by an invented one. It prints how many (text, variant) pairs change
their primary (none to some, or a figure more than 1.5× apart) or make extraction raise, by variant. No
label is read: a change is a sensitivity to the writing, right or wrong.
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation.extract.documents import extract_document  # noqa: E402
from schemas.handover import CARD, PAPER, Document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "realdata" / "corpus"
AUTHORS = "\n".join(f"Author{i} Surname{i}, University of Somewhere {i}, Department of Things"
                    for i in range(60))
INVENTED = "Zorblax"


def _html_tables(text: str) -> str:
    """Each Markdown pipe table as an HTML table of the same cells."""
    out: list[str] = []
    rows: list[str] = []

    def flush() -> None:
        cells = [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows
                 if not re.fullmatch(r"\|?[\s:|-]+\|?", row.strip())]
        if cells:
            body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells)
            out.append(f"<table>\n{body}\n</table>")
        rows.clear()

    for line in text.split("\n"):
        if line.strip().startswith("|"):
            rows.append(line)
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out)


def _authors_after_title(text: str) -> str:
    """Sixty author lines after the text's first three non-empty lines."""
    lines, seen = text.split("\n"), 0
    for index, line in enumerate(lines):
        seen += bool(line.strip())
        if seen == 3:
            return "\n".join([*lines[: index + 1], AUTHORS, *lines[index + 1:]])
    return text


def _page_breaks(text: str) -> str:
    """A page number, a form feed and a running header every 2,500 characters, mid-sentence."""
    out, last = [], 0
    for space in re.finditer(" ", text):
        if space.start() - last > 2500:
            out.append(text[last: space.start()] + "\n\n12\n\x0cPublished as a conference paper\n\n")
            last = space.start() + 1
    out.append(text[last:])
    return "".join(out)


def _broken_words(text: str) -> str:
    """Every seventh long word broken over a line with a hyphen."""
    count = iter(range(10**9))
    return re.sub(r"\b([a-z]{4})([a-z]{4,}) ",
                  lambda m: f"{m.group(1)}-\n{m.group(2)} " if next(count) % 7 == 0 else m.group(0), text)


def _setext_headings(text: str) -> str:
    """Each first- and second-level heading underlined ("Training" over "--------") instead of "#"."""
    def underlined(match: re.Match[str]) -> str:
        rule = "=" if len(match.group(1)) == 1 else "-"
        return match.group(2) + "\n" + rule * max(3, len(match.group(2)))

    return re.sub(r"(?m)^(#{1,2})[ \t]+(.*?)[ \t]*$", underlined, text)


# a number with its size or unit letter glued on: "2T", "175B", "1,024", "3.1e23", "8.4"
NUMBER = re.compile(r"(?<![\w.,^-])\d+(?:[.,]\d+)*(?:e[+-]?\d+)?(?![\w.,]?\d)")
RESULTS = ('<table class="ltx_tabular"><tr class="ltx_tr"><td class="ltx_td">Task</td>'
           '<td class="ltx_td">Score</td></tr><tr class="ltx_tr"><td class="ltx_td">QA</td>'
           '<td class="ltx_td">71.2</td></tr></table>')


def _latexml_page(text: str, words: bool = False) -> str:
    """The text as arXiv's HTML rendering (LaTeXML) writes a paper: each paragraph an ``ltx_p``, each
    number a formula with its TeX twice (``alttext`` and an annotation) and its MathML rendering, with
    ``words`` each capitalized word in an ``ltx_text`` span, and a table of results at the end (the page
    is then parsed). A text that holds markup already is left as it is; another's "<" and "&" are
    escaped."""
    if re.search(r"<[A-Za-z/!]", text):
        return text
    text = html.escape(text, quote=False)

    def formula(match: re.Match[str]) -> str:
        tex = match.group(0).replace(",", "{,}")
        return (f'<math alttext="{tex}" class="ltx_Math" display="inline"><semantics><mn>{match.group(0)}'
                f'</mn><annotation encoding="application/x-tex">{tex}</annotation></semantics></math>')

    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        paragraph = NUMBER.sub(formula, paragraph)
        if words:
            paragraph = re.sub(r"(?<![\w<>/=\"-])([A-Z][a-z]{2,})(?![\w\"])",
                               r'<span class="ltx_text ltx_font_smallcaps">\1</span>', paragraph)
        paragraphs.append(f'<div class="ltx_para"><p class="ltx_p">{paragraph}</p></div>')
    return "<!DOCTYPE html><html><body><article class=\"ltx_document\">\n" + "\n".join(paragraphs) + \
        RESULTS + "</article></body></html>"


def _pdf_line_tables(text: str) -> str:
    """Pipe tables as a PDF's text layer gives them (pypdf, the arXiv source's reader of PDFs): a row a line,
    its cells apart by one space, no pipes and no separator rows."""
    rows = []
    for line in text.split("\n"):
        if not line.lstrip().startswith("|"):
            rows.append(line)
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not all(re.fullmatch(r":?-{2,}:?", cell) or not cell for cell in cells):
            rows.append(" ".join(cell for cell in cells if cell))
    return "\n".join(rows)


def _layout_tables(text: str) -> str:
    """Pipe tables as ``pdftotext -layout`` gives them: a row a line, each column padded to its widest cell
    and set apart by two spaces or more, no pipes and no separator rows."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        widths = [max(len(row[i]) for row in block if i < len(row)) for i in range(max(map(len, block)))]
        out.extend("   ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in block)
        block.clear()

    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", cell) or not cell for cell in cells):
                block.append(cells)
            continue
        if block:
            flush()
        out.append(line)
    if block:
        flush()
    return "\n".join(out)


SIZE_WORD = {"K": "thousand", "M": "million", "B": "billion", "T": "trillion"}


def _sizes_in_words(text: str) -> str:
    """A count's size letter written as its word, as prose often has it: "7B parameters" → "7 billion
    parameters", "2T tokens" → "2 trillion tokens" (not inside a name: "Kite-7B", "A100")."""
    return re.sub(r"(?<![\w.-])(\d+(?:\.\d+)?)\s?([KMBT])"
                  r"(?= (?:parameters|params|tokens|words|images|samples)\b)",
                  lambda m: f"{m.group(1)} {SIZE_WORD[m.group(2)]}", text)


def _sizes_as_letters(text: str) -> str:
    """The reverse: "7 billion parameters" → "7B parameters", "1.4 trillion tokens" → "1.4T tokens"."""
    letters = {word: letter for letter, word in SIZE_WORD.items()}
    return re.sub(r"(?<![\w.-])(\d+(?:\.\d+)?) (thousand|million|billion|trillion)(?= [a-z])",
                  lambda m: f"{m.group(1)}{letters[m.group(2)]}", text)


def _wrapped_lines(text: str) -> str:
    """Prose hard-wrapped at 72 characters, as a PDF's text layer breaks its lines: each line of more than
    72 characters that is no table row, heading or list item is broken between words."""
    lines = []
    for line in text.split("\n"):
        if len(line) <= 72 or line.lstrip().startswith(("|", "#", "-", "*", "<")):
            lines.append(line)
        else:
            lines.extend(textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines)


VARIANTS: dict[str, Callable[[str], str]] = {
    "windows line ends": lambda t: t.replace("\n", "\r\n"),
    "zero-width spaces": lambda t: t.replace(" the ", " the\u200b "),
    "unicode hyphens": lambda t: re.sub(r"(?<=\w)-(?=\w)", "\u2010", t),
    "non-breaking hyphens": lambda t: re.sub(r"(?<=[A-Za-z])-(?=\d)", "\u2011", t),
    "soft hyphens": lambda t: t.replace("parameters", "para\u00admeters"),
    "no-break spaces": lambda t: re.sub(r"(\d) (?=[A-Za-z])", "\\1\u00a0", t),
    "emphasis on numbers": lambda t: re.sub(r"(?<![\w.*-])(\d[\d.,]*\s?[KMBT]?)(?= )", r"**\1**", t),
    "bold field keys": lambda t: re.sub(r"(?m)^(\s*[-*] )([A-Z][A-Za-z /]{2,30}):", r"\1**\2:**", t),
    "star bullets": lambda t: re.sub(r"(?m)^(\s*)- ", r"\1* ", t),
    "round bullets": lambda t: re.sub(r"(?m)^(\s*)[-*] ", "\\1\u2022 ", t),
    "html tables": _html_tables,
    "authors before abstract": _authors_after_title,
    "page breaks": _page_breaks,
    "broken words": _broken_words,
    "bold-line headings": lambda t: re.sub(r"(?m)^#{1,6}[ \t]+(.*?)[ \t]*$", r"**\1**", t),
    "html headings": lambda t: re.sub(r"(?m)^(#{1,6})[ \t]+(.*?)[ \t]*$",
                                      lambda m: f"<h{len(m.group(1))}>{m.group(2)}</h{len(m.group(1))}>", t),
    "setext headings": _setext_headings,
    "tables without edges": lambda t: re.sub(r"(?m)^[ \t]*\|(.*)\|[ \t]*$", lambda m: m.group(1).strip(), t),
    "numbered lists": lambda t: re.sub(r"(?m)^(\s*)[-*] ", r"\g<1>1. ", t),
    "arxiv html formulas": _latexml_page,
    "arxiv html spans": lambda t: _latexml_page(t, words=True),
    "tables as pdf lines": _pdf_line_tables,
    "tables as layout text": _layout_tables,
    "sizes in words": _sizes_in_words,
    "sizes as letters": _sizes_as_letters,
    "wrapped lines": _wrapped_lines,
    "thousands apart by spaces": lambda t: re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "\u2009", t),
}


class Failed(Exception):
    """Extraction raised on a variant (counted as a change, and named)."""


def _primary(kind: str, text: str, year: int | None, name: str | None) -> float | None:
    try:
        primary = extract_document(Document(kind, text, year), name=name).primary
    except Exception as error:  # a variant that breaks extraction is the finding to report
        raise Failed(f"{type(error).__name__}: {error}") from error
    return primary.value_flop if primary else None


def _same(stored: float | None, written: float | None) -> bool:
    """Both none, or both figures within 1.5× of each other."""
    if stored is None or written is None:
        return stored is written
    return max(stored, written) / min(stored, written) < 1.5


def _renamed(text: str, stem: str) -> str:
    """The text with the model's name (its first word, in any of three cases) replaced."""
    cases = ((stem.upper(), INVENTED.upper()), (stem.lower(), INVENTED.lower()), (stem, INVENTED))
    for written, invented in cases:
        text = re.sub(rf"\b{re.escape(written)}", invented, text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=10, help="changed pairs to print")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to measure")
        return 0
    changed, pairs, shown = Counter(), Counter(), 0
    for kind, folder in ((PAPER, "papers"), (CARD, "cards")):
        with (CORPUS / folder / "labels.csv").open(newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.DictReader(handle) if row["kind"] in ("paper", "base")]
        for row in rows:
            text = (CORPUS / folder / row["file"]).read_text(encoding="utf-8", errors="replace")
            date = row.get("epoch_publication_date") or ""
            year = int(date[:4]) if date[:4].isdigit() else None
            name = row.get("hf_repo_id") or None
            stored = _primary(kind, text, year, name)
            stem = re.split(r"[\s\-_(]", (row.get("model") or row.get("epoch_model") or "").strip())[0]
            variants = dict(VARIANTS)
            if len(stem) >= 3 and stem.isalpha():
                variants["invented name"] = lambda t, stem=stem: _renamed(t, stem)
            for label, variant in variants.items():
                own = name
                if label == "invented name" and name:
                    own = re.sub(re.escape(stem), INVENTED, name, flags=re.IGNORECASE)
                try:
                    written = _primary(kind, variant(text), year, own)
                except Failed as failure:
                    changed[label] += 1
                    pairs[label] += 1
                    print(f"  {row['file'][:48]:48} {label:24} raised {str(failure)[:60]}")
                    continue
                pairs[label] += 1
                if not _same(stored, written):
                    changed[label] += 1
                    if shown < args.show:
                        shown += 1
                        print(f"  {row['file'][:48]:48} {label:26} {stored or 0:.2g} -> {written or 0:.2g}")
    for label in pairs:
        print(f"{label:26} {changed[label]:3} of {pairs[label]} primaries changed")
    print(f"{'all':26} {sum(changed.values()):3} of {sum(pairs.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
