"""From a document's markup to the text a reader sees (what the finders read).

Papers arrive as plain text; model cards as Markdown that often holds HTML (tables of results, images,
aligned paragraphs). Evidence offsets index the text this module returns.
"""

from __future__ import annotations

import html
import re
from itertools import pairwise

import lxml.html
from lxml import etree

from curation.extract.anchors import positions
from curation.extract.pages import joined_pages
from curation.extract.quantities import SUPERSCRIPTS

_HTML = re.compile(r"<(?:html|body|div|p|table|tr|td|span|br|h[1-6])\b", re.IGNORECASE)
_NEEDS_PARSER = re.compile(r"<(?:table|tr|td|th|script|style)\b|<!--", re.IGNORECASE)  # tables, hidden text
INLINE_NOTE = "ltx_note_outer"  # a footnote written inside its sentence, moved out by the parser
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
# a tag with its name, and a declaration ("<!DOCTYPE html>"): where the markup is not parsed
_NAMED_TAG = re.compile(r"</?(?P<name>[A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>|<![A-Za-z][^<>]*>")
# elements that run inside a line of text: a reader sees their words where they stand ("trained on
# <b>2T</b> tokens", "<span>Kite</span>-7B", a citation's links), not on a line of their own as a block's
INLINE_ELEMENTS = frozenset({"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em",
                             "font", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
                             "strong", "sub", "time", "tt", "u", "var", "wbr",
                             # a formula's MathML, where it has no TeX to read instead
                             "math", "semantics", "mrow", "mn", "mi", "mo", "mtext", "msup", "msub",
                             "msubsup", "mfrac", "mstyle", "mover", "munder", "msqrt", "mspace"})
# a superscript off its word: a footnote's mark ("Kite-13B<sup>1</sup> is") is no part of the name
SPACED_ELEMENTS = frozenset({"sup"})
# an inline element that holds a note (a class naming a note or footnote, as arXiv's HTML writes its
# footnotes inside the sentence): set off by spaces, not run into the word before it
NOTE_CLASS = re.compile(r"""\bclass\s*=\s*["'][^"']*note""", re.IGNORECASE)
_BLANK_BETWEEN_ROWS = re.compile(r"(\|[ \t]*)\n(?:[ \t]*\n)+(?=[ \t]*\|)")
_EMPHASIS = re.compile(r"\*\*|__|`")
# a line that is nothing but bold words is a heading as a reader sees it ("**Model-S emissions**",
# "__Training__"): written as a Markdown heading before emphasis goes, so that sections read it as one
# (not a bold sentence, "**This is the base model.**", nor a field's key, "**Hardware Type:**")
_BOLD_LINE = re.compile(r"[ \t]*(?:\*\*|__)(?P<title>[^*_\n]{1,79}[^*_\n.:!?])(?:\*\*|__)[ \t]*$")
# the separator row of a pipe table written without its outer pipes ("---|---", ":-- | --: | ---")
_EDGELESS_SEPARATOR = re.compile(r"[ \t]*:?-+:?(?:[ \t]*\|[ \t]*:?-+:?)+[ \t]*")  # (one dash a cell: "-|-")
# an HTML heading ("<h2>Training</h2>"): a Markdown heading of its level, on its own line
_HTML_HEADING_START = re.compile(r"<[hH][1-6]")
_HTML_HEADING = re.compile(
    r"<h(?P<level>[1-6])\b(?P<attributes>[^<>]*)>(?P<title>(?:[^<\n]|<(?!/?h[1-6]\b)[^<>\n]*>){1,300}?)"
    r"</h(?P=level)>", re.IGNORECASE)  # (tags inside it, an anchor or emphasis, are dropped)
# zero-width spaces and joiners, the word joiner, a byte-order mark and a soft hyphen: invisible, and no
# part of a word; the Unicode hyphen and non-breaking hyphen a PDF or a web page may write ("Kite‑7B",
# "A100‑80GB"): the hyphen every pattern reads
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
# trade and registered marks after a maker's or a product's name ("NVIDIA® A100", "Xeon™"): no part of it
TRADEMARKS = ("\u00ae", "\u2122")
HYPHENS = ("\u2010", "\u2011")
# math signs as PDF text extraction maps TeX's symbol font: "3.1 ⇥ 10^23" is "3.1 × 10^23", "⇠100M" is "~100M"
MISREAD_SIGNS = {"\u21e5": "×", "\u21e0": "~"}
PLAIN_MARKS = {**{mark: "" for mark in (*ZERO_WIDTH, *TRADEMARKS)}, **{hyphen: "-" for hyphen in HYPHENS},
               **MISREAD_SIGNS}
_HIDDEN = etree.XPath("//script | //style | //comment() | //processing-instruction()")
_PARSER = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)  # no cut in a long text node


def _joined_words(document: str) -> str:
    """The words PDF text extraction broke over a line joined: a hyphen that ends a line between two
    lower-case letters goes ("to-" then "kens" on the next line), one after a capital or a digit, or
    before a digit, stays with the line break gone ("GPU-" then "hours": "GPU-hours"; "Heron-" then "7B":
    "Heron-7B"; a split on the literal is many times faster than a pattern with lookarounds over a whole
    paper)."""
    parts = document.split("-\n")
    pieces = [parts[0]]
    for before, part in pairwise(parts):
        if before[-1:].islower() and part[:1].islower():
            pieces.append(part)  # "to-" "kens": one word broken
        elif ((before[-1:].isupper() or before[-1:].isdigit()) and part[:1].isalnum()) or \
                (before[-1:].isalpha() and part[:1].isdigit()):
            pieces.append("-" + part)  # "GPU-" "hours", "Heron-" "7B": a hyphenated compound, kept whole
        else:
            pieces.append("-\n" + part)
    return "".join(pieces)


# a digit the word "GPU" follows with no space, as PDF text may glue them: "V100GPU", "8GPUs"
GLUED_GPU = re.compile(r"(?<=\d)(?=GPUs?\b)")


def _glued_gpu(document: str) -> bool:
    """Whether a digit stands right before "GPU" somewhere ("V100GPU"; str's search, faster than a pattern
    that tests every position)."""
    at = document.find("GPU", 1)
    while at != -1:
        if document[at - 1].isdigit():
            return True
        at = document.find("GPU", at + 3)
    return False


# the Latin ligatures PDF text extraction leaves in ("ﬁne-tuned"): a reader sees their letters
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
LIGATURE_CHARACTERS = "ﬀﬁﬂﬃﬄﬅﬆ"  # found with str's fast search, not a pattern over the whole text


# LaTeX as papers converted to Markdown or HTML keep it ("$2\mathrm{T}$ tokens", "$6.3\times10^{24}$"): a
# command that wraps a word, and the symbols that write numbers
LATEX_WRAPPER = re.compile(r"\\(?:mathrm|text|textrm|mathbf|textbf|mathit|rm|operatorname|mbox|num"
                           r"|textsc|textit|texttt|textsf|textnormal|mathsf|mathtt|emph)\s*"
                           r"\{([^{}]*)\}")
