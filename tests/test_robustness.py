"""Broken input never crashes meshlint: each file of the example, damaged in several ways, gives
findings (or none) but never an internal error, and the rest of the mesh is still checked."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import find_settings_file, load_settings
from tests.conftest import EXAMPLE


def _damages(text: str) -> dict[str, str]:
    lines = text.splitlines(True)
    middle = len(lines) // 2
    return {
        "truncated": text[: len(text) // 2],
        "line-doubled": "".join(lines[: middle + 1] + lines[middle:]),
        "open-jinja": text.replace("}}", "", 1) if "}}" in text else text + "{{",
        "open-bracket": text.replace(")", "", 1) if ")" in text else text + "[",
        "tab-indented": text.replace("  ", "\t", 3),
        "empty": "",
        "binary": "\x00\x01\x02",
    }


FILES = sorted(str(p.relative_to(EXAMPLE)) for p in EXAMPLE.rglob("*") if p.suffix in (".sql", ".yml"))
CASES = [(f, d) for f in FILES for d in _damages("x\ny\n")]


@pytest.mark.parametrize(("relative", "damage"), CASES, ids=[f"{f}:{d}" for f, d in CASES])
def test_damaged_file_never_crashes(relative: str, damage: str, tmp_path: Path) -> None:
    mesh = tmp_path / "mesh"
    shutil.copytree(EXAMPLE, mesh)
    path = mesh / relative
    path.write_text(_damages(path.read_text())[damage])
    settings = load_settings(find_settings_file(mesh))
    result = check([mesh], settings, datetime.date(2026, 11, 23), mesh)
    assert [d for d in result.diagnostics if d.code == "ML000"] == []
    for diagnostic in result.diagnostics:
        assert diagnostic.location.path and diagnostic.location.line >= 1, diagnostic
    # the other project is still analysed
    other = "finance" if relative.startswith("analytics") else "analytics"
    assert any(n.node.project == other for n in result.analysed.nodes)


def test_sql_sqlglot_rejects_in_a_rule_is_not_an_internal_error(tmp_path: Path) -> None:
    """A table alias used twice made sqlglot's scope walk raise inside ML308."""
    mesh = tmp_path / "mesh"
    shutil.copytree(EXAMPLE, mesh)
    path = mesh / "analytics/models/core/fct_orders_v1.sql"
    join = "    left join customers c using (customer_id)\n"
    path.write_text(path.read_text().replace(join, join * 2))
    result = check([mesh], load_settings(find_settings_file(mesh)), datetime.date(2026, 11, 23), mesh)
    assert [d for d in result.diagnostics if d.code == "ML000"] == []


def test_unreadable_seed_csv_is_a_finding_at_its_line(tmp_path: Path) -> None:
    """A field longer than Python's csv limit stopped the whole run (an internal error, no file or line)."""
    mesh = tmp_path / "mesh"
    shutil.copytree(EXAMPLE, mesh)
    seeds = mesh / "analytics" / "seeds"
    seeds.mkdir()
    (seeds / "notes.csv").write_text("id,note\n1,short\n2," + "x" * 200_000 + "\n", encoding="utf-8")
    result = check([mesh], load_settings(find_settings_file(mesh)), datetime.date(2026, 11, 23), mesh)
    found = [(d.code, Path(d.location.path).name, d.location.line) for d in result.diagnostics if d.code == "ML001"]
    assert found == [("ML001", "notes.csv", 3)]
    assert any(n.node.project == "finance" for n in result.analysed.nodes)
