"""Storage that grows with change: files shared between versions, plotly.js once per data folder,
large tables compressed reproducibly, identical raw payloads landed as links."""

from __future__ import annotations

import gzip

import pandas as pd

from curation.store.sharing import share_unchanged_files, table_path, write_gzip
from scrapers.http import Response, Validators
from scrapers.landing import Landing
from tests.test_build_version import ROWS, _run, _table, setup  # noqa: F401 - the fixture


def test_only_files_with_the_same_path_and_bytes_are_linked_to_the_previous_version(tmp_path):
    previous, staging = tmp_path / "0001", tmp_path / "staging"
    for folder, changed in ((previous, b"old"), (staging, b"new")):
        (folder / "sub").mkdir(parents=True)
        (folder / "same.csv").write_bytes(b"model,flop\nA,1e20\n")
        (folder / "sub" / "nested.json").write_bytes(b"{}")
        (folder / "changed.csv").write_bytes(changed)
    (staging / "added.md").write_bytes(b"# new")
    (previous / "moved.csv").write_bytes(b"# new")  # same bytes under another name: not shared

    shared = share_unchanged_files(staging, previous)

    assert (shared.files, shared.total_files) == (2, 4)
    assert shared.bytes == len(b"model,flop\nA,1e20\n") + 2 and shared.new_bytes == 3 + 5
    for name in ("same.csv", "sub/nested.json"):
        assert (staging / name).stat().st_ino == (previous / name).stat().st_ino
    for name in ("changed.csv", "added.md"):
        assert (staging / name).stat().st_nlink == 1
    assert (staging / "same.csv").read_bytes() == b"model,flop\nA,1e20\n"
    assert not list(staging.glob(".*.link"))
    assert share_unchanged_files(staging, None).files == 0  # a first version shares nothing


def test_chart_pages_load_one_copy_of_plotly_kept_in_the_data_folder(setup):  # noqa: F811
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    _run(source, store, _table([*ROWS, "Zeta,2024-02-01,Lab C,4e25"]), "r2")
    assets = list(store.layout.assets.glob("plotly-*.min.js"))
    assert len(assets) == 1 and assets[0].stat().st_size > 1_000_000
    for version in (1, 2):
        page = (store.version_dir(version) / "trends.html").read_text()
        assert f'src="../../assets/{assets[0].name}"' in page
        assert len(page) < 200_000  # the chart and its data, not the library


def test_provenance_tables_are_gzip_csv_that_pandas_and_the_store_read(setup):  # noqa: F811
    source, store = setup
    _run(source, store, _table(ROWS), "r1")
    folder = store.version_dir(1)
    assert not (folder / "model_sources.csv").exists()
    sources = pd.read_csv(folder / "model_sources.csv.gz", dtype=str)
    assert set(sources["source"]) == {"epoch"} and len(store.model_sources(1)) == len(sources)
    assert table_path(folder, "links") == folder / "links.csv.gz"


def test_gzip_tables_are_reproducible_and_older_plain_tables_still_found(tmp_path):
    write_gzip(tmp_path / "a.csv.gz", b"model\nA\n")
    write_gzip(tmp_path / "b.csv.gz", b"model\nA\n")
    assert (tmp_path / "a.csv.gz").read_bytes() == (tmp_path / "b.csv.gz").read_bytes()
    assert gzip.decompress((tmp_path / "a.csv.gz").read_bytes()) == b"model\nA\n"
    (tmp_path / "links.csv").write_text("model_id\n")  # a version published before compression
    assert table_path(tmp_path, "links") == tmp_path / "links.csv"


def test_an_identical_body_sent_again_despite_its_etag_is_landed_as_a_link_to_the_last_one(tmp_path):
    def response(body: bytes) -> Response:  # a server that ignores If-None-Match
        return Response("http://127.0.0.1/all.csv", 200, body, "text/csv", Validators(etag='"v1"'))

    first = Landing(tmp_path, "epoch", "run1").land("all.csv", response(b"Model\nA\n"))
    second = Landing(tmp_path, "epoch", "run2").land("all.csv", response(b"Model\nA\n"))
    third = Landing(tmp_path, "epoch", "run3").land("all.csv", response(b"Model\nB\n"))
    assert second.path != first.path and second.sha256 == first.sha256
    assert (tmp_path / second.path).stat().st_ino == (tmp_path / first.path).stat().st_ino
    assert (tmp_path / third.path).stat().st_nlink == 1
    assert (tmp_path / third.path).read_bytes() == b"Model\nB\n"