# a quantity of siunitx: "\SI{2.4}{\trillion}", "\qty{21}{\day}", "\SI{300}{\giga\flops}": the number and its
# units' names ("2.4 trillion", "21 days", "300 gigaflops")
SI_QUANTITY = re.compile(r"\\(?:SI|qty)\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
SI_UNIT = re.compile(r"\\([A-Za-z]+)")
SI_WORDS = {"hour": "hours", "day": "days", "week": "weeks", "month": "months", "year": "years",
            "minute": "minutes", "per": "/"}


def _si_quantity(match: re.Match[str]) -> str:
    units = SI_UNIT.sub(lambda unit: SI_WORDS.get(unit.group(1), unit.group(1)), match.group(2))
    return f"{match.group(1).strip()} {units.replace(' ', '')}"


LATEX_SYMBOLS = re.compile(r"\\(?:times|cdot|sim|approx)(?![A-Za-z])|\\[,;! %]")
LATEX_SYMBOL_TEXT = {"\\times": "×", "\\cdot": "·", "\\sim": "~", "\\approx": "~", "\\%": "%"}
# a cheap test (one scan) before the patterns above
LATEX_COMMAND = re.compile(r"\\(?:math|text|rm|mbox|operatorname|num|emph|times|cdot|sim|approx|SI|qty"
                           r"|[,;! %])")
# a LaTeX source's tie between a number and its word ("1.4~trillion", "21~days", "2,048~A100") is a space
# (a comma kept from math spacing, "2{,}048", is a comma)
LATEX_TIE = re.compile(r"~(?<=[\w%]~)(?=[A-Za-z\d])")  # (the tie first: a fast scan)
INLINE_MATH = re.compile(r"\$([^$\n]{1,80})\$")
PROSE_IN_MATH = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")  # "$2 per hour and $": money, not math


BRACED_EXPONENT = re.compile(r"\^\{([-−]?\d+)\}")


def _latex_symbols(text: str) -> str:
    if "SI{" in text or "qty{" in text:
        text = SI_QUANTITY.sub(_si_quantity, text)
    text = BRACED_EXPONENT.sub(r"^\1", LATEX_WRAPPER.sub(r"\1", text))
    return LATEX_SYMBOLS.sub(lambda m: LATEX_SYMBOL_TEXT.get(m.group(0), " "), text)


def _inline_math(match: re.Match[str]) -> str:
    content = _latex_symbols(match.group(1))
    if PROSE_IN_MATH.search(content):
        return match.group(0)
    return content.replace("{", "").replace("}", "").strip()


def plain_math(document: str) -> str:
    r"""Numbers written in LaTeX read as a reader sees them: inline math without its dollar signs and
    braces ("$7$B": "7B"; "$6.3\times10^{24}$": "6.3×10^24"), a word wrapped in a command as the word
    ("2\mathrm{T}": "2T", "\num{1.4e12}": "1.4e12"), a quantity of siunitx as its number and units' names
    ("\SI{21}{\day}": "21 days"), an exponent without braces ("10^{24}": "10^24"),
    times, dot, similar and approximate signs as symbols, and in a LaTeX source a tie as a space
    ("21~days") and a braced comma as a comma ("2{,}048"). Dollar signs around words ("$2 per hour and
    $3") are money, and stay."""
    if "$" in document:
        document = INLINE_MATH.sub(_inline_math, document)
    if "\\" in document and LATEX_COMMAND.search(document):
        document = _latex_symbols(document)
    if "\\" in document and "~" in document:  # a LaTeX source's ties
        document = LATEX_TIE.sub(" ", document)
    if "{,}" in document:  # a braced comma, written by LaTeX alone (also where no command is left)
        document = document.replace("{,}", ",")
    return document


# a thin, narrow no-break or no-break space between digit groups: "2 048 GPUs" (typeset numbers)
GROUPING_SPACES = "\u2009\u202f\u00a0"
# (the space first, the digit checked behind it: the regex engine skips to each space)
DIGIT_GROUP = re.compile(r"[\u2009\u202f\u00a0](?<=\d[\u2009\u202f\u00a0])(?=\d{3}(?!\d))")
# the bullets a converted document opens its list items with, read as Markdown's "- "
BULLETS = "•◦▪‣●■►➢"
# the spaces Unicode has besides the space (no-break, narrow, thin, figure, en, em, ideographic): once digit
# groups are joined, each is a plain space, as the patterns read it
WIDE_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"
# digits grouped by an apostrophe, as Swiss and some other writers do: "12'200 steps", "100’000"
APOSTROPHE_GROUPS = (re.compile(r"'(?<=\d')(?=\d{3}(?!\d))"), re.compile(r"’(?<=\d’)(?=\d{3}(?!\d))"))
# thousands set off by a comma and a space, as TeX's math mode spaces "$2,048$" and PDF extraction keeps
# it: "2, 048 A100 GPUs", "1, 720, 320 GPU hours", "1 , 024 GPUs" (a count: a word or a size letter after
# the last group; not an item of a list, "64, 128, 256 and 512", nor a group that another number stands
# before, "5, 128", nor a name's number before a size, "GPT-3, 175B", "TPU v2, 123 for TPU v3")
MATH_COMMA_GROUPS = re.compile(r"(?<![\w.,-])(?<![\d.,] )(?P<head>[1-9]\d{0,2})(?P<groups>(?: ?, \d{3})+)"
                               r"(?![\d,])(?=\s?(?!and\b|or\b)[A-Za-z])")
MATH_COMMA_HINT = re.compile(r", \d{3}(?![\d,])\s?[A-Za-z]")  # cheap (a literal first): where one may stand

# a decimal comma, as much of Europe writes it, where a size or a power of ten follows: "1,4 trillion
# tokens", "2,5B parameters", "8,4 × 10^22 FLOP" (one or two digits after the comma: a thousands group
# has three, and "Tables 1,2" has no size after it)
DECIMAL_COMMA = re.compile(r",(?=\d{1,2}(?!\d)[ \t]?(?:[KMBT](?![\w,.])|thousand\b|million\b|billion\b|"
                           r"trillion\b|(?:×|x|\*|·)[ \t]?10\b|[eE][+-]?\d))")


def _decimal_point(match: re.Match[str]) -> str:
    """A :data:`DECIMAL_COMMA` after one to three digits that no comma or point precedes is a point."""
    text, at = match.string, match.start()
    start = at
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    whole = 1 <= at - start <= 3 and (start == 0 or text[start - 1] not in ",.")
    return "." if whole else ","


# a point between digit groups, as much of Europe writes thousands, where only a whole number makes
# sense: a count of devices or device time, "2.048 GPUs", "812.321 GPU hours" (exactly three digits
# after each point; no one states a GPU count, or GPU-hours to a thousandth, with a fraction)
THOUSANDS_POINT = re.compile(r"\.(?=\d{3}(?:\.\d{3})*(?!\d)\s?(?:GPUs?\b|TPUs?\b|NPUs?\b|chips\b|nodes\b"
                             r"|(?:GPU|TPU|NPU|chip|node|core|accelerator)[\s-]?(?:hours|days)\b))")


def _thousands_point(match: re.Match[str]) -> str:
    """A :data:`THOUSANDS_POINT` after one to three digits (not a leading zero, not part of a name such
    as "v1.024") goes; a later group's point ("1.234.567") follows a group of three."""
    text, at = match.string, match.start()
    start = at
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    groups = text[start:at].split(".")
    whole = 1 <= len(groups[0]) <= 3 and not groups[0].startswith("0") and \
        all(len(g) == 3 for g in groups[1:]) and (start == 0 or not (text[start - 1].isalnum()
                                                                     or text[start - 1] in ",_-"))
    return "" if whole else "."


# a plain space between digit groups, where only a whole count makes sense: "1 024 GPUs", "15 000 GPU
# hours", "2 048 TPU v4 chips" (the space as typeset numbers have it, kept as a plain space by text
# extraction): read before "GPU" and "TPU" and before a multiplier word ("1 400 billion tokens"), found by
# a plain search (a pattern tried at every space is slow); groups of three digits, one or more ("2 000 000
# GPU hours")
SPACE_GROUP_BEFORE = re.compile(r"(?<![\w.,-])(?P<head>[1-9]\d{0,2})(?P<rest>(?: \d{3})+) ?$")
COUNTED_DEVICE_WORDS = ("GPU", "TPU", "illion")  # (each a search of the whole text: "illion" for billion,
# million and trillion at once)
# a word whose number a count may follow: "Table 2 512 GPUs" is no count of 2,512
NUMBERED_WORD = re.compile(r"(?:table|figure|fig\.|section|sec\.|eq\.|equation|appendix|step|stage|phase"
                           r"|version|round|run|setting|experiment)\s*$", re.IGNORECASE)


def _space_groups_joined(document: str) -> str:
    """Thousands written with a plain space before a device count or device time (:data:`SPACE_GROUP_BEFORE`)
    joined, unless the first group is a table's or a section's number (:data:`NUMBERED_WORD`)."""
    spaces = set()
    for word in COUNTED_DEVICE_WORDS:
        found = document.find(word)
        while found != -1:
            at = found
            if word == "illion":  # the word's start: "billion", "million", "trillion"
                at -= 2 if document.startswith("tr", found - 2) else 1
            # "… 000 GPU", a space, three digits and a space: a cheap test
            if at > 4 and document[at - 1] == " " and document[at - 4: at - 1].isdigit() and \
                    document[at - 5] == " ":
                group = SPACE_GROUP_BEFORE.search(document, max(0, at - 20), at)
                if group and not NUMBERED_WORD.search(document, max(0, group.start() - 14), group.start()):
                    rest = group.start("rest")
                    spaces.update(rest + i for i, c in enumerate(group.group("rest")) if c == " ")
            found = document.find(word, found + len(word))
    for space in sorted(spaces, reverse=True):
        document = document[:space] + document[space + 1:]
    return document


# a footnote's mark glued to a unit by PDF text extraction: "512 A100 GPUs2 for 20 days"; the plural
# units a count is read with, each ending in "s"
MARKED_UNITS = ("GPUs", "TPUs", "chips", "parameters", "params", "tokens", "hours", "days", "weeks", "epochs",
                "steps")
# a plural's "s", one digit and a space or a point: where a mark may stand (a pattern with a literal
# first, a fast scan; the unit before it is then tested)
GLUED_MARK = re.compile(r"s\d(?=[ .,;)\n])")


# a footnote's symbol right after a number or a size, before a space or a stop: "2T∗ tokens", "512† A100"
FOOTNOTE_SYMBOLS = "∗†‡§¶"
SYMBOL_MARK = re.compile(rf"[{FOOTNOTE_SYMBOLS}]+(?=[\s,.;:)])")  # (tried where a number or a size precedes)


# the rest of a link to an anchor of the same page after the anchor's first letters: the anchor, and the
# title a converted web page may give it ("(#S4.T2 "Table 2 ‣ 4 Training")")
_ANCHOR_REST = r"[^)\s]*(?:\s+\"[^\"\n]{0,80}\")?\)"
# a footnote's mark as a converted web page links it to its note: "GPUs[2](#fn2)", "Heron-7B[†](#fn1)"
FOOTNOTE_LINK = re.compile(rf"\[(?:\d{{1,2}}|[{FOOTNOTE_SYMBOLS}*]+)\]\(#(?:fn|footnote){_ANCHOR_REST}")
# a link to a section, a table, a figure or an equation of the same page, as a converted web page writes
# one: "Table [2](#S4.T2 "Table 2 ‣ 4 Training")", "Section [3.2](#S3.SS2)" (LaTeXML's ids: S4, S4.T2, A1)
CROSS_REFERENCE = re.compile(rf"\[(?P<words>[^\[\]\n]{{1,40}})\]\(#(?:S\d|A\d|sec|tab|fig|eq|app)"
                             rf"{_ANCHOR_REST}", re.IGNORECASE)
# a citation linked to its entry in the bibliography: "[[12](#bib.bib12)]", "[Smith et al., 2023](#bib.bib7)"
# (its words stay: "[12]", a citation as any other)
CITATION_LINK = re.compile(rf"\[(?P<words>[^\[\]\n]{{1,60}})\]\(#(?:bib|cite|ref){_ANCHOR_REST}",
                           re.IGNORECASE)


def _footnote_marks_dropped(document: str) -> str:
    """A single digit glued to a plural unit of a count (devices, parameters, tokens, durations, epochs or
    steps: :data:`MARKED_UNITS`) and followed by a space or a point, as a footnote's mark is, goes ("GPUs2
    for" reads "GPUs for", "7B parameters2, on" reads "7B parameters, on"); so does a footnote's symbol
    after a number or a size ("2T∗ tokens", "512† A100 GPUs": :data:`SYMBOL_MARK`), and a mark linked to
    its note ("GPUs[2](#fn2)": :data:`FOOTNOTE_LINK`); a link to a part of the same page reads as its
    words ("Table [2](#S4.T2)": "Table 2", :data:`CROSS_REFERENCE`), and so does a link to a bibliography's
    entry ("[[12](#bib.bib12)]": "[12]", :data:`CITATION_LINK`)."""
    if "](#" in document:
        document = FOOTNOTE_LINK.sub("", document)
        document = CITATION_LINK.sub(r"\g<words>", CROSS_REFERENCE.sub(r"\g<words>", document))
    # (the symbols found by plain searches, the rest of the pattern tried only after a number or a size: a
    # pattern tried at every character is slow)
    kept, end = [], 0
    symbols = sorted(at for symbol in FOOTNOTE_SYMBOLS if symbol in document
                     for at in positions.__wrapped__(document, symbol))  # (uncached: a text mid-rewrite)
    for at in symbols:
        if at >= end and at and (document[at - 1].isdigit() or document[at - 1] in "BMTK"):
            mark = SYMBOL_MARK.match(document, at)
            if mark is not None:
                kept.append(document[end:at])
                end = mark.end()
    document = "".join(kept) + document[end:] if kept else document
    marks = []
    for match in GLUED_MARK.finditer(document):
        end = match.start() + 1
        for word in MARKED_UNITS:
            at = end - len(word)
            if document.startswith(word, at) and (at == 0 or not document[at - 1].isalnum()):
                marks.append(end)
                break
    for mark in reversed(marks):
        document = document[:mark] + document[mark + 1:]
    return document


def _number_before(document: str, word: str) -> bool:
    """Whether ``word`` follows a digit (and at most one space) anywhere: a cheap test before a pattern."""
    at = document.find(word)
    while at != -1:
        if document[max(0, at - 2): at].strip()[-1:].isdigit():
            return True
        at = document.find(word, at + 1)
    return False


# token counts in metric units: "5,500 GT" (gigatokens, an abbreviation some labs use) and "14
# Teratokens" / "500 gigatokens". "GT" is read so only after a number of at least two digits and before
# a sentence's punctuation or a preposition ("50 GT of training"): "3 GT boxes" is ground truth.
GIGATOKEN_ABBREVIATION = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d{2,}(?:\.\d+)?)\s?GT(?![\w-])"
    r"(?=[ \t]*(?:[.,;:)\]]|$|(?:of|in|on|from|for|with|and|to|during|over|at|across|mainly|mostly|"
    r"total|overall|or|per)\b))", re.MULTILINE)
