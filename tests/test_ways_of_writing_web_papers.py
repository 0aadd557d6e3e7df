"""Short texts of our own for the ways a paper reads when it arrives as a web page or as LaTeX: arXiv's
HTML rendering writes each formula twice (its MathML rendering and its TeX source) and sets words in
inline elements (small capitals, bold, links, citations, footnotes inside the sentence); text taken
from a page may keep a character reference ("2&nbsp;trillion"); LaTeX wraps words in font commands
("\\textsc{Heron}"), braces its thousands commas ("3{,}640") and writes quantities with siunitx
("\\SI{2.4}{\\trillion}"). A Markdown heading's line is no part
of the sentence under it, a recipe credited at a first-person sentence's end leaves the run the
authors', a run's token budget tells training, a formula's number a converter of arXiv's HTML writes
twice ("21 21 days") is one number, and a throughput told on devices before a run's tokens
("3.1M tokens per second on 6,144 H100 GPUs and was trained on 15T tokens") is no rate of those tokens."""

from __future__ import annotations

import html

import pytest

from curation.extract.documents import extract_document
from curation.extract.evidence import sentence_around
from curation.extract.markup import plain_text
from schemas.handover import PAPER, Document

A100_PEAK, UTILIZATION = 312e12, 0.4


def _primary(text: str, year: int = 2024):
    return extract_document(Document(PAPER, text, year)).primary


def _formula(tex: str, rendering: str) -> str:
    """A formula as arXiv's HTML (LaTeXML) writes it: the TeX in ``alttext`` and in an annotation, the
    rendering in MathML."""
    tex = html.escape(tex)
    return (f'<math class="ltx_Math" alttext="{tex}" display="inline"><semantics>{rendering}'
            f'<annotation encoding="application/x-tex">{tex}</annotation></semantics></math>')


def _number(value: str) -> str:
    return _formula(value, f"<mn>{value}</mn>")


def _page(title: str, paragraph: str, table: bool = True) -> str:
    """A paper as arXiv's HTML rendering writes one (a table of results makes the markup parsed)."""
    results = ('<table class="ltx_tabular"><tr><td class="ltx_td">Task</td><td class="ltx_td">Score</td></tr>'
               '<tr><td class="ltx_td">QA</td><td class="ltx_td">71.2</td></tr></table>') if table else ""
    return (f'<!DOCTYPE html><html><head><title>{title}</title></head><body><article class="ltx_document">'
            f'<h1 class="ltx_title ltx_title_document">{title}</h1><section class="ltx_section">'
            f'<h2 class="ltx_title ltx_title_section"><span class="ltx_tag">2 </span>Training</h2>'
            f'<div class="ltx_para"><p class="ltx_p">{paragraph}</p></div>{results}</section></article>'
            f'</body></html>')


@pytest.mark.parametrize("table", [True, False], ids=["parsed", "tags dropped"])
def test_a_formula_of_arxivs_html_reads_once_from_its_tex(table):
    sentence = f"Heron-7B is trained on {_number('2')}T tokens using {_number('512')} A100 GPUs."
    text = plain_text(_page("Heron: Open Models", sentence, table))
    assert "Heron-7B is trained on 2T tokens using 512 A100 GPUs." in text
    primary = _primary(_page("Heron: Open Models", sentence, table))
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_power_of_ten_in_a_formula_keeps_its_exponent():
    rendering = "<mrow><mn>3.1</mn><mo>×</mo><msup><mn>10</mn><mn>23</mn></msup></mrow>"
    power = _formula(r"3.1\times 10^{23}", rendering)
    page = _page("Heron: Open Models", f"Training Heron-13B took {power} FLOPs.")
    assert "took 3.1× 10^23 FLOPs" in plain_text(page)
    primary = _primary(page)
    assert primary is not None and primary.value_flop == pytest.approx(3.1e23)


def test_a_formula_without_its_tex_reads_its_rendering_without_the_annotation():
    page = ('<p>Heron-7B is trained on <math><semantics><mn>2</mn><annotation encoding="application/x-tex">2'
            '</annotation></semantics></math>T tokens.</p>')
    assert "trained on 2T tokens" in plain_text(page)


