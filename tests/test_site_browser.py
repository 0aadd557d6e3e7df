"""The built site in a real browser: Debian's headless Chromium driven by Selenium through Debian's
chromedriver, over a static HTTP server on 127.0.0.1 (as any static host would serve it) and from
``file://``. The table shows every model, search narrows it, sorting orders it, a model page shows its
evidence and links its raw payload, and no page logs a console error.

``.ci/run`` installs ``chromium`` and ``chromium-driver``; without them the tests skip and say so.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "")
                     if p and Path(p).exists()), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no browser here: the site's browser tests need Debian's chromium and chromium-driver "
           "(apt-get install chromium chromium-driver; .ci/run installs them)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that drops a connection mid-download is not the site's fault


@pytest.fixture(scope="module")
def static_host(published_site) -> Iterator[str]:
    """The data folder served as static files (the site's raw-payload links reach ``raw/``)."""
    handler = functools.partial(_Quiet, directory=str(published_site.layout.root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _errors(driver: object) -> list[dict]:
    """Console messages of level SEVERE since the last call (the log is read once)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _plotly_loaded(driver: object) -> bool:
    """Whether the page's plotly.js ran (waiting up to 30 s: a loaded machine reads 4.8 MB slowly)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return typeof Plotly") == "object")
    except TimeoutException:
        return False
    return True


def _visible_rows(driver: object) -> list[dict[str, str]]:
    """The table's rows a reader sees (not hidden by the search), in order: first cell and search text
    (read in the page: one WebDriver call per row would take minutes on thousands of rows)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#models tbody tr'))"
        ".filter(function (row) { return row.offsetParent !== null; })"
        ".map(function (row) { return {name: row.cells[0].innerText,"
        " search: row.getAttribute('data-search')}; });")


def _rows_once_loaded(driver: object, expected: int) -> list[dict[str, str]]:
    """The visible rows once the page has them all, waiting up to 30 s (a busy machine may hand the
    page over before its 0.7 MB table is parsed); the rows as they are when the wait runs out."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    with contextlib.suppress(TimeoutException):
        WebDriverWait(driver, 30).until(lambda d: len(_visible_rows(d)) >= expected)
    return _visible_rows(driver)


def _site(published_site) -> str:
    return f"curated/versions/{published_site.latest():04d}/site"


def test_the_models_table_shows_every_model_and_search_and_sort_work(browser, static_host, published_site):
    from selenium.webdriver.common.by import By

    models = published_site.models(published_site.latest())
    browser.get(f"{static_host}/{_site(published_site)}/models.html")
    _errors(browser)
    assert len(_rows_once_loaded(browser, len(models))) == len(models)
    assert browser.find_element(By.ID, "shown").text == str(len(models))

    organization = models["organization"].dropna().value_counts().index[0]
    word = organization.split()[0].lower()
    search = browser.find_element(By.ID, "search")
    search.send_keys(word)
    narrowed = _visible_rows(browser)
    expected = models[[word in " ".join(str(v) for v in row if v is not None).lower()
                       for row in models[["model", "organization", "domain", "sources", "hardware"]]
                       .itertuples(index=False)]]
    assert 0 < len(narrowed) < len(models)
    assert len(narrowed) == len(expected)
    assert all(word in row["search"] for row in narrowed)
    search.clear()
    search.send_keys(" ")  # clearing fires no input event; a space does, and matches everything
    assert len(_visible_rows(browser)) == len(models)

    compute_header = browser.find_elements(By.CSS_SELECTOR, "#models thead th button")[3]
    compute_header.click()  # ascending
    compute_header.click()  # descending: the largest run first
    largest = models.loc[models["training_compute_flop"].idxmax()]
    assert _visible_rows(browser)[0]["name"] == largest["model"]
    assert _errors(browser) == []


def test_a_model_page_shows_its_evidence_and_its_raw_payload_is_reachable(browser, static_host,
                                                                           published_site):
    from selenium.webdriver.common.by import By

    sources = published_site.model_sources(published_site.latest())
    figures = sources[(sources["field"] == "training_compute_flop") & sources["evidence"].notna()
                      & (sources["evidence"].str.len() > 40)]
    row = figures.iloc[0]
    browser.get(f"{static_host}/{_site(published_site)}/models.html")
    browser.find_element(By.CSS_SELECTOR, f'a[href="model/{row["model_id"]}.html"]').click()
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.evidence")
    assert any(" ".join(row["evidence"].split())[:40] in " ".join(mark.text.split()) for mark in marks)
    browser.find_element(By.CSS_SELECTOR, "a.raw").click()  # to the input's line in inputs.html
    fragment = browser.current_url.split("#", 1)[1]
    raw = browser.find_element(By.CSS_SELECTOR, f'tr[id="{fragment}"] a.raw').get_attribute("href")
    with urllib.request.urlopen(raw, timeout=10) as response:
        assert response.status == 200 and response.read(200)
    assert _errors(browser) == []


def test_the_overview_charts_and_change_log_load_without_console_errors(browser, static_host,
                                                                         published_site):
    from selenium.webdriver.common.by import By

    base = f"{static_host}/{_site(published_site)}"
    browser.get(f"{base}/index.html")
    images = browser.find_elements(By.CSS_SELECTOR, ".charts img")
    assert len(images) == 2
    assert all(browser.execute_script("return arguments[0].naturalWidth", image) > 800 for image in images)
    browser.get(f"{base}/trends.html")
    assert _plotly_loaded(browser), browser.get_log("browser")
    assert browser.execute_script("return document.querySelectorAll('.scatterlayer .trace').length") >= 3
    browser.get(f"{base}/changes.html")
    assert browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert _errors(browser) == []


def test_the_site_works_from_file_urls(browser, published_site):
    folder = published_site.version_dir(published_site.latest()) / "site"
    browser.get((folder / "models.html").as_uri())
    expected = len(published_site.models(published_site.latest()))
    assert len(_rows_once_loaded(browser, expected)) == expected
    browser.get((folder / "trends.html").as_uri())
    assert _plotly_loaded(browser), browser.get_log("browser")
    assert _errors(browser) == []