METRIC_TOKEN_WORD = re.compile(r"(?<=\d)(?P<space>\s?)(?P<prefix>tera|giga)-?(?=tokens\b)", re.IGNORECASE)
TOKEN_UNIT_SIZES = {"giga": "B", "tera": "T"}
# a size's short form as the press writes it, before what it counts: "1.3bn parameters", "350mn tokens",
# "2tn tokens" (not "30 mn", minutes in French)
SHORT_SIZE = re.compile(r"\s?(?P<unit>bn|mn|tn)(?=[ \t-]*(?:(?:total|trainable|training)[ \t]+)?"
                        r"(?:parameters?|params|tokens|words)\b)")
SHORT_SIZE_LETTERS = {"bn": "B", "mn": "M", "tn": "T"}


def _short_sizes(document: str) -> str:
    """:data:`SHORT_SIZE` forms as sizes, sought where a digit stands before "bn" or "mn" (a scan of the
    whole text from every digit is slow)."""
    edits = []
    for unit in SHORT_SIZE_LETTERS:  # (each literal sought costs a scan of the text)
        at = document.find(unit)
        while at != -1:
            start = at - 1 if at > 0 and document[at - 1] == " " else at
            if start > 0 and document[start - 1].isdigit():
                match = SHORT_SIZE.match(document, start)
                if match:
                    edits.append((match.start(), match.end(), SHORT_SIZE_LETTERS[unit]))
            at = document.find(unit, at + 2)
    for start, end, size in sorted(edits, reverse=True):
        document = document[:start] + size + document[end:]
    return document


def _metric_token_units(document: str) -> str:
    """Token counts in metric units written as sizes the finders read: "5,500 GT" as "5,500B tokens",
    "14 Teratokens" as "14 T tokens"; and short forms of sizes: "1.3bn" as "1.3B", "350mn" as "350M",
    "2tn" as "2T"."""
    if _number_before(document, "GT"):
        document = GIGATOKEN_ABBREVIATION.sub(r"\g<n>B tokens", document)
    document = _short_sizes(document)
    if "atokens" in document or "a-tokens" in document:  # "Teratokens", "giga-tokens" (not "TeraTokens")
        document = METRIC_TOKEN_WORD.sub(
            lambda m: m.group("space") + TOKEN_UNIT_SIZES[m.group("prefix").lower()] + " ", document)
    return document


# a count in scientific notation before what it counts: "7 × 10^9 parameters", "1.5 x 10^{12} tokens",
# "1.4e12 tokens", "2.5×10^12 training tokens" (matched back from the word it counts: a scan from every
# digit is slow)
# (the power a superscript too: "7×10⁹ parameters", "2 · 10¹² tokens"; joined to its word by a hyphen:
# "a 6.9e9-parameter model")
SCIENTIFIC_COUNT = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)"
                              r"(?:\s*(?:×|x|·|\\times)\s*10\s*\^?\s*\{?|[eE]\+?)"
                              r"(?P<e>[6-9]|1[0-4]|[⁶⁷⁸⁹]|¹[⁰¹²³⁴])\}?(?P<hyphen>-)?[ \t]*"
                              r"(?(hyphen)|(?<=[ \t]))"
                              r"(?:non-embedding\s+|trainable\s+|model\s+|training\s+|total\s+|pre-?training\s+)?$")
# a count grouped by plain spaces, two groups of three or more, before what it counts: "7 000 000 000
# parameters", "2 000 000 000 000 tokens" (typeset with spaces; the group's spaces go)
SPACED_COUNT = re.compile(r"(?<![\d.,])(?P<count>\d{1,3}(?: \d{3}){2,})(?!\d)[ \t]+"
                          r"(?:non-embedding\s+|trainable\s+|model\s+|training\s+|total\s+|pre-?training\s+)?$")
SPACED_GROUP = re.compile(r"\d \d{3} \d{3}")
# a size in words before "million", "billion" or "trillion": "a seven-billion-parameter model", "twenty-five
# billion tokens", "three hundred billion", "one and a half trillion" (or "two-and-a-half trillion"), "half a
# trillion" (lower case: a title's "Seven Billion Parameters" names a work)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" + _ONES
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SIZE_IN_WORDS = re.compile(rf"\b(?:(?P<half>half\s+a)|(?P<tens>{_TENS})(?:[\s-](?P<ones>{_ONES}))?"
                           rf"|(?P<small>{_SMALL})(?:\s+(?P<hundred>hundred))?(?P<and_half>[\s-]+and[\s-]+a[\s-]+half)?"
                           r"|(?P<bare_hundred>hundred))[\s-]$")