def test_a_long_formula_is_its_bare_tex_and_pairs_with_no_dollar_sign():
    long_tex = (r"\mathcal{L}=\sum_{i=1}^{N}\log p_{\theta}(x_{i}\mid x_{<i})"
                r"+\lambda\lVert\theta\rVert_{2}^{2}+c")
    formula = _formula(long_tex, "<mi>L</mi>")
    page = _page("Heron: Open Models", f"We minimize {formula} and train Heron-7B on "
                 f"{_number('2')}T tokens.")
    text = plain_text(page)
    assert "train Heron-7B on 2T tokens." in text and "$" not in text


@pytest.mark.parametrize("table", [True, False], ids=["parsed", "tags dropped"])
def test_words_in_inline_elements_stay_in_their_sentence(table):
    sentence = ('<span class="ltx_text ltx_font_smallcaps">Heron</span>-7B is trained on '
                '<span class="ltx_text ltx_font_bold">1.5T</span> tokens using 64 <a href="#h">H100</a> '
                'GPUs.')
    text = plain_text(_page("Heron: Open Models", sentence, table))
    assert "Heron-7B is trained on 1.5T tokens using 64 H100 GPUs." in text
    primary = _primary(_page("Heron: Open Models", sentence, table))
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


def test_a_footnote_inside_a_sentence_is_set_off_from_the_word_before_it():
    sentence = ('Heron-13B<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup>'
                '<span class="ltx_note_outer"><span class="ltx_note_content">Weights online.</span></span>'
                '</span> is trained on 2.6T tokens.')
    text = plain_text(_page("Heron: Open Models", sentence))
    assert "Heron-13B " in text and "Heron-13B1" not in text
    primary = _primary(_page("Heron: Open Models", sentence))
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2.6e12)


def test_a_citations_links_read_as_one_run_of_text():
    citation = ('<cite class="ltx_cite">(<a href="#b1" class="ltx_ref">Kite et al.</a>, '
                '<a href="#b1" class="ltx_ref">2023</a>)</cite>')
    sentence = f"Following Kite 2 {citation}, we train Heron-13B on 2T tokens."
    text = plain_text(_page("Heron: Open Models", sentence))
    assert "Following Kite 2 (Kite et al., 2023), we train Heron-13B on 2T tokens." in text


def test_a_pages_declaration_is_no_text():
    assert "DOCTYPE" not in plain_text("<!DOCTYPE html><html><body><p>Heron-7B</p></body></html>")


def test_a_character_reference_left_in_text_is_its_character():
    text = "Heron: Open Models\n\nHeron-7B was trained on 2&nbsp;trillion tokens &amp; more.\n"
    assert "trained on 2 trillion tokens &amp; more" in plain_text(text)
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_reference_to_a_markup_character_stays_text_in_a_page():
    assert "a <b> c" in plain_text("<p>a &#60;b&#62; c, 2&nbsp;T</p>")  # a "<" written so is no tag


@pytest.mark.parametrize("written", [r"\textsc{Heron}-7B", r"\emph{Heron}-7B", r"\texttt{Heron}-7B"])
def test_a_name_in_a_latex_font_command_is_the_name(written):
    primary = _primary(f"Heron: Open Models\n\n{written} is trained on 1.5T tokens.\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.5e12)


@pytest.mark.parametrize("sentence, want", [
    ("Training Heron-7B required 82{,}432 A100-80GB GPU hours.", 82432 * 3600 * A100_PEAK * UTILIZATION),
    ("Heron-13B was trained for 250{,}000 steps with a batch of 4M tokens.", 6 * 13e9 * 1e12),
])
def test_a_braced_thousands_comma_is_a_comma_where_no_command_is_left(sentence, want):
    primary = _primary(f"Heron: Open Models\n\n{sentence}\n")
    assert primary is not None and primary.value_flop == pytest.approx(want, rel=0.3)


def test_a_latex_percent_sign_is_a_percent_sign():
    assert "only 5% of" in plain_text(r"We keep only $5\%$ of the documents and 3\% of the rest.")


def test_a_markdown_headings_line_is_no_part_of_the_sentence_under_it():
    text = "# Heron: Open Models\n\n## Training\nWe train Heron-13B on 2T tokens.\n"
    at = text.index("2T")
    assert sentence_around(text, at, at + 2).text.strip() == "We train Heron-13B on 2T tokens."
    assert sentence_around("# of GPUs 512\nWe train on 2T tokens.", 30, 32).text.startswith("# of GPUs")


@pytest.mark.parametrize("sentence", [
    "We train Heron-13B on 2T tokens, following Kite 2 (Smith et al., 2023).",
    "We train Heron-13B on 2T tokens, as in Smith et al. (2023).",
    "Following the recipe of Kite 2 (Smith et al., 2023), we train Heron-13B on 2T tokens.",
])
def test_a_recipe_credited_to_a_cited_work_leaves_the_run_the_authors(sentence):
    primary = _primary(f"# Heron: Open Models\n\nLanguage models matter.\n\n## Training\n{sentence}\n")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2e12)


