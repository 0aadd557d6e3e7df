"""Mixture-of-experts models: operation counting uses the parameters active per token.

MoE papers tabulate "Total Params" and "Activated Params" per model (one column per model), or say it
in one sentence ("671B total parameters, of which 37B are activated for each token"; "a total of 57
billion parameters and 14 billion activated parameters"; "30.5B in total and 3.3B activated"; "12B
total and 2.4B active parameters"; "8B parameters while only activating 2B for each input token";
"activates 32B of its 1T parameters";
"235B parameters (22B active)", "(30B total, 3B active)"; "52B parameters, of which 12B are used for each
token"), or in a table's headers ("| Total Params | Activated Params |"), or as two fields ("- Total
parameters: 30B" … "- Activated parameters: 3.3B"), or name the model with both sizes ("Heron-30B-A3B", or
"Heron-MoE (A13B) … with 47B parameters"). When an operation-counting estimate used a
total that such a table or sentence gives, the activated count replaces it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import lowered, positions
from curation.extract.evidence import OPERATION_COUNTING, Estimate
from curation.extract.quantities import NUMBER, NUMBER_NOT_AFTER_DIGIT, scaled_value
from curation.extract.tables import find_tables

# a mixture of experts, or a sparse model that activates part of its parameters ("a sparse architecture
# containing 1.085 trillion parameters", "sparsely activated"; not "sparse attention")
MIXTURE = re.compile(r"mixture[\s-]+of[\s-]+experts|\bMoE\b|\bexperts\b"
                     r"|\bsparse(?:ly)?[\s-]+(?:activated|gated|architecture|model|transformer)",
                     re.IGNORECASE)

TOTAL_ONLY_NOTE = "not a training total: a mixture of experts' total parameters"
TOTAL_ROW = re.compile(r"total\s+param", re.IGNORECASE)
ACTIVE_ROW = re.compile(r"activ(?:e|ated|ation)\s+param", re.IGNORECASE)
SIZE_CELL = re.compile(rf"(?P<n>{NUMBER})\s?(?P<m>[MBT])\b")
SAME_MODEL_TOLERANCE = 0.05


def _figure_pattern(group: str) -> str:
    return rf"(?P<{group}>{NUMBER_NOT_AFTER_DIGIT})\s?(?P<{group}m>[MBT]|million|billion|trillion)(?![a-z])"


_TOTAL = (_figure_pattern("t") + r"\s+total(?:\s+param"
          # the word "parameters" shared with the active count: "12B total and 2.4B active parameters"
          r"|(?=\s*(?:,\s*|/\s*|and\s+)(?:only\s+)?\d[\d.]*\s?[MBT]\s+activ))"
          r"|total\s+(?:number\s+)?of\s+" + _figure_pattern("u")
          + r"\s+param|" + _figure_pattern("w") + r"\s+(?:parameters?\s+)?in\s+total\b"
          # "activates 32B of its 1T parameters", "activates 2.7B of 14.3B parameters"
          + r"|(?:\bof\s+(?:its|the|their)\s+|(?<=\d[MB]\s)of\s+)(?:total\s+)?" + _figure_pattern("x")
          + r"\s+(?:total\s+)?param")
TOTAL_GROUPS = ("t", "u", "w", "v", "x")
# "235B parameters (22B active)": a total with its active count in parentheses after it (the word
# "parameters" may be left to the field's key: "Number of parameters: 42B (6.6B active)"), also after the
# noun the total sizes: "a 671B-parameter MoE model (37B activated)", "a 235B MoE (22B active)"
PARENTHESIZED_ACTIVE = re.compile(_figure_pattern("t") + r"(?:[\s-]+param\w*)?"
                                  r"(?:[\s-]+(?:[A-Za-z][\w-]*\s+){0,2}?(?:models?|MoE|LLM|transformer))?"
                                  r"\s*\(\s*(?:with\s+|of\s+which\s+)?"
                                  r"(?:about\s+|~\s*)?" + _figure_pattern("a") + r"\s+(?:are\s+)?activ",
                                  re.IGNORECASE)
TOTAL_PHRASE = re.compile(_TOTAL, re.IGNORECASE)
# "Heron-MoE (30B total, 3B active)": both counts in parentheses, the word "parameters" left out
BOTH_IN_PARENTHESES = re.compile(r"\(\s*" + _figure_pattern("t") + r"\s+total(?:\s+param\w*)?\s*[,;/]\s*"
                                 + _figure_pattern("a") + r"\s+activ(?:e|ated)(?:\s+param\w*)?\s*\)",
                                 re.IGNORECASE)
# "8B parameters while only activating 2B for each token": a count a verb of activation follows (tried
# only in texts that write such a verb)
TOTAL_BEFORE_VERB = re.compile(_TOTAL + "|" + _figure_pattern("v")
                               + r"\s+param\w*(?=[^.]{0,40}\bactivat(?:ing|es)\b)", re.IGNORECASE)
TOTAL_THEN_PER_TOKEN = re.compile(_figure_pattern("t") + r"\s+total\s+param\w*[^.;]{0,40}?\b"
                                  + _figure_pattern("a") + r"\s+(?:param\w*\s+)?per\s+token\b", re.IGNORECASE)
# "52B parameters, of which 12B are used per token": the part of a count each token uses
OF_WHICH_PER_TOKEN = re.compile(_figure_pattern("t") + r"\s+(?:total\s+)?param\w*,?\s+of\s+which\s+"
                                r"(?:only\s+)?" + _figure_pattern("a")
                                + r"\s+(?:param\w*\s+)?(?:are\s+|is\s+)?used\s+"
                                r"(?:per|for\s+each|for\s+every)\s+(?:input\s+)?token\b", re.IGNORECASE)
# a name that carries its total and its active size: "Heron-30B-A3B"
NAME_SIZES = re.compile(r"(?<![\w.])(?P<t>\d+(?:\.\d+)?)(?P<tm>[MBT])-A(?P<a>\d+(?:\.\d+)?)(?P<am>[MB])"
                        r"(?![\w.])")
# ("52 billion activation parameters" too, and "13B of which are active")
ACTIVE_PHRASE = re.compile(_figure_pattern("a") + r"\s+(?:parameters?\s+)?(?:of\s+which\s+)?(?:are\s+)?"
                           r"(?:activated|active|activation(?=\s+param))\b",
                           re.IGNORECASE)
ACTIVATING_PHRASE = re.compile(r"(?P<verb>activat(?:ing|es)\s+(?:only\s+)?(?:about\s+|around\s+|~)?)?"
                               + _figure_pattern("a")
                               + r"(?(verb)|\s+(?:parameters?\s+)?(?:of\s+which\s+)?(?:are\s+)?"
                               r"(?:activated|active)\b)", re.IGNORECASE)


# a sparse model's cost per token told as a dense model's size: "269B parameters, with a computational cost
# comparable to a 32B dense encoder-decoder", "FLOP-matched to a 13B dense model"
DENSE_EQUIVALENT = re.compile(r"(?:(?:comput\w*|FLOPs?|cost)[^.;]{0,40}?\b(?:comparable|equivalent|similar"
                              r"|equal|identical|matching)\s+(?:to|with)|(?:FLOP|compute)[\s-]?matched\s+(?:to|with))"
                              r"\s+(?:that\s+of\s+)?(?:a|an)\s+" + _figure_pattern("a")
                              + r"[\s-]+(?:param\w*[\s-]+)?dense\b", re.IGNORECASE)
EQUIVALENCE_WORDS = ("matched", "comparable", "equivalent", "similar", "equal", "identical", "matching")


def _size(cell: str) -> float | None:
    match = SIZE_CELL.search(cell)
    return scaled_value(match.group("n"), match.group("m").lower()) if match else None


@lru_cache(maxsize=8)  # asked by the flagship and the rescaling about the same text
def active_parameter_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, active, evidence line) for every model column of a total/activated parameters table."""
    pairs = []
    for table in find_tables(text):
        totals = [row for row in table.rows if TOTAL_ROW.search(row.label)]
        actives = [row for row in table.rows if ACTIVE_ROW.search(row.label)]
        for total_row, active_row in zip(totals, actives, strict=False):
            for total_cell, active_cell in zip(total_row.cells[1:], active_row.cells[1:], strict=False):
                total, active = _size(total_cell), _size(active_cell)
                if total and active and active < total:
                    pairs.append((total, active, f"{total_row.line.text} / {active_row.line.text}"))
    return pairs + _header_pairs(text) + _prose_pairs(text) + _name_pairs(text) + _field_pairs(text) + \
        _dense_equivalent_pairs(text)


