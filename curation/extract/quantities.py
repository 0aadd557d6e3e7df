"""Numbers as papers write them: "3.14E+23", "3.14 × 10^23", "10²³", "3,640", "2.788M", "1.4 trillion"."""

from __future__ import annotations

import re

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "mn": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12, "thousand billion": 1e12,
    # (plurals, as some write them: "270 billions tokens")
    "millions": 1e6, "billions": 1e9, "trillions": 1e12, "thousand billions": 1e12,
}

# (the first digit written outside the alternatives, "1,000" or "1000.5": a pattern that starts with a number
# then starts with a character class, which the regex engine skips to at once rather than try every position)
NUMBER_TAIL = r"(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
NUMBER = rf"(?:\d{NUMBER_TAIL})"
# a number that starts no later than a word does: not right after a letter, digit, underscore or point
# ("v3.5" holds none), or also not after a comma (FREE_NUMBER_COMMA), or not after a digit, point or comma
# (NUMBER_NOT_AFTER_DIGIT); each checked behind its first digit, so that a pattern opening with it opens
# with a character class (see NUMBER)
FREE_NUMBER = rf"(?:\d(?<![\w.]\d){NUMBER_TAIL})"
FREE_NUMBER_COMMA = rf"(?:\d(?<![\w.,]\d){NUMBER_TAIL})"
NUMBER_NOT_AFTER_DIGIT = rf"(?:\d(?<![\d.,]\d){NUMBER_TAIL})"
EXPONENT = r"[+\-−]?\s?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}"
# 3.14E+23 | 3.14 × 10^23 | 3.14x10^{23} | 5.76 × 10²³ | 10^24 (mantissa optional) | 3.1 \times 10^{23}
SCIENTIFIC = (
    rf"(?:(?P<mantissa>{NUMBER})\s*[eE]\s?(?P<e_exp>[+\-−]?\d{{1,2}})(?!\d|\.\d)"
    rf"|(?:(?P<mantissa2>{NUMBER})\s*(?:×|x|\*|·|⋅|\\times|\\cdot)\s*)?10\s*(?:\^|\*\*)?\s*\{{?(?P<p_exp>{EXPONENT})\}}?(?!\d))"
)
# cheap: where a number in scientific notation may stand (the full pattern is read only there)
SCIENTIFIC_HINT = re.compile(r"\d\s?[eE]\s?[+\-−]?\d|10\s*(?:\^|\*\*|\{|[⁰¹²³⁴⁵⁶⁷⁸⁹])")
# after a number: 70B, 1.4 trillion, "one thousand billion" (a trillion, as some write it)
SIZE = r"[KMBT]|thousand billion|thousand|million|billion|trillion"
COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10}
# a number, or a number word in lower case (a title's "Three Trillion Tokens" names a work) before a size
# word: "one trillion tokens", "two billion words"; the article "a" before "billion" or "trillion" is one
# ("over a trillion tokens": 1T; "a million" is left alone, a context's or a batch's size as often as not),
# a word of its own (its letter first, the word's start checked behind it: a fast search)
COUNTED = (rf"(?:{NUMBER}|(?-i:{'|'.join(COUNT_WORDS)})(?=\s(?:million|billion|trillion|thousand billion)\b)"
           r"|(?-i:a)(?<![\w.-]a)(?=\s(?-i:billion|trillion)\b))")
# between a size and its noun: spaces, hyphens, or a line break that starts no list item, field or
# table row ("a 7B\nparameter model", not "Tokens: 2T\n- Parameters: 7B" nor "Parameters: 7.3B\nTraining
# Tokens: 2.5T", a field with no list mark)
SIZE_GAP = r"(?:[ \t-]|\n(?![ \t]*(?:[-*+#|]|[A-Za-z][\w ()/-]{0,40}:)))"
# what follows a field's key: a colon, or (a key-value table flattened, a row a line, as PDF text gives it)
# only its value to the line's end ("Training Tokens 1.4T", or after a bar that parts the cells: "Training
# tokens | 1.5T")
FIELD_VALUE_AFTER = re.compile(r"[ \t*_]*:|[ \t]+(?:\|[ \t]*)?[~≈]?\d[\d.,]*[ \t]?[A-Za-z%]{0,9}\+?"
                               r"[ \t]*(?:\n|$)"
                               # or on a line of its own, a size with its suffix ("Training tokens" /
                               # "2T"), as PDF text writes a table one cell a line (not a page's number)
                               r"|[ \t]*\n[ \t]*[~≈]?\d[\d.,]*[ \t]?(?:[KMBTkmbt]|million|billion|trillion)"
                               r"[ \t]*(?:\n|$)")