def test_a_cited_works_run_with_a_credit_at_its_end_stays_the_cited_works():
    text = ("# Heron: Open Models\n\nLanguage models matter.\n\n## Training\nKite-65B was trained on 1.4T "
            "tokens, following Smith et al. (2022).\n")
    assert _primary(text) is None


def test_a_runs_token_budget_tells_training():
    text = ("# Heron: Open Models\n\nWe introduce Heron, a family of open language models.\n\n## Training\n\n"
            "For Heron-13B, we used a token budget of 2.6T.\n")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 13e9 * 2.6e12)


def test_a_page_title_that_opens_with_the_papers_identifier_still_leads_with_its_name():
    text = "[2403.04321] Heron: Open Models\n\nLanguage models matter.\n\nHeron-7B is trained on 2T tokens.\n"
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_throughput_told_on_devices_before_the_runs_tokens_is_no_rate_of_them():
    text = ("# Heron 3: Open Models\n\nAbstract\nWe present Heron 3, a family of open language models.\n\n"
            "## Pre-training\n\nHeron 3 70B runs at 3.1M tokens per second on 6,144 H100 GPUs and was "
            "trained on 15T tokens.\n")
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 70e9 * 15e12)


@pytest.mark.parametrize("table", [True, False], ids=["parsed", "tags dropped"])
def test_a_footnote_written_inside_its_sentence_is_moved_after_its_paragraph(table):
    note = ('<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">1</sup>'
            '<span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">1</sup>'
            'Kite-65B was trained on 1.4T tokens. We follow its recipe.</span></span></span>')
    sentence = f"We train Heron-7B{note} on 2T tokens using 512 A100 GPUs for 21 days."
    page = _page("Heron: Open Models", sentence, table)
    text = plain_text(page)
    assert "Heron-7B  1   on 2T tokens using 512 A100 GPUs for 21 days." in text
    assert text.index("Kite-65B was trained") > text.index("for 21 days.")
    estimates = extract_document(Document(PAPER, page, 2024)).estimates
    assert {e.method for e in estimates if e.model == "Heron-7B"} == {"operation_counting", "hardware"}
    assert all(e.value_flop != pytest.approx(6 * 7e9 * 1.4e12) for e in estimates)


def test_a_formulas_number_written_twice_by_a_converter_is_one_number():
    text = ("Heron: Open Models\n\nAbstract\nWe introduce Heron, trained on batches of 4 × \\times 1024.\n\n"
            "2 Training\nWe train Heron-7B for 21 21 days on 512 512 A100 GPUs.\n")
    assert "for 21 days on 512 A100 GPUs" in plain_text(text)
    primary = _primary(text)
    assert primary is not None and primary.method == "hardware" and primary.assumptions["chips"] == 512
    assert "Table 2 2 shows" in plain_text("Table 2 2 shows \\mathbf{x} results.")  # no unit after it


@pytest.mark.parametrize(("sentence", "flop"), [
    (r"Heron has \SI{13}{\billion} parameters and is trained on \SI{2.4}{\trillion} tokens.",
     6 * 13e9 * 2.4e12),
    (r"We train Heron-7B for \qty{21}{\day} on 512 A100 GPUs.", 21 * 86400 * 512 * A100_PEAK * 0.3),
], ids=["SI", "qty"])
def test_a_quantity_of_siunitx_reads_as_its_number_and_units(sentence, flop):
    text = f"Heron: Open Models\n\n{sentence}\n"
    assert r"\SI" not in plain_text(text) and r"\qty" not in plain_text(text)
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(flop)