WORD_VALUES = {word: value for value, word in enumerate(
    ["zero", *_ONES.split("|"), "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
     "seventeen", "eighteen", "nineteen"])}
WORD_VALUES.update({word: 10 * (index + 2) for index, word in enumerate(_TENS.split("|"))})


def _size_in_words(match: re.Match[str]) -> float:
    """The number a :data:`SIZE_IN_WORDS` match writes."""
    if match.group("half"):
        return 0.5
    if match.group("bare_hundred"):
        return 100.0
    if match.group("tens"):
        ones = WORD_VALUES[match.group("ones")] if match.group("ones") else 0
        return float(WORD_VALUES[match.group("tens")] + ones)
    value = float(WORD_VALUES[match.group("small")]) * (100 if match.group("hundred") else 1)
    return value + (0.5 if match.group("and_half") else 0)


NUMBER_WORD_ENDS = ("hundred", "half", "a")  # the last words a size in words may end with, besides numbers
# found by str's fast search, then the count before
COUNTED_WORDS = (" parameters", " params", " tokens", "-parameter", "-param")
COUNTED_STEMS = (" param", " tokens", "-param")  # the searches that find them


def _scientific_count(match: re.Match[str]) -> str | None:
    """A :data:`SCIENTIFIC_COUNT` as a size the finders read: "7 × 10^9 " as "7B "."""
    value = float(match.group("n")) * 10 ** int(match.group("e").translate(SUPERSCRIPTS))
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if value >= size:
            return f"{value / size:g}{unit}" + (match.group("hyphen") or "") + \
                match.group(0)[len(match.group(0).rstrip()):]
    return None


def _counts_written_out(document: str) -> str:
    """Parameter and token counts in scientific notation or in words written as sizes ("7 × 10^9
    parameters": "7B parameters"; "a seven-billion-parameter model": "a 7-billion-parameter model",
    "twenty-five billion tokens": "25 billion tokens"), and grouped by plain spaces as digits alone ("7 000
    000 000 parameters": "7000000000 parameters")."""
    edits: list[tuple[int, int, str]] = []
    for stem in COUNTED_STEMS:  # (" param" finds " parameters" and " params" in one search)
        at = document.find(stem)
        while at != -1:
            if not any(document.startswith(word, at) for word in COUNTED_WORDS):
                at = document.find(stem, at + 1)
                continue
            window = document[max(0, at - 48): at]
            if "10" in window or "e1" in window or "E1" in window or "e+" in window or "e9" in window or \
                    "e8" in window or "e7" in window or "e6" in window:
                count = SCIENTIFIC_COUNT.search(document, max(0, at - 48), at + 1)
                written = _scientific_count(count) if count else None
                if written:
                    edits.append((count.start(), count.end(), written))
            elif SPACED_GROUP.search(window):  # "7 000 000 000 parameters" (a cheap test first)
                spaced = SPACED_COUNT.search(document, max(0, at - 48), at + 1)
                if spaced:
                    joined = spaced.group("count").replace(" ", "")
                    edits.append((spaced.start(), spaced.end("count"), joined))
            at = document.find(stem, at + 1)
    at = document.find("illion")
    while at != -1:  # "seven billion parameters": the size word, then the number words before it
        start = at
        while start > 0 and document[start - 1].isalpha():
            start -= 1  # the size word's start: "b" of "billion", "tr" of "trillion"
        before = document[max(0, start - 40): start].rstrip(" -")
        last = before[before.rfind(" ") + 1:].rsplit("-", 1)[-1]  # the word before it (cheap test first)
        if document[start:at] in ("m", "b", "tr") and (last in WORD_VALUES or last in NUMBER_WORD_ENDS):
            word = SIZE_IN_WORDS.search(document, max(0, start - 40), start)
            if word:
                edits.append((word.start(), word.end() - 1, f"{_size_in_words(word):g}"))
        at = document.find("illion", at + 1)
    for start, end, text in sorted(edits, reverse=True):
        document = document[:start] + text + document[end:]
    return document


# a count in Chinese or Japanese units, as cards from Chinese and Japanese labs write them: "130 亿参数"
# (13 billion parameters), "1.4 万亿 tokens", a table cell "1.4万亿" (亿, and the older 億, is 10^8;
# 万亿 and 兆, 10^12), "130億パラメータ", "2.1兆トークン" (parameters, tokens in Japanese)
CHINESE_COUNT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万亿|萬億|千亿|千億|百亿|百億|亿|億|兆)"
                           r"(?:\s*[个個])?"
                           r"(?:(?P<parameters>\s*(?:参数|參數|パラメータ|パラメーター))"
                           # (a token in the singular, as Chinese writes it, "2.6 万亿 token 的语料": tokens)
                           r"|(?P<tokens>\s*(?:トークン|[Tt]oken(?![s\w])))|(?=\s*(?:tokens?\b|Tokens?\b|词元|\|)))")
CHINESE_UNITS = {"万亿": 1e12, "萬億": 1e12, "兆": 1e12, "千亿": 1e11, "千億": 1e11, "百亿": 1e10,
                 "百億": 1e10, "亿": 1e8, "億": 1e8}
# a duration in Chinese or Japanese units, "训练了 30 天" (30 days), "2,000 小时" (hours), "30日間",
# "2,000時間", and the measure word between a count and what it counts, "512 张 A100 GPU", "64 块 H100"
CHINESE_DURATION = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*"
                              r"(?P<u>小时|小時|時間|日間|天|周|週間|个月|個月|ヶ月|か月|个星期|星期)")
CHINESE_TIME_UNITS = {"小时": "hours", "小時": "hours", "時間": "hours", "日間": "days", "天": "days",
                      "周": "weeks", "週間": "weeks", "个月": "months", "個月": "months", "ヶ月": "months",
                      "か月": "months", "个星期": "weeks", "星期": "weeks"}
# (Japanese may join the counter to the devices with the particle の: "2048基のA100 GPU")
MEASURE_WORD = re.compile(r"(?<=\d)\s*[张張块塊个個台枚基]の?(?=\s*[A-Za-z])")
# a count in ten-thousands (万, 萬) before devices or device time: "40 万 GPU 小时" (400,000
# GPU hours), "1 万张 A100" (10,000 A100s)
TEN_THOUSANDS = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*[万萬](?!亿|億)"
                           r"(?=\s*(?:[张張块塊个個台枚]\s*)?(?:GPU|TPU|NPU|[A-Z]{1,2}\d{2,4}|卡|小时|小時))")
# device time in Chinese units after its device: "GPU 小时" (GPU hours), "卡时" (card hours)
DEVICE_HOURS = re.compile(r"(?<=GPU|TPU|NPU)\s*(?:小时|小時)|(?P<card>卡)\s*(?:小时|小時|时)")
# a duration counted by a numeral character: "训练了约两个月" (about two months)
CHINESE_NUMERALS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                    "八": 8, "九": 9, "十": 10}
NUMERAL_DURATION = re.compile(r"(?P<c>[一二两兩三四五六七八九十])\s*"
                              r"(?=个月|個月|ヶ月|か月|周|週間|天|个星期|星期)")
# a count written after its devices with a measure word, as Japanese and Chinese write it: "H100 GPU
# 512台" is "512 H100 GPU" (a particle may come between: "H100 GPU を 256 基")
COUNT_AFTER_DEVICES = re.compile(r"(?P<devices>\b[A-Z][\w-]*\d[\w-]*(?:\s+(?:GPUs?|TPUs?|NPUs?))?)\s*"
                                 r"(?:[をが]\s*)?"
                                 r"(?P<n>\d[\d,]*)\s*[张張块塊个個台枚基]")  # (基: a machine's counter)
# where Chinese or Japanese characters meet Latin letters or digits, with no space between as those
# languages write: a space, so that a word ("tokens", "parameters") ends where a reader sees it end
CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CJK_LATIN_BORDER = re.compile(r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u4e00-\u9fff])"
                              r"|(?<=[\u3040-\u30ff\u4e00-\u9fff])(?=[A-Za-z0-9])")


# Korean counts and durations, read as Chinese ones are: "2조 개의 토큰" (2 trillion tokens), "70억 개의
# 파라미터" (7 billion parameters), "1조 4천억 토큰" (1.4 trillion), "30일 동안" (30 days), "H100 GPU 256대"
# (256 H100 GPUs); 조 is 10^12, 억 10^8, 천억 10^11, 백억 10^10
KOREAN_COUNT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>조|천억|백억|억)"
                          r"(?:\s*(?P<n2>\d+(?:\.\d+)?)\s*(?P<u2>천억|백억|억))?"
                          r"\s*(?:개의?\s*)?"
                          r"(?:(?P<parameters>파라미터|매개\s?변수)"
                          r"|(?P<tokens>토큰))")
