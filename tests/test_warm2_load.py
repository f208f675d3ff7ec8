"""What makes a warm run's load cheaper keeps its results: slotted declarations pickle back equal,
model files are found in the order paths sort in, and report formats imported on first use render
as their modules do."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from meshlint.cli import FORMATS
from meshlint.diagnostics import Location
from meshlint.project.discover import iter_files, iter_files_in_folders
from meshlint.project.properties import read_property_file
from meshlint.project.yaml_spans import load_yaml

PROPERTIES = """\
version: 2
models:
  - name: orders
    columns:
      - name: id
        data_type: bigint
        constraints: [{type: not_null}]
      - name: amount
        quote: true
"""


def test_property_file_pickles_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "models.yml"
    data, failure = load_yaml(str(path), PROPERTIES)
    assert failure is None
    properties = read_property_file(data, str(path), "p")
    columns = properties.models[0].columns
    assert [c.name for c in columns] == ["id", "amount"]
    again = pickle.loads(pickle.dumps(properties, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == properties
    assert again.models[0].columns[0].location == columns[0].location != Location(str(path), 0, 0)
    assert again.models[0].columns[0].constraints == columns[0].constraints and columns[0].constraints
    assert again.models[0].columns[1].quote is True


def test_files_in_folders_sorted_as_paths(tmp_path: Path) -> None:
    names = ["a-c/x.sql", "a/b/y.sql", "a/z.sql", "a.b/w.sql", "A/v.sql", "top.sql", "a/b/c/d.py", ".h/no.sql", "a/n.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("select 1\n")
    found = iter_files_in_folders(tmp_path, (".sql", ".py"))
    paths = [p for p, _ in found]
    # the order of Path objects, as the loader always had it
    assert paths == sorted(paths) == iter_files(tmp_path, (".sql", ".py"))
    assert {p.relative_to(tmp_path).as_posix() for p in paths} == {n for n in names if not n.startswith(".") and not n.endswith(".txt")}
    for path, parts in found:
        assert parts == path.relative_to(tmp_path).parent.parts
    assert iter_files_in_folders(tmp_path / "missing", (".sql",)) == []


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_imported_on_first_use_renders_as_its_module(name: str) -> None:
    import importlib

    from meshlint.report.model import Report, Summary
    from meshlint.rules.registry import BY_CODE, RULES

    found = BY_CODE["ML101"].diagnostic("Contract column `id` is missing", Location("models/a.sql", 3, 5), node="model.p.a")
    report = Report(diagnostics=(found,), rules=RULES, summary=Summary(projects=1, models=1, models_closed=1),
                    node_paths={"model.p.a": "models/a.sql"})
    module = {"json": "json_format"}.get(name, name)
    expected = importlib.import_module(f"meshlint.report.{module}").render(report)
    assert "ML101" in expected
    assert FORMATS[name](report) == expected


def test_prune_looks_entries_up_by_index(tmp_path: Path) -> None:
    import sqlite3

    from meshlint.analyse.cache import AnalysisCache

    cache = AnalysisCache(tmp_path)
    cache.put("k", {"a": 1})
    cache.close()
    with sqlite3.connect(cache.path) as db:
        plan = " ".join(str(row) for row in db.execute("explain query plan delete from entries where used < ?", (0.0,)))
    assert "entries_used" in plan
    again = AnalysisCache(tmp_path)
    assert again.get("k") == {"a": 1}
    again.close()
