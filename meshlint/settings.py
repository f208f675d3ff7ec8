"""User settings: `[tool.meshlint]` in pyproject.toml or a `meshlint.toml`, validated with pydantic
(unknown keys are errors with a did-you-mean), then overridden by command-line flags."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from meshlint.diagnostics import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FailOn = Literal["error", "warning", "info"]
SECRET_ENV_PREFIX = "DBT_ENV_SECRET"


class SettingsError(Exception):
    """A configuration problem: the CLI reports it and exits with code 2."""


class UpstreamSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    manifest: str


class Limits(BaseModel):
    """Budgets that keep hostile input (a pull request's files) from exhausting time or memory;
    `[tool.meshlint.limits]`. Each is checked while the work is done, not after, and going past one
    is a finding at the file or line, never a hang. SECURITY.md says why each default is what it is."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    # Largest SQL, YAML or CSV file meshlint reads, in bytes.
    max_file_bytes: int = Field(default=10_000_000, alias="max-file-bytes", ge=1)
    # Deepest nesting of mappings and lists in a YAML document.
    yaml_max_depth: int = Field(default=100, alias="yaml-max-depth", ge=1)
    # Values a YAML document may build through aliases (`*name`), each use counted in full.
    yaml_max_alias_values: int = Field(default=100_000, alias="yaml-max-alias-values", ge=0)
    # Loop iterations plus calls one template render may make (deterministic; hit first by runaway loops).
    render_max_steps: int = Field(default=1_000_000, alias="render-max-steps", ge=1)
    # Wall-clock seconds one template render may take (a backstop for slow single steps).
    render_max_seconds: float = Field(default=10.0, alias="render-max-seconds", gt=0)
    # Characters of a render's output, and of any one string a template builds.
    render_max_chars: int = Field(default=10_000_000, alias="render-max-chars", ge=1)


class DownstreamSettings(BaseModel):
    """A consumer in another repository: its `meshlint export` file (path or URL), for `check --base`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    export: str


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = Field(default_factory=dict, alias="per-path-ignores")
    deprecation_window_days: int = Field(default=90, alias="deprecation-window-days", ge=0)
    strict_types: bool = Field(default=False, alias="strict-types")
    dialect: str | None = None
    fail_on: FailOn = Field(default="error", alias="fail-on")
    upstream: dict[str, UpstreamSettings] = Field(default_factory=dict)
    downstream: dict[str, DownstreamSettings] = Field(default_factory=dict)
    catalog: tuple[str, ...] = ()
    vars: dict[str, object] = Field(default_factory=dict)
    allowed_env_vars: tuple[str, ...] = Field(default=(), alias="allowed-env-vars")
    limits: Limits = Field(default_factory=Limits)
    # Folders outside the checked paths that files named in settings or on the command line may be
    # in (an upstream manifest or a catalog a CI job downloaded).
    extra_roots: tuple[str, ...] = Field(default=(), alias="extra-roots")
    # Where the settings came from, for messages; not a user key.
    source: str | None = Field(default=None, exclude=True)

    @field_validator("allowed_env_vars")
    @classmethod
    def _no_secrets(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        # dbt keeps `DBT_ENV_SECRET_*` out of models (profiles.yml and packages.yml only); so does meshlint,
        # whose findings quote rendered SQL
        secret = [n for n in names if n.upper().startswith(SECRET_ENV_PREFIX)]
        if secret:
            raise ValueError(f"`{secret[0]}` is a secret (`{SECRET_ENV_PREFIX}*`) and cannot be read by a template")
        return names


def _known_keys() -> list[str]:
    keys = []
    for name, info in Settings.model_fields.items():
        if name != "source":
            keys.append(info.alias or name)
    return keys


def _check_keys(data: dict[str, object], known: list[str], model: type[BaseModel], source: str, prefix: str) -> None:
    for key in data:
        if key not in known and key not in model.model_fields:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean `{prefix}{close[0]}`?)" if close else ""
            raise SettingsError(f"{source}: unknown setting `{prefix}{key}`{hint}")


def parse_settings(data: dict[str, object], source: str) -> Settings:
    """Validate a `[tool.meshlint]` table.

    >>> parse_settings({"dialect": "snowflake", "fail-on": "warning"}, "x").fail_on
    'warning'
    >>> parse_settings({"dialekt": "duckdb"}, "meshlint.toml")
    Traceback (most recent call last):
    ...
    meshlint.settings.SettingsError: meshlint.toml: unknown setting `dialekt` (did you mean `dialect`?)
    """
    _check_keys(data, _known_keys(), Settings, source, "")
    if isinstance(data.get("limits"), dict):
        limits = [info.alias or name for name, info in Limits.model_fields.items()]
        _check_keys(data["limits"], limits, Limits, source, "limits.")  # type: ignore[arg-type]
    try:
        return Settings.model_validate({**data, "source": source})
    except ValidationError as error:
        problems = "; ".join(
            f"`{'.'.join(str(p) for p in e['loc'])}`: {e['msg']}" for e in error.errors()
        )
        raise SettingsError(f"{source}: {problems}") from None


def find_settings_file(start: Path) -> Path | None:
    """The nearest `meshlint.toml`, or `pyproject.toml` with a `[tool.meshlint]` table, from
    `start` upward."""
    current = start.resolve()
    if current.is_file():
        current = current.parent
    for folder in (current, *current.parents):
        candidate = folder / "meshlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "meshlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read: {error}") from None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("meshlint", {}) if isinstance(tool, dict) else {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: [tool.meshlint] must be a table")
    return parse_settings(data, str(path))
