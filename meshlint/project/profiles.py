"""Which SQL dialect a project speaks: its profile's adapter type, found the way dbt finds
profiles.yml, else the `dialect` setting."""

from __future__ import annotations

import os
from pathlib import Path

from meshlint.project.yaml_spans import load_yaml

# dbt adapter type -> sqlglot dialect
ADAPTER_DIALECTS = {
    "snowflake": "snowflake",
    "bigquery": "bigquery",
    "postgres": "postgres",
    "redshift": "redshift",
    "databricks": "databricks",
    "spark": "spark",
    "duckdb": "duckdb",
    "trino": "trino",
    "starburst": "trino",
    "athena": "athena",
    "sqlserver": "tsql",
    "fabric": "tsql",
    "synapse": "tsql",
    "clickhouse": "clickhouse",
    "oracle": "oracle",
    "teradata": "teradata",
    "materialize": "postgres",
    "dremio": "dremio",
    "exasol": "exasol",
}

# sqlglot dialect -> the adapter type dbt would report as `target.type` (the first adapter above
# that speaks it: tsql -> sqlserver, postgres -> postgres)
DIALECT_ADAPTERS = {dialect: adapter for adapter, dialect in reversed(ADAPTER_DIALECTS.items())}


def profile_dirs(project_root: Path, profiles_dir: Path | None) -> list[Path]:
    dirs: list[Path] = []
    if profiles_dir is not None:
        dirs.append(profiles_dir)
    env = os.environ.get("DBT_PROFILES_DIR")
    if env:
        dirs.append(Path(env))
    dirs.append(project_root)
    dirs.append(Path.home() / ".dbt")
    return dirs


def adapter_type(project_root: Path, profile: str | None, profiles_dir: Path | None) -> tuple[str, str] | None:
    """(adapter type, profiles.yml path) of the profile's default target, or None."""
    if not profile:
        return None
    for folder in profile_dirs(project_root, profiles_dir):
        path = folder / "profiles.yml"
        if not path.is_file():
            continue
        try:
            # with the YAML budget (a profiles.yml in the project comes with the pull request)
            data, _ = load_yaml(str(path), path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        entry = data.get(profile) if isinstance(data, dict) else None
        if not isinstance(entry, dict):
            continue
        outputs = entry.get("outputs")
        target = entry.get("target", "dev")
        if isinstance(outputs, dict):
            output = outputs.get(target) or next(iter(outputs.values()), None)
            if isinstance(output, dict) and isinstance(output.get("type"), str):
                return output["type"], str(path)
    return None