def _dense_equivalent_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, dense size, words) where a sentence gives a sparse model's total and says its compute per
    token matches a dense model's of some size (:data:`DENSE_EQUIVALENT`): that size is the count each
    token uses, as an active count is."""
    low = lowered(text)
    return [pair for at in positions(low, " dense")
            if any(word in low[max(0, at - 80): at] for word in EQUIVALENCE_WORDS)
            for m in DENSE_EQUIVALENT.finditer(text, max(0, at - 120), at + 7)
            for pair in _sized_in_sentence(text, m)]


def _header_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, active, row) for every row of a table whose headers name both counts ("| Total Params |
    Activated Params | Context Length |" over "| 106B | 12B | 128K |")."""
    pairs: list[tuple[float, float, str]] = []
    if "activ" not in lowered(text):  # cheap: most texts' tables name no activated count
        return pairs
    for table in find_tables(text):
        total = next((i for i, header in enumerate(table.headers) if TOTAL_ROW.search(header)), None)
        active = next((i for i, header in enumerate(table.headers) if ACTIVE_ROW.search(header)), None)
        if total is None or active is None:
            continue
        for row in table.rows:
            if max(total, active) < len(row.cells):
                total_size, active_size = _size(row.cells[total]), _size(row.cells[active])
                if total_size and active_size and active_size < total_size:
                    pairs.append((total_size, active_size, row.line.text))
    return pairs


