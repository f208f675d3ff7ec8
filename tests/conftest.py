"""Shared fixtures: a fresh copy of the bundled example mesh, and running the CLI in-process."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from meshlint.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "jaffle-mesh"
TODAY = "2026-11-23"


@dataclass(frozen=True)
class CliRun:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict:
        return json.loads(self.stdout)

    def findings(self) -> set[tuple[str, str | None, str | None, str, int]]:
        """(code, node, column_name, path, line) of every diagnostic."""
        return {
            (d["code"], d["node"], d["column_name"], d["location"]["path"], d["location"]["line"])
            for d in self.json["diagnostics"]
        }


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never share meshlint's cache with the user's (or with each other's runs)."""
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path_factory.mktemp("meshlint-cache")))


@pytest.fixture
def mesh_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "jaffle-mesh"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.chdir(target)
    return target


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    def run(*args: str) -> CliRun:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
