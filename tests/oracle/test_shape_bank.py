"""Property-file shapes: meshlint reports what dbt's parse rejects, once, and nothing dbt accepts.

`shape_bank.SHAPES` records dbt 1.11's verdict on each shape; the first test holds meshlint to those
verdicts (no dbt needed), the `dbt`-marked test holds the verdicts to real dbt (`dbt parse` on every
shape, in dbt worker processes)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shape_bank
from shape_bank import SHAPES, Shape, meshlint_parse_findings


@pytest.fixture(scope="session")
def meshlint_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str, int]]]:
    """meshlint on every shape, in a process of its own (206 meshes do not weigh on the suite's process)."""
    folder = tmp_path_factory.mktemp("shapes-meshlint")
    done = subprocess.run([sys.executable, shape_bank.__file__, str(folder)], capture_output=True, text=True, check=True)
    return {key: [tuple(f) for f in found] for key, found in json.loads(done.stdout).items()}  # type: ignore[misc]


def test_the_bank_is_large_and_balanced() -> None:
    assert len({shape.id for shape in SHAPES}) == len(SHAPES) >= 100
    assert 30 <= sum(not shape.rejects for shape in SHAPES) <= len(SHAPES) - 60


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.id)
def test_meshlint_gives_the_recorded_verdict(shape: Shape, meshlint_verdicts: dict[str, list[tuple[str, str, int]]]) -> None:
    found = meshlint_verdicts[shape.id]
    if shape.rejects:
        assert [(code, path) for code, path, _ in found] == [(shape.code, shape.where)], found  # one mistake, one finding
    else:
        assert found == []


@pytest.fixture(scope="session")
def dbt_parse_verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    # dbt runs in worker processes: this one only needs to know that it is there (no import, no memory)
    if not os.environ.get("MESHLINT_DBT_PYTHON") and importlib.util.find_spec("dbt") is None:
        pytest.skip("dbt-core is not installed (see requirements-oracle.txt)")
    from shape_runner import parse_projects

    folder = tmp_path_factory.mktemp("shapes")
    roots = {shape.id: shape.write(folder) for shape in SHAPES}
    verdicts = parse_projects(list(roots.values()))
    return {shape_id: verdicts[str(root)] for shape_id, root in roots.items()}


@pytest.mark.dbt
@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.id)
def test_dbt_gives_the_recorded_verdict(shape: Shape, dbt_parse_verdicts: dict[str, dict[str, object]]) -> None:
    verdict = dbt_parse_verdicts[shape.id]
    assert verdict["ok"] is (not shape.rejects), verdict


def test_a_loosened_schema_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sabotage: with `description` allowed to be anything, the bank's number-description shape is missed."""
    import json

    from meshlint.project import shape_schema

    data = json.loads(shape_schema.SCHEMA_FILE.read_text(encoding="utf-8"))
    data["types"]["model"]["keys"]["description"] = "any"
    monkeypatch.setattr(shape_schema, "schema", lambda: shape_schema.Schema(data))
    shape = next(s for s in SHAPES if s.id == "model_description_number")
    assert meshlint_parse_findings(shape, tmp_path) == []