# a name that carries only its active size ("Heron-MoE-A14B"), and the total its sentence gives after it
# ("has 57B parameters", "57B total parameters", or "(57B total)")
ACTIVE_ONLY_NAME = re.compile(r"(?<=[A-Za-z])-A(?P<a>\d+(?:\.\d+)?)(?P<am>[MB])(?![\w.])")
TOTAL_AFTER_NAME = re.compile(r"[^.;]{0,60}?" + _figure_pattern("t") + r"\s+(?:(?:total\s+)?param|total\b)",
                              re.IGNORECASE)


# a name's size glossed with its active size in parentheses: "Heron-MoE-48B (A5B)", and a count of experts
# times each one's size, "Heron-16x3B (A5B)" (48B in all)
ACTIVE_GLOSS = re.compile(r"(?<![\w.])(?:(?P<e>\d{1,3})\s?[x×]\s?)?(?P<t>\d+(?:\.\d+)?)(?P<tm>[MBT])\s*"
                          r"\(\s*A(?P<a>\d+(?:\.\d+)?)(?P<am>[MB])\s*\)")


ACTIVE_ALONE = re.compile(r"\(\s*A(?P<a>\d+(?:\.\d+)?)(?P<am>[MB])\s*\)")  # "(A13B)"


def _name_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, active, name) for every name written with both sizes ("Heron-30B-A3B"), or with its active
    size alone and a larger count of parameters after it in its sentence ("Heron-MoE-A14B has 57B
    parameters", "Heron-MoE (A13B) is a sparse model with 47B parameters"), or glossed with it
    (:data:`ACTIVE_GLOSS`)."""
    found, pairs = {}, []
    for at in positions(text, "-A"):  # the pattern only near its literal part: whole-text scans are slow
        if at and text[at - 1] in "MBT":
            for m in NAME_SIZES.finditer(text, max(0, at - 8), at + 10):
                found[m.start()] = m
        elif at and text[at - 1].isalpha() and (m := ACTIVE_ONLY_NAME.match(text, at)):
            total = TOTAL_AFTER_NAME.match(text, m.end())
            if total and _figure(m, "a") < _figure(total, "t"):
                start = at  # quoted from the name's start
                while start and (text[start - 1].isalnum() or text[start - 1] in "-_."):
                    start -= 1
                pairs.append((_figure(total, "t"), _figure(m, "a"), text[start: total.end()]))
    for at in positions(text, "(A"):  # "Heron-MoE-48B (A5B)", "Heron-16x3B (A5B)"
        glossed = False
        for m in ACTIVE_GLOSS.finditer(text, max(0, at - 16), at + 12):
            experts = float(m.group("e")) if m.group("e") else 1.0
            if _figure(m, "a") < experts * _figure(m, "t"):
                pairs.append((experts * _figure(m, "t"), _figure(m, "a"), m.group(0)))
                glossed = True
        # the active size alone glossing a name, the total after it: "Heron-MoE (A13B) … with 47B parameters"
        alone = None if glossed else ACTIVE_ALONE.match(text, at)
        total = TOTAL_AFTER_NAME.match(text, alone.end()) if alone else None
        if alone and total and _figure(alone, "a") < _figure(total, "t"):
            pairs.append((_figure(total, "t"), _figure(alone, "a"), text[at: total.end()]))
    return [(_figure(m, "t"), _figure(m, "a"), m.group(0)) for m in found.values()
            if _figure(m, "a") < _figure(m, "t")] + pairs


# the two counts as fields, each on its line or run into prose: "- Total parameters: 30B" … "- Activated
# parameters: 3.3B"
# (in either order, Markdown's bold marks around a key read through)
_FIELD_KEY_END = r"(?:\*\*)?[ \t]*(?:\*\*)?[:=][ \t]*(?:\*\*)?[ \t]*(?:about[ \t]+|~[ \t]*)?"
# (a field may be run into a sentence after a stop, a semicolon, a comma or a middle dot: "Total params: 42B;
# active params per token: 6.6B")
_FIELD_START = r"(?:^[ \t]*(?:[-*+][ \t]*)?|(?<=[.;,·|][ \t]))(?:\*\*)?"
TOTAL_FIELD = re.compile(_FIELD_START + r"total[ \t]+(?:number[ \t]+of[ \t]+)?param\w*" + _FIELD_KEY_END
                         + _figure_pattern("t"), re.IGNORECASE | re.MULTILINE)
# (or the parameters each token uses: "- Parameters per token: 12.9B")
ACTIVE_FIELD = re.compile(_FIELD_START + r"(?:(?:activated|active|activation)[ \t]+param\w*"
                          r"(?:[ \t]+per[ \t]+token)?|param\w*[ \t]+(?:used[ \t]+)?per[ \t]+token)"
                          + _FIELD_KEY_END + _figure_pattern("a"), re.IGNORECASE | re.MULTILINE)
FIELD_REACH = 400  # characters between the two fields of one model
PROSE_TOTAL = re.compile(_figure_pattern("t") + r"\s+total\s+param\w*\s*[,;]?", re.IGNORECASE)  # "42B total"


def _field_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, active, the two fields) where a total's field and an activated count's field stand within a
    few lines of each other (:data:`TOTAL_FIELD`, :data:`ACTIVE_FIELD`), or a total told in prose is
    followed by an activated count's field (:data:`PROSE_TOTAL`: "42B total parameters; active params per
    token: 6.6B")."""
    low = lowered(text)
    if "total" not in low or ("activ" not in low and "per token" not in low):
        return []
    pairs = []
    for at in positions(low, "total"):
        line = text.rfind("\n", 0, at) + 1
        total = TOTAL_FIELD.match(text, line) or TOTAL_FIELD.match(text, at)
        if total is None:  # a total in prose, the active count a field after it: "42B total parameters;
            # active params per token: 6.6B"
            prose = PROSE_TOTAL.search(text, max(0, at - 16), at + 16)
            active = ACTIVE_FIELD.search(text, prose.end(), prose.end() + 40) if prose else None
            if prose and active and _figure(active, "a") < _figure(prose, "t"):
                pairs.append((_figure(prose, "t"), _figure(active, "a"),
                              f"{prose.group(0).strip()} / {active.group(0).strip()}"))
            continue
        actives = list(ACTIVE_FIELD.finditer(text, max(0, line - FIELD_REACH), total.end() + FIELD_REACH))
        if actives:
            active = min(actives, key=lambda m: abs(m.start() - line))
            if _figure(active, "a") < _figure(total, "t"):
                pairs.append((_figure(total, "t"), _figure(active, "a"),
                              f"{total.group(0).strip()} / {active.group(0).strip()}"))
    return pairs


def _figure(match: re.Match[str], group: str) -> float:
    return scaled_value(match.group(group), match.group(group + "m"))



def _prose_pairs(text: str) -> list[tuple[float, float, str]]:
    """(total, active, words) where one sentence gives a total and an activated count, in either order
    ("671B total parameters, of which 37B are activated"; "32B activated and 1T total parameters"), or a
    total and the count each token uses ("46.7B total parameters, using 12.9B per token")."""
    low = lowered(text)  # a figure pattern is costly: try it only near "total" and "activ"
    # "46.7B total parameters, using 12.9B per token": a total and the count each token uses
    pairs = [(_figure(m, "t"), _figure(m, "a"), m.group(0)) for at in positions(low, " per token")
             if "total" in low[max(0, at - 90): at]
             for m in TOTAL_THEN_PER_TOKEN.finditer(text, max(0, at - 100), at + 10)
             if _figure(m, "a") < _figure(m, "t")]
    # ("… of which 13B are used for each token")
    pairs += [(_figure(m, "t"), _figure(m, "a"), m.group(0))
              for phrase in (" per token", " each token", " every token") for at in positions(low, phrase)
              if "of which" in low[max(0, at - 90): at]
              for m in OF_WHICH_PER_TOKEN.finditer(text, max(0, at - 100), at + len(phrase) + 1)
              if _figure(m, "a") < _figure(m, "t")]
    if "activated" not in low and "active" not in low and "activating" not in low and "activates" not in low \
            and "activation param" not in low:
        return pairs
    # "activation" (of a layer) is no count of parameters: its windows are not read
    activ = positions(low, "activ")
    cues = sorted([*positions(low, "total"), *(at for at in activ if not low.startswith("activation", at)
                                                or low.startswith("activation param", at))])
    windows: list[list[int]] = []
    for at in cues:  # overlapping windows read once
        if windows and at - 60 <= windows[-1][1]:
            windows[-1][1] = at + 60
        else:
            windows.append([max(0, at - 60), at + 60])
    # "235B parameters (22B active)": searched only before an "activ" that a parenthesis opened before
    pairs += [(_figure(m, "t"), _figure(m, "a"), m.group(0)) for at in activ
              if "(" in low[max(0, at - 30): at]
              for m in PARENTHESIZED_ACTIVE.finditer(text, max(0, at - 80), at + 6)
              if _figure(m, "a") < _figure(m, "t")]
    pairs += [(_figure(m, "t"), _figure(m, "a"), m.group(0)) for at in activ
              if "(" in low[max(0, at - 30): at] and "total" in low[max(0, at - 30): at]
              for m in BOTH_IN_PARENTHESES.finditer(text, max(0, at - 40), at + 20)
              if _figure(m, "a") < _figure(m, "t")]
    verbs = "activating" in low or "activates" in low
    total_phrase, active_phrase = (TOTAL_BEFORE_VERB, ACTIVATING_PHRASE) if verbs else (TOTAL_PHRASE,
                                                                                         ACTIVE_PHRASE)
    paired = set()  # the active counts a total was paired with
    for first, second in ((total_phrase, active_phrase), (active_phrase, total_phrase)):
        matches = {m.start(): m for start, end in windows for m in first.finditer(text, start, end)}
        for match in matches.values():
            end = min(len(text), match.end() + 120)
            stop = re.search(r"\.(?:\s|$)", text[match.end():end])
            # (searched in place: "2.7B of 14.3B parameters" reads the size before "of")
            other = second.search(text, match.end(), match.end() + stop.start() if stop else end)
            if other is None:
                continue
            total, active = (match, other) if first is total_phrase else (other, match)
            value = _figure(total, next(g for g in TOTAL_GROUPS if total.groupdict().get(g)))
            activated = _figure(active, "a")
            if activated < value:
                pairs.append((value, activated, text[match.start(): other.end()]))
                paired.add(active.start("a"))
    actives = {m.start("a"): m for start, end in windows for m in active_phrase.finditer(text, start, end)}
    return pairs + [pair for at, m in actives.items() if at not in paired
                    for pair in _sized_in_sentence(text, m)]


# a count of parameters however its sentence writes it: "400B parameters", "a 300B-parameter model", "a 47B
# sparse MoE", "Heron-MoE (47B)" (a bare size in parentheses)
SIZE_MENTION = re.compile(_figure_pattern("t") + r"(?:[\s-]+(?:total\s+)?param\w*"
                          r"|[\s-]+(?:[A-Za-z][\w-]*\s+){0,2}?(?:models?|MoE)\b)"
                          r"|\(\s*" + _figure_pattern("u") + r"\s*\)", re.IGNORECASE)
SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")
SENTENCE_REACH = 200  # characters either side of an active count its sentence's total is sought in


def _sized_in_sentence(text: str, active: re.Match[str]) -> list[tuple[float, float, str]]:
    """(total, active, words) for an active count no total phrase was paired with ("Heron has 400B
    parameters and 17B active parameters", "a 300B-parameter model with 30B active", "Heron (47B) is
    trained on 8T tokens; only 13B parameters are active"): the count of parameters its sentence writes
    nearest to it, before it or else after it, that is larger than it."""
    start = max(0, active.start() - SENTENCE_REACH)
    stops = [m.end() for m in SENTENCE_STOP.finditer(text, start, active.start())]
    start = stops[-1] if stops else start
    after = SENTENCE_STOP.search(text, active.end(), active.end() + SENTENCE_REACH)
    end = after.start() if after else min(len(text), active.end() + SENTENCE_REACH)
    activated = _figure(active, "a")
    sizes = [(m, _figure(m, "t" if m.group("t") else "u")) for m in SIZE_MENTION.finditer(text, start, end)
             if m.start() != active.start("a")]
    before = [(m, n) for m, n in sizes if m.end() <= active.start() and n > activated]
    after_it = [(m, n) for m, n in sizes if m.start() >= active.end() and n > activated]
    found = before[-1] if before else (after_it[0] if after_it else None)
    if found is None:
        return []
    first, last = min(found[0].start(), active.start()), max(found[0].end(), active.end())
    return [(found[1], activated, text[first:last])]


def use_active_parameters(estimates: list[Estimate], text: str) -> None:
    """Rescale operation-counting estimates whose parameter count is a tabulated MoE total."""
    pairs = None
    for estimate in estimates:
        if estimate.method != OPERATION_COUNTING or estimate.assumptions.get("active_parameters"):
            continue
        pairs = active_parameter_pairs(text) if pairs is None else pairs
        n = float(estimate.assumptions.get("parameters", 0))
        match = next(((t, a, line) for t, a, line in pairs if n and abs(t - n) / n <= SAME_MODEL_TOLERANCE),
                     None)
        if match is None:
            continue
        total, active, line = match
        estimate.value_flop *= active / n
        estimate.assumptions.update(active_parameters=True, total_parameters=n, parameters=active)
        # the active count found, the total no longer stands in for it
        estimate.notes = [note for note in estimate.notes if not note.startswith(TOTAL_ONLY_NOTE)]
        estimate.notes.append(f"mixture of experts: {active:.3g} activated of {total:.3g} total "
                              f"parameters, from {line!r}")
    _totals_recur(estimates)


def _totals_recur(estimates: list[Estimate]) -> None:
    """A count the text has called a mixture's total, its active count unknown ("our MoE model with 16B
    total parameters"), is that total wherever it recurs ("we train Heron 16B on 2T tokens"): an
    estimate on the same count is no run either."""
    totals = [float(e.assumptions.get("parameters", 0)) for e in estimates
              if e.method == OPERATION_COUNTING and any(n.startswith(TOTAL_ONLY_NOTE) for n in e.notes)]
    for estimate in estimates if totals else ():
        n = float(estimate.assumptions.get("parameters", 0))
        if estimate.method == OPERATION_COUNTING and n and not estimate.assumptions.get("active_parameters") \
                and any(abs(t - n) / n <= SAME_MODEL_TOLERANCE for t in totals) \
                and not any(note.startswith(TOTAL_ONLY_NOTE) for note in estimate.notes):
            estimate.notes.append(f"{TOTAL_ONLY_NOTE}, as the text calls this count elsewhere")