KOREAN_UNITS = {"조": 1e12, "천억": 1e11, "백억": 1e10, "억": 1e8}
KOREAN_LATIN_COUNT = re.compile(r"(?P<n>\d+(?:\.\d+)?[KMBT])(?![A-Za-z])\s*(?:개의?\s*)?"
                                r"(?:(?P<p>파라미터|매개\s?변수)|토큰)")
KOREAN_KEYED_PARAMETERS = re.compile(r"(?:(?P<total>총)|(?P<active>활성(?:화된)?))\s*"
                                     r"(?:파라미터|매개\s?변수)(?:\s*수)?"
                                     r"\s*[:：]?\s*(?P<n>\d+(?:\.\d+)?[KMBT])(?![A-Za-z])")
KOREAN_DURATION = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>시간|일간|일|주간|주|개월)"
                             r"(?![\uac00-\ud7a3])")
KOREAN_TIME_UNITS = {"시간": "hours", "일간": "days", "일": "days", "주간": "weeks", "주": "weeks",
                     "개월": "months"}
# a count after its devices with 대 ("H100 GPU 256대"), or before them ("256대의 H100")
KOREAN_DEVICES_COUNT = re.compile(r"(?P<devices>\b(?:[A-Z]{1,2}\d{2,4}[A-Za-z]*(?:\s+(?:GPUs?|TPUs?|NPUs?))?"
                                  r"|GPUs?|TPUs?|NPUs?))\s*(?P<n>\d[\d,]*)\s*대")
KOREAN_MEASURE = re.compile(r"(?<=\d)\s*대의?\s*(?=[A-Za-z])")
HANGUL_LATIN_BORDER = re.compile(r"(?<=[A-Za-z0-9])(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])(?=[A-Za-z0-9])")


def _korean_count(match: re.Match[str]) -> str:
    """A :data:`KOREAN_COUNT` as a size the finders read ("70억 개의 파라미터": "7B parameters")."""
    value = float(match.group("n")) * KOREAN_UNITS[match.group("u")]
    if match.group("n2"):
        value += float(match.group("n2")) * KOREAN_UNITS[match.group("u2")]
    size = next((f"{value / scale:g}{unit}" for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"))
                 if value >= scale), match.group(0))
    return size + (" parameters " if match.group("parameters") else " tokens ")


def _korean_keyed_parameters(match: re.Match[str]) -> str:
    """A :data:`KOREAN_KEYED_PARAMETERS` as the finders read it: " 47B total parameters "."""
    kind = "total " if match.group("total") else "activated " if match.group("active") else ""
    return f" {match.group('n')} {kind}parameters "


def _korean(document: str) -> str:
    """Korean counts, durations and device counts in the words the finders read (see :data:`KOREAN_COUNT`),
    with a space where Hangul meets Latin letters or digits ("Heron-7B는": "Heron-7B 는")."""
    document = KOREAN_COUNT.sub(_korean_count, document)
    # Latin sizes: "13B 파라미터" (parameters), "2T 토큰" (tokens), "총 파라미터 47B" (total),
    # "활성 파라미터 13B" (active)
    document = KOREAN_LATIN_COUNT.sub(
        lambda m: f"{m.group('n')} {'parameters' if m.group('p') else 'tokens'} ", document)
    document = KOREAN_KEYED_PARAMETERS.sub(_korean_keyed_parameters, document)
    document = KOREAN_DURATION.sub(lambda m: f"{m.group('n')} {KOREAN_TIME_UNITS[m.group('u')]} ", document)
    document = KOREAN_DEVICES_COUNT.sub(r"\g<n> \g<devices> ", document)
    return HANGUL_LATIN_BORDER.sub(" ", KOREAN_MEASURE.sub(" ", document))


KOREAN_UNIT_MARKS = ("억", "조", "토큰", "파라미터", "매개", "시간", "개월", "대")


def _has_korean_mark(document: str) -> bool:
    """Whether the syllables Korean sentences end with (다) or its "of" (의), or a word the Korean rules
    rewrite (:data:`KOREAN_UNIT_MARKS`: a card of fields alone has neither) stand in the text: the cheap
    test before the Korean patterns (str's search, many times faster than a pattern)."""
    return "다" in document or "의" in document or \
        any(mark[0] in document and mark in document for mark in KOREAN_UNIT_MARKS)  # (one character first)


# a field whose key is Chinese, Japanese or Korean for tokens or parameters, its value a size in Latin
# letters: "- 学習トークン数: 2.1T", "- 학습 토큰: 2T", "- 파라미터: 7B" (the key's word is written in
# English after it, "学習トークン数 tokens: 2.1T", as the field readers read it)
CJK_FIELD_KEY = re.compile(r"^(?P<key>[ \t]*(?:[-*+][ \t]+)?[^\n:：]{0,16}?"
                           r"(?:(?P<tokens>トークン|토큰|词元|詞元)|(?P<parameters>パラメータ|파라미터|参数|參數))"
                           r"[^\n:：]{0,8}?)[ \t]*[:：](?=[ \t]*\d)", re.MULTILINE)
# such a field's value in Chinese, Japanese or Korean units, alone at the line's end: "tokens: 2 조"
FIELD_UNIT_VALUE = re.compile(r"(?:(?<=tokens:)|(?<=parameters:))[ \t]*(?P<n>\d+(?:\.\d+)?)[ \t]*"
                              r"(?P<u>万亿|萬億|千亿|千億|百亿|百億|亿|億|兆|조|천억|백억|억)"
                              r"[ \t]*(?:개|个|個)?[ \t]*$", re.MULTILINE)
CJK_KEY_WORDS = ("トークン", "토큰", "词元", "詞元", "パラメータ", "파라미터", "参数", "參數")


def _cjk_field_keys(document: str) -> str:
    """:data:`CJK_FIELD_KEY` keys with their word in English after them."""
    if not any(word[0] in document and word in document for word in CJK_KEY_WORDS):
        return document
    document = CJK_FIELD_KEY.sub(
        lambda m: m.group("key") + (" tokens:" if m.group("tokens") else " parameters:"), document)
    return FIELD_UNIT_VALUE.sub(_field_unit_value, document)


def _field_unit_value(match: re.Match[str]) -> str:
    """A :data:`FIELD_UNIT_VALUE` as a size: " 2 조" as " 2T"."""
    return " " + _size_written(float(match.group("n")) * {**CHINESE_UNITS, **KOREAN_UNITS}[match.group("u")])


def _size_written(value: float) -> str:
    """A count as a size the finders read: 7e9 as "7B", 1.4e12 as "1.4T"."""
    scales = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1, ""))
    return next(f"{value / scale:g}{unit}" for scale, unit in scales if value >= scale)


# the characters the Chinese and Japanese rules rewrite: count and time units, measure words and the
# katakana of "token" and "parameter" (a card of fields alone, "- 学習トークン数: 2.1兆トークン", has no
# punctuation of those languages)
CJK_UNIT_MARKS = ("亿", "億", "兆", "天", "小时", "小時", "時間", "日間", "周", "週間", "月", "星期",
                  "张", "張", "块", "塊", "个", "個", "台", "枚", "トークン", "パラメータ")


def _has_cjk_mark(document: str) -> bool:
    """Whether Chinese or Japanese punctuation, 的 ("of"), a full-width bracket or a character the rules
    rewrite (:data:`CJK_UNIT_MARKS`) stands in the text: the cheap test before :data:`CJK_CHARACTER`
    (str's search, many times faster than a pattern)."""
    return "，" in document or "。" in document or "、" in document or "的" in document or \
        "（" in document or "：" in document or \
        any(mark[0] in document and mark in document for mark in CJK_UNIT_MARKS)  # (one character first)


# a count of parameters in Latin sizes with the Chinese word after it or before it, and activated
# counts: "37B 参数" (37B parameters), "总参数 671B" / "总参数量为 671B" (671B total parameters),
# "参数量为 7B", "参数量为 70 亿" (7B parameters), "激活参数 37B" / "激活 37B 参数" (37B activated
# parameters); in Japanese, "13B パラメータ", "総パラメータ数 47B", "アクティブパラメータ数 13B",
# "2.1T トークン"
_LATIN_SIZE = r"(?P<n>\d+(?:\.\d+)?\s?[KMBT])(?![A-Za-z])"
_CHINESE_SIZE = r"(?P<c>\d+(?:\.\d+)?)\s*(?P<u>万亿|萬億|千亿|千億|百亿|百億|亿|億)"  # (亿: 10^8)
_PARAMETER_WORD = r"(?:参数|參數|パラメータ|パラメーター)"
CHINESE_PARAMETERS_AFTER = re.compile(rf"(?P<active>激活\s*)?{_LATIN_SIZE}\s*(?:个\s*|個\s*)?"
                                      rf"{_PARAMETER_WORD}")
