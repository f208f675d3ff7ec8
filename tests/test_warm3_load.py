"""A warm run leaves the declared columns of property files read from the cache pickled until something
reads them (project/facts.py `_DeferredColumns`): what it reads is what a spec built from the YAML
holds, and a run whose property files come from the cache reports what a cold run does."""

from __future__ import annotations

import copy
import pickle
import textwrap
from pathlib import Path

import pytest

from meshlint.cli import main
from meshlint.project.facts import ColumnsOutline, ModelNode, NodeConfig, columns_outline
from meshlint.project.properties import read_property_file
from meshlint.project.yaml_spans import load_yaml

PROPERTIES = """\
version: 2
models:
  - name: plain
    columns:
      - name: id
        data_type: bigint
      - name: amount
        quote: true
  - name: keyed
    columns:
      - name: id
        data_type: "{{ var('id_type', 'bigint') }}"
        constraints:
          - type: foreign_key
            to: ref('plain')
  - name: bare
"""


def _specs(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "models.yml"
    data, failure = load_yaml(str(path), PROPERTIES)
    assert failure is None
    return read_property_file(data, str(path), "p").models


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def test_unpickled_spec_reads_its_columns_when_first_asked(tmp_path: Path) -> None:
    specs = _specs(tmp_path)
    again = _round_trip(specs)
    for built, loaded in zip(specs, again):  # type: ignore[call-overload]
        assert "columns" in built.__dict__ and "columns" not in loaded.__dict__
        # the outline is known without unpickling the columns, and is what the columns say
        node = ModelNode(f"model.p.{loaded.name}", "p", loaded.name, None, NodeConfig(), spec=loaded).with_spec_columns()
        assert columns_outline(node) == ColumnsOutline.of(built.columns)
        assert "columns" not in loaded.__dict__
        # pickled again before being read: the same columns come back
        assert _round_trip(loaded).columns == built.columns  # type: ignore[attr-defined]
        assert "columns" not in loaded.__dict__
        assert loaded == built and repr(loaded) == repr(built)
        assert loaded.columns == built.columns and "columns" in loaded.__dict__
        assert node.columns is loaded.columns
        assert copy.deepcopy(loaded) == built and copy.copy(loaded) == built
    assert [columns_outline(ModelNode("m", "p", s.name, None, NodeConfig(), spec=s).with_spec_columns()) for s in specs] == [
        ColumnsOutline(False, False), ColumnsOutline(True, True), ColumnsOutline(False, False)
    ]
    assert type(specs[0]).columns == ()  # the class attribute is the field's default, as before


def test_an_unpickled_source_table_reads_its_columns_when_first_asked(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    data, failure = load_yaml(str(path), "sources:\n  - name: raw\n    tables:\n      - name: t\n        columns:\n          - name: a\n            data_type: int\n")
    assert failure is None
    table = read_property_file(data, str(path), "p").sources[0]
    again = _round_trip(table)
    assert "columns" not in again.__dict__  # type: ignore[attr-defined]
    assert again == table and again.columns == table.columns and [c.name for c in table.columns] == ["a"]  # type: ignore[attr-defined]


def test_a_node_with_its_spec_columns_pickles_and_compares_as_one_built_with_them(tmp_path: Path) -> None:
    spec = _round_trip(_specs(tmp_path))[1]  # type: ignore[index]
    lazy = ModelNode("model.p.keyed", "p", "keyed", None, NodeConfig(), spec=spec).with_spec_columns()
    again = _round_trip(lazy)
    built = ModelNode("model.p.keyed", "p", "keyed", None, NodeConfig(), spec=spec, columns=spec.columns)
    assert again == built == lazy and again.columns == spec.columns and len(again.columns) == 1  # type: ignore[attr-defined]


FILES = {
    "meshlint.toml": 'dialect = "duckdb"\n',
    "p/dbt_project.yml": "name: p\nversion: '1.0.0'\nconfig-version: 2\nprofile: p\nvars:\n  id_type: varchar\n",
    "p/models/models.yml": """
        groups:
          - name: core
            owner: {name: Core}
        models:
          - name: base
            config: {group: core, access: private}
          - name: typed
            config:
              materialized: table
              contract: {enforced: true}
            columns:
              - name: id
                data_type: "{{ var('id_type') }}"
              - name: parent_id
                data_type: integer
                constraints:
                  - type: foreign_key
                    to: ref('base')
                    to_columns: [id]
          - name: from_source
            config:
              contract: {enforced: true}
            columns:
              - name: event_id
                data_type: integer
          - name: versioned
            latest_version: 1
            columns:
              - name: id
                data_type: integer
            versions:
              - v: 1
                columns:
                  - include: all
                    exclude: [nope]
    """,
    "p/models/sources.yml": """
        sources:
          - name: raw
            tables:
              - name: events
                columns:
                  - name: event_id
                    data_type: varchar
    """,
    "p/models/from_source.sql": "select event_id from {{ source('raw', 'events') }}\n",
    "p/models/base.sql": "select 1 as id\n",
    "p/models/typed.sql": "select 1 as id, 1 as parent_id\n",  # refs `base` only by its foreign key
    "p/models/versioned_v1.sql": "select 1 as id\n",
}


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_property_files_from_the_cache_report_as_a_cold_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    root = tmp_path / "mesh"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "out"

    def run(*extra: str) -> str:
        assert main(["check", ".", "--today", "2026-11-23", "--format", fmt, "--output", str(out), "--exit-zero", *extra]) == 0
        return out.read_text(encoding="utf-8")

    cold = run("--no-cache")
    # the rendered data_type (varchar, not the integer the SQL gives), the foreign key to a private model and
    # the version's unknown exclude are found
    assert "ML103" in cold and "varchar" in cold and "ML302" in cold and "ML201" in cold
    assert "`event_id` is `varchar` in the SQL of `from_source`" in cold  # the source declares it varchar
    assert run() == cold  # fills the cache
    for path in ("p/models/base.sql", "p/models/typed.sql", "p/models/from_source.sql", "p/models/base.sql"):  # warm runs
        (root / path).write_text((root / path).read_text() + "-- edited\n", encoding="utf-8")
        assert run() == run("--no-cache")
    (root / "p/models/models.yml").write_text((root / "p/models/models.yml").read_text() + "\n", encoding="utf-8")
    assert run() == run("--no-cache")  # a full run, every other property file... from the cache


def test_files_are_read_whole_up_to_the_limit_and_only_regular_ones(tmp_path: Path) -> None:
    from meshlint.project.files import _read_regular_file

    for size in (0, 1, 65_535, 65_536, 65_537, 200_001):
        path = tmp_path / f"f{size}"
        path.write_bytes(bytes(i % 251 for i in range(size)))
        for most in (1, size, size + 1, 10_000_001):
            if most >= 1:
                assert _read_regular_file(path, most) == path.read_bytes()[:most]
    with pytest.raises(OSError, match="not a regular file"):
        _read_regular_file(tmp_path, 10)


def test_the_command_ends_with_its_output_flushed_and_its_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    assert main(["rules"]) == 0
    expected = capsys.readouterr().out
    done = subprocess.run([sys.executable, "-m", "meshlint.cli", "rules"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, expected) and len(expected) > 1000
    done = subprocess.run(
        [sys.executable, "-m", "meshlint.cli", "check", str(tmp_path / "missing")], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (2, "") and "path not found" in done.stderr


def test_a_snapshot_stores_again_the_chunks_of_records_it_kept_and_pickles_the_others() -> None:
    from dataclasses import replace

    from meshlint import reuse

    def record(n: int) -> reuse.ModelRecord:
        return reuse.ModelRecord(f"sql{n}", None, (), (), False, False, f"facts{n}", True, (), (), {})

    uids = [f"model.p.m{n:03d}" for n in range(150)]  # three chunks: 64, 64 and 22 records
    first = reuse.Snapshot(reuse.FORMAT, {u: "h" for u in uids}, {u: record(n) for n, u in enumerate(uids)}, {})
    read = _round_trip(first)
    assert isinstance(read, reuse.Snapshot) and read == first and len(read.pickled) == 3
    # a warm run keeps every record but one, in the middle chunk
    edited = uids[70]
    records = {u: (replace(r, facts="new") if u == edited else r) for u, r in read.records.items()}
    kept = reuse.Snapshot(reuse.FORMAT, read.candidates, records, {}, read.pickled)
    chunks = kept.__reduce__()[1][2]
    old = {ids: blob for ids, (blob, _) in read.pickled.items()}
    assert [blob is old[ids] for ids, blob in chunks] == [True, False, True]
    again = _round_trip(kept)
    assert again == kept != read and again.records[edited].facts == "new"  # type: ignore[attr-defined]
    assert list(again.records) == uids  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sql_config",
    [None, {}, {"materialized": "table"}, {"materialized": None}, {"materialized": ""}, {"materialized": "ephemeral", "enabled": 1},
     {"enabled": False}, {"enabled": True}, {"enabled": None}, {"enabled": "false"}, {"enabled": 0}],
)
@pytest.mark.parametrize("yaml_enabled", [None, False, True, "no"])
@pytest.mark.parametrize("path", ["m.sql", "m.py"])
def test_whether_a_model_is_enabled_or_ephemeral_is_what_its_final_config_says(
    sql_config: dict[str, object] | None, yaml_enabled: object, path: str
) -> None:
    from meshlint.analyse.pipeline import _Analysis
    from meshlint.project.config_tree import node_config
    from meshlint.project.facts import SqlFile
    from meshlint.render.state import RenderResult

    class Analysis:  # what `enabled` and `_final_config` read of an analysis: nothing but final_config
        def final_config(self, node: ModelNode, result: RenderResult | None) -> NodeConfig:
            return _Analysis._final_config(self, node, result)  # type: ignore[arg-type]

    raw = {"materialized": "ephemeral"} if yaml_enabled is None else {"enabled": yaml_enabled}
    text = "def model(dbt, session):\n    dbt.config(enabled=False)\n" if path.endswith(".py") else "select 1"
    node = ModelNode("model.p.m", "p", "m", SqlFile(path, "m", text), node_config(raw, {}))
    result = None if sql_config is None or path.endswith(".py") else RenderResult("select 1", config=sql_config, config_lines={k: 1 for k in sql_config})
    analysis = Analysis()
    config = analysis.final_config(node, result)
    assert _Analysis.enabled(analysis, node, result) is config.enabled  # type: ignore[arg-type]
    assert _Analysis.materialized(analysis, node, result) == config.materialized  # type: ignore[arg-type]


@pytest.mark.parametrize("root", ["{tmp}", "{tmp}//", ".", "sub", "./sub/", "sub/../sub", "{tmp}/sub/./a/.."])
def test_file_names_are_the_strings_of_the_paths_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    from meshlint.project.discover import file_names_in_folders, iter_files_in_folders

    for name in ("sub/a-c/x.sql", "sub/a/b/y.sql", "sub/a/z.sql", "sub/a.b/w.py", "sub/top.sql", "sub/.h/no.sql", "sub/n.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("select 1\n")
    monkeypatch.chdir(tmp_path)
    folder = Path(root.format(tmp=tmp_path))
    expected = [(str(p), p.name, parts) for p, parts in iter_files_in_folders(folder, (".sql", ".py"))]
    assert file_names_in_folders(folder, (".sql", ".py")) == expected and len(expected) == 5