def names_next_field(text: str, match: re.Match[str]) -> bool:
    """Whether a count's noun stands on the next line as a field's key, not as the noun it counts
    ("Parameters: 7.3B\nTraining Tokens: 2.5T": 7.3B counts no tokens; nor in "Total Parameters 7B\nTraining
    Tokens 1.4T", a key-value table written a row a line, where the key's line holds only its value, its
    cells parted by a bar or not ("Model size | 13B\nTraining tokens | 1.5T"), or in
    a table written one cell a line, "7B\nTraining tokens\n2T"); nor a noun a blank line after its count
    ("# Heron-7B\n\nParameters …": a title's size, the next paragraph), nor on the line after a heading the
    count ends ("# Heron-13B" / "tokens seen: 1.4T")."""
    found = match.group(0)
    if "\n" not in found:
        return False
    digit = re.search(r"\d", found)
    # (a heading's count, the noun on the next line: "# Heron-13B" / "tokens seen: 1.4T")
    heading = digit is not None and "\n" in found[digit.end():] and \
        text.startswith("#", text.rfind("\n", 0, match.start() + digit.start()) + 1)
    return FIELD_VALUE_AFTER.match(text, match.end(), match.end() + 40) is not None \
        or (digit is not None and BLANK_LINE.search(found, digit.end()) is not None) or heading


BLANK_LINE = re.compile(r"\n[ \t]*\n")


# the nouns a size describes as a model: "a 7B model", "a 52B dense transformer", "a 13B LLM", "a 1B network"
MODEL_NOUN = r"(?:models?|transformers?|LLMs?|LMs?|networks?)"


# between a number and a size word: "7 billion", "7B", and the hyphens of "a 7-billion-parameter model"
SIZE_JOIN = r"(?:\s?|-(?=million|billion|trillion))"
# words a parameter count may carry before "parameters": "6.7 billion non-embedding parameters",
# "1.3B trainable parameters", "350M total model parameters"
# (a line may break between them, as a PDF's text wraps its lines: "236B total\nparameters")
PARAMETER_WORDS = rf"(?:(?:total|trainable|learnable|learned|non-?embedding|model|network|dense){SIZE_GAP}+)*"
# a count of a million or more in digits alone, grouped by commas or not: "7,241,732,096", "124439808"
# (a figure a model card copies from its code: "Number of parameters: 6,738,415,616")
PLAIN_COUNT = r"(?<![\w.,])(?P<plain>\d{1,3}(?:,\d{3}){2,}|\d{7,})(?![\d.,]\d)"
# words between a token count and "tokens": "2T subword tokens", "2 trillion BPE tokens", "2T high
# quality tokens" (at most two words, none a function word, another unit or a held-out or added set:
# "7B parameters on 2T tokens" is two figures)
TOKEN_ADJECTIVES = (r"(?:(?!(?:of|the|and|or|per|each|to|in|on|for|with|from|by|at|as|a|an|param\w*|models?|"
                    r"steps|images|words|sequences|samples|examples|pairs|documents|batch\w*|test|valid\w*|"
                    r"held-out|eval\w*|generated|prompt\w*|output|context|vocab\w*|additional|extra|more)\b)"
                    r"[A-Za-z][\w-]*(?:[ \t]+|[ \t]*\n[ \t]*(?![-*+#|])(?=[a-z]))){0,2}?")
MULTIPLIER_WORD = r"(?:[kKMBT](?![a-zA-Z])|thousand|million|billion|trillion|bn|mn)"
SCALED = rf"(?P<scaled>{NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?"


def parse_plain(text: str) -> float:
    """'3,640' → 3640.0; '2 048' → 2048.0; '2.5' → 2.5; 'two' → 2.0 and 'a' → 1.0 (words of
    :data:`COUNTED`); thin and no-break spaces between digits are removed before (``markup.plain_text``)."""
    word = COUNT_WORDS.get(text.lower(), 1 if text == "a" else None)
    return float(word) if word is not None else float(text.replace(",", "").replace(" ", ""))


def parse_exponent(text: str) -> int:
    return int(text.translate(SUPERSCRIPTS).replace("−", "-").replace(" ", ""))


def scientific_value(match: re.Match[str]) -> float:
    """The value of a :data:`SCIENTIFIC` match."""
    if match.group("e_exp") is not None:
        return parse_plain(match.group("mantissa")) * 10 ** parse_exponent(match.group("e_exp"))
    mantissa = match.group("mantissa2")
    return (parse_plain(mantissa) if mantissa else 1.0) * 10 ** parse_exponent(match.group("p_exp"))


def scaled_value(number: str, multiplier: str | None) -> float:
    """'2.788', 'M' → 2.788e6; '1.4', 'trillion' → 1.4e12."""
    factor = MULTIPLIERS[multiplier.lower()] if multiplier else 1.0
    return parse_plain(number) * factor