CHINESE_PARAMETERS_BEFORE = re.compile(r"(?P<total>总|總|総)?(?P<active>激活|アクティブ)?\s*"
                                       rf"{_PARAMETER_WORD}"
                                       r"(?:量|规模|規模|总量|總量|数|數)?\s*(?:为|為|是|达|達|约|約|は|:|：)?\s*"
                                       rf"(?:约|約)?\s*(?:{_LATIN_SIZE}|{_CHINESE_SIZE})")
ASCEND = re.compile(r"(?:昇腾|昇騰)\s*")
_TOKEN_ADJECTIVES = r"(?:高质量|高質量|优质|優質|多语言|多語言|中英文?|英文|中文)"
# (an English compound, "a 627B token corpus", keeps its word: the singular is Chinese's before a character)
CHINESE_ADJECTIVE_TOKENS = re.compile(rf"{_LATIN_SIZE}\s*(?:{_TOKEN_ADJECTIVES}\s*[Tt]okens?(?![A-Za-z])"
                                      r"|[Tt]oken(?=\s*[\u3040-\u30ff\u4e00-\u9fff])|トークン)")


def _chinese_parameters(document: str) -> str:
    """Counts of parameters in Latin sizes with the Chinese word (:data:`CHINESE_PARAMETERS_AFTER`,
    :data:`CHINESE_PARAMETERS_BEFORE`) written as the finders read them: "37B parameters", "671B total
    parameters", "37B activated parameters"."""
    def written(match: re.Match[str]) -> str:
        kind = "total " if match.groupdict().get("total") else "activated " if match.group("active") else ""
        size = _size_written(float(match.group("c")) * CHINESE_UNITS[match.group("u")]) \
            if match.groupdict().get("c") else match.group("n").replace(" ", "")  # "70 亿": 7B
        return f" {size} {kind}parameters "
    return CHINESE_PARAMETERS_BEFORE.sub(written, CHINESE_PARAMETERS_AFTER.sub(written, document))


def _chinese_duration(match: re.Match[str]) -> str:
    """A :data:`CHINESE_DURATION` in English units ("30 天": "30 days")."""
    return f"{match.group('n')} {CHINESE_TIME_UNITS[match.group('u')]} "


def _chinese_count(match: re.Match[str]) -> str:
    """A :data:`CHINESE_COUNT` as a size the finders read ("130 亿参数": "13B parameters")."""
    value = float(match.group("n")) * CHINESE_UNITS[match.group("u")]
    size = next((f"{value / scale:g}{unit}" for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M"))
                 if value >= scale), match.group(0))
    noun = " parameters " if match.group("parameters") else " tokens " if match.group("tokens") else ""
    return size + noun


def _markdown_heading(match: re.Match[str]) -> str:
    """An HTML heading as a Markdown heading on its own line (inside its element, which the parser keeps)."""
    level = match.group("level")
    hashes = "#" * int(level)
    title = _TAG.sub("", match.group("title")).strip()
    return f"<h{level}{match.group('attributes')}>\n{hashes} {title}\n</h{level}>"


def _line_starts_with(document: str, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every line that opens, after spaces, with one of ``marks`` (found from the marks:
    a pattern anchored at every line's start is slow on long texts)."""
    found = set()
    for mark in marks:
        at = document.find(mark[0])  # a single character: a fast search, also in a non-ASCII text
        while at != -1:
            start = document.rfind("\n", 0, at) + 1
            end = document.find("\n", at)
            end = len(document) if end == -1 else end
            first = len(document[start:end]) - len(document[start:end].lstrip(" \t")) + start
            if document.startswith(mark, first):
                found.add((start, end))
            at = document.find(mark[0], end)
    return sorted(found)


def _bold_lines(document: str, marks: tuple[str, ...]) -> str:
    """Every line of bold words alone (:data:`_BOLD_LINE`) written as a Markdown heading (``marks``: the
    bold marks the document holds)."""
    pieces, last = [], 0
    for start, end in _line_starts_with(document, marks):
        match = _BOLD_LINE.fullmatch(document, start, end)
        if match:
            pieces += [document[last:start], "### ", match.group("title")]
            last = end
    return "".join([*pieces, document[last:]]) if pieces else document


def _edgeless_separators(document: str) -> set[int]:
    """The line numbers of the separator rows of pipe tables written without outer pipes."""
    starts = []
    at = document.find("|")  # lines with a pipe, found from the pipes (a single character: a fast search)
    while at != -1:
        start = document.rfind("\n", 0, at) + 1
        end = document.find("\n", at)
        end = len(document) if end == -1 else end
        if document[start] in " \t-:" and _EDGELESS_SEPARATOR.fullmatch(document, start, end):
            starts.append(start)
        at = document.find("|", end)
    return {document.count("\n", 0, start) for start in starts}


def _edged_tables(document: str) -> str:
    """Every pipe table written without outer pipes ("Total | 1259" under a "---|---" row) with them
    ("| Total | 1259 |"): its header line and the lines holding a ``|`` that follow its separator."""
    separators = _edgeless_separators(document)
    if not separators:
        return document
    lines = document.split("\n")
    for index in separators:
        rows = [index - 1] if index > 0 and "|" in lines[index - 1] else []
        after = index + 1
        while after < len(lines) and "|" in lines[after] and after not in separators:
            rows.append(after)
            after += 1
        for row in [index, *rows]:
            if not lines[row].lstrip().startswith("|"):
                lines[row] = f"| {lines[row].strip()} |"
    return "\n".join(lines)


def _comma_groups_joined(document: str) -> str:
    """The text with each :data:`MATH_COMMA_GROUPS` match written without its spaces ("2, 048": "2,048"),
    the pattern read only just before where :data:`MATH_COMMA_HINT` finds a group (a fast scan)."""
    parts, done = [], 0
    for hint in MATH_COMMA_HINT.finditer(document):
        if hint.start() < done:
            continue
        # at most three digits of the head and a few groups before the hint's ("1, 720, 320 GPU hours")
        match = MATH_COMMA_GROUPS.search(document, max(done, hint.start() - 40), hint.end() + 4)
        if match is None or match.end() != hint.start() + 5:
            continue
        parts += [document[done: match.start()], match.group("head"), match.group("groups").replace(" ", "")]
        done = match.end()
    return "".join(parts) + document[done:] if parts else document


# a line end right after a thousands comma, before the group's three digits: "1,\n024" (matched at the comma)
COMMA_LINE_BREAK = re.compile(r",\n[ \t]*(?=\d{3}(?![\d.,]))")
HEAD_BEFORE_COMMA = re.compile(r"(?<![\d.,])\d{1,3}$")


def _comma_line_breaks_joined(document: str) -> str:
    """The text with each :data:`COMMA_LINE_BREAK` after a number's head of one to three digits joined
    (searched only where a comma ends a line: a pattern run over the whole text is slow)."""
    parts, done, at = [], 0, document.find(",\n")
    while at != -1:
        match = COMMA_LINE_BREAK.match(document, at)
        if match and HEAD_BEFORE_COMMA.search(document, max(0, at - 4), at):
            parts += [document[done: at], ","]
            done = match.end()
        at = document.find(",\n", at + 1)
    return "".join(parts) + document[done:] if parts else document


# a MathML formula as arXiv's HTML (LaTeXML) writes one: its rendering, then its TeX source again in an
# annotation, both text to a reader of the markup ("<math alttext="2">…<mn>2</mn>…<annotation>2</annotation>
# </math>T tokens" reads "2 2 T tokens"); its ``alttext`` attribute holds the TeX once
MATHML = re.compile(r"<math\b(?P<attributes>[^<>]*)>.*?</math>", re.IGNORECASE | re.DOTALL)
ALTTEXT = re.compile(r"\balttext\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)')", re.IGNORECASE)
MATH_ANNOTATION = re.compile(r"<annotation(?:-xml)?\b[^<>]*>.*?</annotation(?:-xml)?>",
                             re.IGNORECASE | re.DOTALL)
SHORT_MATH = 80  # inline math up to this long reads as :func:`plain_math`'s "$…$" (a longer one is bare TeX)


def _formula_as_tex(match: re.Match[str]) -> str:
    """A :data:`MATHML` formula as its TeX source once: "$…$" for a short one on one line, which
    :func:`plain_math` reads as a number ("$3.1\\times 10^{23}$": "3.1×10^23"), the bare TeX for a longer
    one (no dollar sign to pair with another's); without an ``alttext``, its rendering without the
    annotations."""
    alt = ALTTEXT.search(match.group("attributes"))
    if alt is None:
        return MATH_ANNOTATION.sub("", match.group(0))
    tex = " ".join((alt.group("double") if alt.group("double") is not None else alt.group("single")).split())
    return f"${tex}$" if len(tex) <= SHORT_MATH and "$" not in tex else f" {tex} "


# a number written twice before a unit of training, as a converter of arXiv's HTML writes a formula (its
# rendering, then its TeX): "for 21 21 days on 512 512 A100 GPUs", "2 2 T tokens" are one number each
RENDERED_THEN_TEX = re.compile(r"(?<![\w.,])(?P<n>\d[\d.,]*) (?P=n)(?![\w.,])(?= ?(?:[KMBT]\b|[A-Z]\d"
                               r"|(?:days?|hours?|weeks?|months?|GPUs?|TPUs?|chips|nodes|cores|tokens|parameters"
                               r"|steps|epochs)\b))")
# what tells a text converted from arXiv's HTML: a display formula's TeX, a times sign then its TeX (two
# literal searches: a text with TeX in it is read whole for each)
RENDERED_TEX_MARKS = ("\\displaystyle", "× \\times")
DIGIT_SPACE_DIGIT = re.compile(r"\d \d")  # (where one may stand: a cheap scan before the pattern)


def _numbers_written_once(document: str) -> str:
    """Each :data:`RENDERED_THEN_TEX` number once, sought where a digit, a space and a digit meet."""
    pieces, last = [], 0
    for hit in DIGIT_SPACE_DIGIT.finditer(document):
        start = hit.start()
        while start > last and (document[start - 1].isdigit() or document[start - 1] in ".,"):
            start -= 1
        twice = RENDERED_THEN_TEX.match(document, start) if start >= last else None
        if twice:
            pieces += [document[last:twice.start()], twice.group("n")]
            last = twice.end()
    return "".join(pieces) + document[last:] if pieces else document


# a power of ten written with an HTML superscript, as PDF-to-Markdown converters write it
SUPERSCRIPT_POWER = re.compile(r"(?<![\d.])10\s*<sup>\s*(?P<power>[-−]?\d{1,2})\s*</sup>", re.IGNORECASE)


def _bullets_as_dashes(document: str) -> str:
    """Each bullet (:data:`BULLETS`) that opens its line's text, after nothing but spaces or tabs, written
    "- " with the spaces after it (each bullet is sought with str's search: a pattern anchored at each
    line's start tries every position of the text, and a class of non-ASCII characters is slow to test)."""
    parts, done = [], 0
    for at in sorted(at for bullet in BULLETS for at in positions(document, bullet)):
        line_start = document.rfind("\n", 0, at) + 1
        if at >= done and not document[line_start: at].strip(" \t"):
            parts += [document[done: at], "- "]
            done = at + 1
            while done < len(document) and document[done] in " \t":
                done += 1
    return "".join(parts) + document[done:]


# a word or a few set in italics by single asterisks: "on *2T* tokens", "*Heron-7B* was trained" (not a
# product, "6*N*D", nor a list's bullet, "* item", nor a footnote's star after a word)
ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(?P<words>[^*\n]{1,80}?)(?<=[^\s*\\])\*(?![\w*])")


def _italics_dropped(document: str) -> str:
    """``document`` without the single asterisks that set words in italics (:data:`ITALIC`), tried only
    where an asterisk stands."""
    parts, done = [], 0
    at = document.find("*")
    while at != -1:
        match = ITALIC.match(document, at) if at >= done else None
        if match is not None:
            parts += [document[done: at], match.group("words")]
            done = match.end()
            at = document.find("*", done)
        else:
            at = document.find("*", at + 1)
    return "".join(parts) + document[done:] if parts else document


def _emphasis_dropped(document: str, bold: tuple[str, ...]) -> str:
    """``document`` without "**", "__" and backticks, as one pass of :data:`_EMPHASIS` drops them. With one
    kind of bold marker, plain replaces give the same (each marker's pairs go left to right, and dropping a
    backtick joins no pair the pattern would have taken), many times faster; with both, dropping "**"
    could join two "_" into a pair the pattern never saw ("_**_"), so the pattern runs."""
    if len(bold) > 1:
        return _EMPHASIS.sub("", document)
    for mark in (*bold, "`"):
        document = document.replace(mark, "")
    return document


def plain_text(document: str) -> str:
    """The text a reader sees: HTML tags removed, Markdown emphasis markers (``**``, ``__``, backticks,
    single asterisks around words in italics: "*2T* tokens") dropped, ligatures written as their
    letters ("ﬁne-tuned": "fine-tuned"), words broken over a line joined ("to-" and "kens":
    "tokens"; "Heron-" and "7B": "Heron-7B"), a footnote's mark after a unit, its symbol after a
    number or its link to its note dropped ("GPUs2 for", "2T∗ tokens", "GPUs[2](#fn2)"), a number
    broken after its thousands comma joined ("1,\\n024": "1,024"), digits grouped by a thin or
    no-break space or an apostrophe written together ("2 048", "12'200": "2048", "12200"; with a
    plain space before a device or a multiplier word, "2 000 000 GPU hours", "1 400 billion
    tokens"), a decimal comma before a size as a point ("1,4 trillion": "1.4 trillion"), a point
    between thousands before devices or device time ("812.321 GPU hours": "812321 GPU hours"), token
    counts in metric units as sizes ("5,500 GT", "14 Teratokens": "5,500B tokens", "14 T tokens"),
    counts in scientific notation or in words as sizes ("7 × 10^9 parameters",
    "seven-billion-parameter": "7B parameters", "7-billion-parameter"), a power of ten in an HTML
    superscript as one with a caret ("10<sup>22</sup>": "10^22"), in Chinese or Japanese text counts
    in their units as sizes ("130 亿参数": "13B parameters", "1.4 万亿 tokens": "1.4T tokens",
    "2.1兆トークン": "2.1T tokens"), durations in English units ("30 天", "30日間": "30 days"), a count
    written after its devices before them ("H100 GPU 512台": "512 H100 GPU"), no measure word after a
    count ("512 张 A100": "512 A100") and a space where Chinese or Japanese characters meet Latin
    ones, and LaTeX numbers read as :func:`plain_math` says. Where there are tables, comments or
    scripts an HTML parser reads the markup: each table row becomes one pipe row on its own line,
    hidden text goes; otherwise the tags are dropped and entities decoded (the same text, many times
    faster). Either way a block's text stands on lines of its own and an inline element's words stay
    where they stand ("<b>2T</b> tokens"), a note inside a sentence set off by spaces (arXiv's HTML
    footnote's text moved after its paragraph, its mark left in place); a formula of arXiv's HTML
    reads once, from its TeX (in a text converted from such a page, a number written twice before a
    unit once: "21 21 days"); a character reference left in plain text is its character
    ("2&nbsp;trillion"). Line ends are written "\\n" (a file saved with Windows or old Mac line ends
    reads the same), zero-width marks, soft hyphens and trade and registered marks ("NVIDIA® A100")
    are dropped, a PDF's pages are joined where a sentence runs over the break
    (:func:`~curation.extract.pages.joined_pages`), Unicode hyphens are written "-", the signs PDF
    extraction misreads from TeX's symbol font as "×" and "~" ("3.1 ⇥ 10^23"), a digit glued to
    "GPU" spaced from it ("V100GPU": "V100 GPU"), Unicode spaces " " and a list item's bullet ("•")
    "- ". A pipe table written without outer pipes gets them ("Total | 1259": "| Total | 1259 |"),
    and a line of bold words alone and an HTML heading are written as Markdown headings
    ("**Training**", "<h2>Training</h2>": "### Training", "## Training")."""
    if "\r" in document:
        document = document.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in document and ";" in document:  # "2&nbsp;trillion tokens" in text taken from a web page
        document = TEXT_ENTITY.sub(_entity_character, document)
    if "\f" in document:  # a PDF's pages, without their numbers and running headers, joined mid-sentence
        document = joined_pages(document)
    # (the single character first: a search for two is slow on a non-ASCII text)
    bold = tuple(mark for mark in ("**", "__") if mark[0] in document and mark in document)
    if bold or "`" in document:  # before the numbers are read: "**5,500** GT"
        document = _emphasis_dropped(_bold_lines(document, bold) if bold else document, bold)
    if "*" in document:
        document = _italics_dropped(document)
    if "<" in document:
        if "<math" in document:  # a formula's TeX once, not its rendering and its TeX (LaTeXML's tags)
            document = MATHML.sub(_formula_as_tex, document)
        if "<sup>" in document or "<SUP>" in document:  # "6.67x10<sup>22</sup> FLOPs": "6.67x10^22 FLOPs"
            document = SUPERSCRIPT_POWER.sub(r"10^\g<power>", document)
        if _HTML_HEADING_START.search(document):  # (many substring tests are slow)
            document = _HTML_HEADING.sub(_markdown_heading, document)
    if not document.isascii():
        # invisible marks, trademarks, Unicode hyphens
        if any(mark in document for mark in (*ZERO_WIDTH, *TRADEMARKS, *HYPHENS, *MISREAD_SIGNS)):
            for mark, plain in PLAIN_MARKS.items():  # str.replace: a translate table is slow on long texts
                document = document.replace(mark, plain)
        if any(ligature in document for ligature in LIGATURE_CHARACTERS):
            for ligature, letters in LIGATURES.items():  # str.replace: a translate table is slow
                document = document.replace(ligature, letters)
        if any(space in document for space in GROUPING_SPACES):
            document = DIGIT_GROUP.sub("", document)
        if any(bullet in document for bullet in BULLETS):  # "• Hardware Type: A100": a list item's "- "
            document = _bullets_as_dashes(document)
        if any(space in document for space in WIDE_SPACES):  # any other space, a space ("7B\u00a0parameters")
            for space in WIDE_SPACES:
                document = document.replace(space, " ")
        if "’" in document:
            document = APOSTROPHE_GROUPS[1].sub("", document)
    if "'" in document:  # each pattern starts at its literal: a fast search
        document = APOSTROPHE_GROUPS[0].sub("", document)
    if ",\n" in document:  # a number a PDF's line end broke after its comma: "1,\n024 A100 GPUs"
        document = _comma_line_breaks_joined(document)
    if "," in document:
        document = DECIMAL_COMMA.sub(_decimal_point, document)
        document = _comma_groups_joined(document)
    document = THOUSANDS_POINT.sub(_thousands_point, document)
    if "GPU" in document and _glued_gpu(document):  # a count or a device's number glued to the word
        document = GLUED_GPU.sub(" ", document)
    document = _footnote_marks_dropped(_space_groups_joined(document))
    if "-\n" in document:
        document = _joined_words(document)
    if "|" in document:
        document = _edged_tables(document)
    if "\\" in document and any(mark in document for mark in RENDERED_TEX_MARKS):  # (converted from
        document = _numbers_written_once(document)  # arXiv's HTML: its formulas' numbers written twice)
    if "$" in document or "\\" in document or "{,}" in document:
        document = plain_math(document)
    document = _counts_written_out(_metric_token_units(document))
    if not document.isascii() and _has_korean_mark(document):
        document = _korean(document)
    if not document.isascii():
        document = _cjk_field_keys(document)
    if not document.isascii() and _has_cjk_mark(document) and CJK_CHARACTER.search(document):
        document = CJK_LATIN_BORDER.sub(" ", document)  # "1.4万亿tokens上训练": "1.4 万亿 tokens 上训练"
        if "亿" in document or "億" in document or "兆" in document:
            document = CHINESE_COUNT.sub(_chinese_count, document)
        if "万" in document or "萬" in document:  # "40 万 GPU 小时": "400000 GPU 小时"
            document = TEN_THOUSANDS.sub(lambda m: f"{float(m.group('n')) * 1e4:.0f}", document)
        # "GPU 小时": "GPU hours", "卡时": "GPU hours"
        document = DEVICE_HOURS.sub(lambda m: " GPU hours " if m.group("card") else " hours ", document)
        # "约两个月": "约 2 个月" (a space before: the number's own word, not run onto the character before)
        document = NUMERAL_DURATION.sub(lambda m: f" {CHINESE_NUMERALS[m.group('c')]} ", document)
        document = CHINESE_DURATION.sub(_chinese_duration, document)
        if "参数" in document or "參數" in document or "激活" in document or "パラメ" in document:
            document = _chinese_parameters(document)
        document = ASCEND.sub(" Ascend ", document)  # "昇腾 910B": "Ascend 910B"
        # "14.8T 高质量 token": "14.8T tokens" (the adjectives between a count and its tokens; a token in the
        # singular, as Chinese writes it)
        document = CHINESE_ADJECTIVE_TOKENS.sub(r"\g<n> tokens", document)
        # "H100 GPU 512台": "512 H100 GPU" (a space after it, as after a duration: a word ends there)
        document = COUNT_AFTER_DEVICES.sub(r"\g<n> \g<devices> ", document)
        document = MEASURE_WORD.sub("", document)  # "512 张 A100": "512 A100"
    if not _HTML.search(document[:20000]):
        return document  # (emphasis went first)
    if _NEEDS_PARSER.search(document) or INLINE_NOTE in document:
        parsed = _parsed_text(document)
        if parsed is not None:
            return parsed
    # Markdown with a few inline tags (<p align>, <img>, <br>), or markup no parser accepts
    # (a tag that ended a table row, "| Tokens |<br>", leaves no blank line inside the table)
    return _BLANK_BETWEEN_ROWS.sub(r"\1\n", html.unescape(_NAMED_TAG.sub(_tag_break, document)))


# a character reference left in text ("2&nbsp;trillion", "3.1&times;10^23", "&#8776;")
TEXT_ENTITY = re.compile(r"&(?!(?:lt|gt|amp);)(?:[A-Za-z][A-Za-z\d]{1,9}|#\d{2,7}|#[xX][\dA-Fa-f]{2,6});")
MARKUP_CHARACTERS = "<>&\"'"  # (decoded with the markup, after its tags and attributes are read)


def _entity_character(match: re.Match[str]) -> str:
    """A :data:`TEXT_ENTITY` as its character, unless that character writes markup ("&#60;", "&quot;")
    (an unknown name stays as written)."""
    character = html.unescape(match.group(0))
    return match.group(0) if character in MARKUP_CHARACTERS else character


def _tag_break(match: re.Match[str]) -> str:
    """What a tag leaves in the text: nothing for an inline element's (:data:`INLINE_ELEMENTS`), a space for
    a superscript's, a line break for a block's (and a declaration's)."""
    name = (match.group("name") or "").lower()
    if name in INLINE_ELEMENTS:
        return " " if "note" in match.group(0) and NOTE_CLASS.search(match.group(0)) else ""
    return " " if name in SPACED_ELEMENTS else "\n"


# control characters a PDF's text may hold (NUL bytes in figure text, a form feed between pages): no
# part of the text a reader sees (a line break stands for a page's break)
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
NO_CONTROL = {**{code: None for code in (*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f)},
              0x0b: "\n", 0x0c: "\n"}


def _sanitize_around(element: etree._Element) -> None:
    """The texts an element's removal joins without the characters XML forbids (a character reference
    may decode to one, "&#1;"): lxml refuses to write them back, and drops the text it was joining."""
    previous = element.getprevious()
    parent = element.getparent()
    before = parent.text if previous is None else previous.tail
    if before and NOT_XML.search(before):
        if previous is None:
            parent.text = NOT_XML.sub("", before)
        else:
            previous.tail = NOT_XML.sub("", before)
    if element.tail and NOT_XML.search(element.tail):
        element.tail = NOT_XML.sub("", element.tail)


# a footnote's text that arXiv's HTML (LaTeXML) writes inside the sentence it annotates, where its mark
# stands ("We train Heron-7B<sup>1</sup><span class="ltx_note_outer">Kite-65B was trained on 1.4T
# tokens.</span> on 2T tokens"): it would split the sentence and lend it its figures
_INLINE_NOTES = etree.XPath('//*[contains(concat(" ", normalize-space(@class), " "), " ltx_note_outer ")]')
_PARAGRAPHS = ("p", "div", "li", "td", "th", "dd", "blockquote", "figcaption")


def _moved_after_paragraph(note: etree._Element) -> None:
    """A footnote's text out of its sentence, to a block of its own right after its paragraph (its mark
    stays where it was)."""
    paragraph = next(note.iterancestors(*_PARAGRAPHS), None)
    parent = note.getparent()
    if paragraph is None or parent is None:
        return
    tail, note.tail = note.tail, None
    previous = note.getprevious()
    if tail:  # the sentence's words after the note stay where they were
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(note)
    block = etree.Element("div")
    block.append(note)
    paragraph.addnext(block)


def _parsed_text(document: str) -> str | None:
    """The document's visible text by lxml's HTML parser, table rows as pipe rows (None if the parser
    gives up on it)."""
    if CONTROL_CHARACTER.search(document):  # lxml refuses to write them back into a table row
        document = document.translate(NO_CONTROL)
    try:
        root = lxml.html.document_fromstring(document.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    for hidden in _HIDDEN(root):
        if hidden.getparent() is not None:  # (one outside the root element is not read anyway)
            _sanitize_around(hidden)
            hidden.drop_tree()  # keeps the text that follows it
    for note in _INLINE_NOTES(root):
        _moved_after_paragraph(note)
    for row in list(root.iter("tr")):
        # (a character reference may name a character XML forbids, "&#1;": it is no text either)
        cells = [NOT_XML.sub("", " ".join(cell.text_content().split()))
                 for cell in row if cell.tag in ("td", "th")]
        tail = NOT_XML.sub("", row.tail) if row.tail else row.tail
        row.clear()  # a row nested in a cell was read with its cell
        row.text, row.tail = "\n| " + " | ".join(cells) + " |\n", tail
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in INLINE_ELEMENTS:
            if "note" not in element.get("class", ""):
                continue
            mark = " "  # a note inside a sentence: set off from the word before it
        else:
            mark = " " if element.tag in SPACED_ELEMENTS else "\n"  # a block on lines of its own
        element.text = mark + (element.text or "")
        element.tail = mark + (element.tail or "")
    return _BLANK_BETWEEN_ROWS.sub(r"\1\n", "".join(root.itertext()))
