"""Which warehouse a project without a profile and without a `dialect` setting is written for, told
from what its repository shows: a profiles.yml example or template, an adapter package it installs
(`dbt-snowflake` in requirements.txt), configs only one adapter knows
(`snowflake_warehouse`, `dist`, `file_format`...), data types only one warehouse names (`number`,
`int64`, `super`), packages and a profile named after an adapter, and, last, model SQL that parses in one candidate
dialect only. dbt Cloud projects ship no profiles.yml, so this is how most of them get a dialect.

Every guess says where it came from, so the report can ask the user to confirm it with `dialect`.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from meshlint.project.facts import Dependencies, ModelSpec, Project, SourceTable, SqlFile
from meshlint.project.profiles import ADAPTER_DIALECTS

# Config keys that only one adapter's materializations read (dbt-snowflake, dbt-bigquery, dbt-redshift,
# dbt-databricks/dbt-spark, dbt-postgres). Keys several adapters share (`cluster_by`, `partition_by`
# alone, `indexes` on postgres and others) tell nothing and are not listed.
CONFIG_KEYS: Mapping[str, str] = {
    "snowflake_warehouse": "snowflake",
    "transient": "snowflake",
    "copy_grants": "snowflake",
    "query_tag": "snowflake",
    "automatic_clustering": "snowflake",
    "target_lag": "snowflake",
    "partition_expiration_days": "bigquery",
    "require_partition_filter": "bigquery",
    "kms_key_name": "bigquery",
    "hours_to_expiration": "bigquery",
    "dist": "redshift",
    "sort": "redshift",
    "sort_type": "redshift",
    "file_format": "databricks",
    "location_root": "databricks",
    "liquid_clustered_by": "databricks",
    "zorder": "databricks",
    "tblproperties": "databricks",
    "unlogged": "postgres",
}
# `partition_by` as a mapping with `data_type`/`field` (and `granularity`) is dbt-bigquery's shape.
BIGQUERY_PARTITION = re.compile(r"partition_by\s*[:=]\s*\{[^}]*['\"]?(?:data_type|field)['\"]?\s*:", re.S)
_CONFIG_IN_SQL = re.compile(r"\b(" + "|".join(CONFIG_KEYS) + r")\s*=")

# Data type names only one warehouse uses (lower case, without parameters).
DATA_TYPES: Mapping[str, str] = {
    "number": "snowflake",
    "variant": "snowflake",
    "timestamp_ntz": "snowflake",
    "timestamp_ltz": "snowflake",
    "timestamp_tz": "snowflake",
    "int64": "bigquery",
    "float64": "bigquery",
    "bignumeric": "bigquery",
    "bytes": "bigquery",
    "super": "redshift",
    "hugeint": "duckdb",
}

# Words in a package's name that name an adapter (dbt-labs/snowflake_spend, spark_utils, ...).
PACKAGE_WORDS = ("snowflake", "bigquery", "redshift", "databricks", "spark", "duckdb", "postgres", "trino", "athena")

PROFILE_TEMPLATES = re.compile(r"^(?:.*profiles?.*\.ya?ml.*|profile_template\.ya?ml)$", re.I)
_PROFILE_TYPE = re.compile(r"^\s*type:\s*['\"]?([A-Za-z_]+)", re.M)

# Candidate dialects for the last resort: the SQL of the sampled models parses in exactly one.
PARSE_CANDIDATES = ("snowflake", "bigquery", "redshift", "databricks", "postgres", "duckdb", "trino")
PARSE_SAMPLE = 25
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_BLOCK = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Evidence:
    dialect: str
    what: str  # "`snowflake_warehouse`", "adapter `snowflake` in profiles.yml.example"
    path: str

    def describe(self, root: Path) -> str:
        try:
            where = Path(self.path).relative_to(root).as_posix()
        except ValueError:
            where = Path(self.path).name
        return f"{self.what} in {where}"


def profile_template_evidence(root: Path) -> list[Evidence]:
    """`type:` of profiles.yml examples and templates in the project folder or the folder above it
    (a mesh repository keeps one for all its projects).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "profiles.yml.example").write_text("jaffle:\\n  outputs:\\n    dev:\\n      type: snowflake\\n")
    >>> [(e.dialect, e.what) for e in profile_template_evidence(folder)]
    [('snowflake', 'adapter `snowflake`')]
    """
    found = []
    for folder in (root, root.parent):
        try:
            names = sorted(p for p in folder.iterdir() if p.is_file() and PROFILE_TEMPLATES.match(p.name))
        except OSError:
            continue
        for path in names:
            try:
                text = path.read_text(encoding="utf-8")[:100_000]
            except (OSError, UnicodeDecodeError):
                continue
            named = {}
            for adapter in _PROFILE_TYPE.findall(text):
                dialect = ADAPTER_DIALECTS.get(adapter.lower())
                if dialect is not None:
                    named.setdefault(dialect, Evidence(dialect, f"adapter `{adapter.lower()}`", str(path)))
            found.extend(named.values())  # one vote per dialect a file names: a CI template of every warehouse ties
    return found


# Files that install a dbt adapter (`dbt-snowflake` in requirements.txt, pyproject.toml, Pipfile...).
INSTALL_FILES = re.compile(r"^(?:requirements.*\.(?:txt|in)|pyproject\.toml|Pipfile|setup\.(?:py|cfg)|environment\.ya?ml|meltano\.ya?ml|Dockerfile)$", re.I)
_ADAPTER_PACKAGE = re.compile(r"\bdbt-(" + "|".join(sorted(ADAPTER_DIALECTS, key=len, reverse=True)) + r")\b", re.I)


def install_evidence(root: Path) -> list[Evidence]:
    """dbt adapters the repository installs, in the project folder or the folder above it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "requirements.txt").write_text("dbt-core\\ndbt-snowflake~=1.8\\nsqlfluff\\n")
    >>> [(e.dialect, e.what) for e in install_evidence(folder)]
    [('snowflake', 'adapter package `dbt-snowflake`')]
    """
    found = []
    for folder in (root, root.parent):
        try:
            names = sorted(p for p in folder.iterdir() if p.is_file() and INSTALL_FILES.match(p.name))
        except OSError:
            continue
        for path in names:
            try:
                text = path.read_text(encoding="utf-8")[:100_000]
            except (OSError, UnicodeDecodeError):
                continue
            named = {}
            for adapter in _ADAPTER_PACKAGE.findall(text):
                dialect = ADAPTER_DIALECTS[adapter.lower()]
                named.setdefault(dialect, Evidence(dialect, f"adapter package `dbt-{adapter.lower()}`", str(path)))
            # one vote per dialect a file names: a package's CI requirements that install every adapter
            # (`dbt-spark` and `dbt-spark[PyHive]` among them) tie, and tell nothing
            found.extend(named.values())
    return found


def profile_name_evidence(profile: object, project_path: str) -> list[Evidence]:
    """A `profile:` named after an adapter (`profile: snowflake`).

    >>> [(e.dialect, e.what) for e in profile_name_evidence("snowflake_prod", "dbt_project.yml")]
    [('snowflake', 'profile `snowflake_prod`')]
    """
    if not isinstance(profile, str):
        return []
    words = set(re.split(r"[^a-z]+", profile.lower()))
    return [Evidence(ADAPTER_DIALECTS[w], f"profile `{profile}`", project_path) for w in PACKAGE_WORDS if w in words]


def config_evidence(configs: Iterable[tuple[Mapping[str, object], str]], sql_texts: Iterable[tuple[str, str]]) -> list[Evidence]:
    """Adapter-specific config keys, in YAML configs (with the file they are in) and in `config()` calls.

    >>> [(e.dialect, e.what) for e in config_evidence([({"dist": "even"}, "x.yml")], [("m.sql", "{{ config(snowflake_warehouse='w') }}")])]
    [('redshift', '`dist`'), ('snowflake', '`snowflake_warehouse`')]
    >>> [e.dialect for e in config_evidence([], [("m.sql", "{{ config(partition_by={'field': 'd', 'data_type': 'date'}) }}")])]
    ['bigquery']
    """
    found = []
    for config, path in configs:
        for key, value in config.items():
            key = key.lstrip("+")
            if key in CONFIG_KEYS:
                found.append(Evidence(CONFIG_KEYS[key], f"`{key}`", path))
            elif key == "partition_by" and isinstance(value, Mapping) and ({"data_type", "field"} & set(value)):
                found.append(Evidence("bigquery", "`partition_by` with `field`/`data_type`", path))
    for path, text in sql_texts:
        if "config" not in text:
            continue
        for key in _CONFIG_IN_SQL.findall(text):
            found.append(Evidence(CONFIG_KEYS[key], f"`{key}`", path))
        if BIGQUERY_PARTITION.search(text):
            found.append(Evidence("bigquery", "`partition_by` with `field`/`data_type`", path))
    return found


def data_type_evidence(types: Iterable[tuple[str, str]]) -> list[Evidence]:
    """Declared `data_type`s only one warehouse names.

    >>> [(e.dialect, e.what) for e in data_type_evidence([("number(18,2)", "a.yml"), ("varchar", "a.yml")])]
    [('snowflake', 'data type `number`')]
    """
    found = []
    for data_type, path in types:
        word = re.split(r"[\s(<]", data_type.strip().lower(), maxsplit=1)[0]
        if word in DATA_TYPES:
            found.append(Evidence(DATA_TYPES[word], f"data type `{word}`", path))
    return found


def package_evidence(packages: Iterable[tuple[str, str]]) -> list[Evidence]:
    """Packages named after an adapter (`dbt-labs/spark_utils`, `get-select/dbt_snowflake_monitoring`).

    >>> [(e.dialect, e.what) for e in package_evidence([("dbt-labs/spark_utils", "packages.yml"), ("dbt-labs/dbt_utils", "packages.yml")])]
    [('spark', 'package `dbt-labs/spark_utils`')]
    """
    found = []
    for name, path in packages:
        words = set(re.split(r"[^a-z]+", name.lower()))
        for word in PACKAGE_WORDS:
            if word in words:
                found.append(Evidence(ADAPTER_DIALECTS[word], f"package `{name}`", path))
    return found


def parse_evidence(sql_texts: Iterable[tuple[str, str]]) -> list[Evidence]:
    """Model SQL (its Jinja replaced by a placeholder) that parses in exactly one candidate dialect.

    >>> [(e.dialect, e.path) for e in parse_evidence([("m.sql", "select a from t"), ("n.sql", "select $1 from @stage/x")])]
    [('snowflake', 'n.sql')]
    """
    import sqlglot
    from sqlglot.errors import SqlglotError

    found = []
    for path, text in list(sql_texts)[:PARSE_SAMPLE]:
        sql = _JINJA_BLOCK.sub(" ", _JINJA_EXPR.sub(" meshlint_jinja ", text))
        parsing = []
        for dialect in PARSE_CANDIDATES:
            try:
                parsed = sqlglot.parse(sql, read=dialect)
            except (SqlglotError, RecursionError, ValueError):
                continue
            if any(p is not None for p in parsed):
                parsing.append(dialect)
        if len(parsing) == 1:
            found.append(Evidence(parsing[0], "SQL that parses only as " + parsing[0], path))
    return found


def guess_dialect(evidence_sources: Iterable[Callable[[], list[Evidence]]], root: Path) -> tuple[str, str] | None:
    """The dialect the strongest kind of evidence points to (sources in order of strength, each
    gathered only when the ones before it told nothing; within one, the most frequent dialect; a tie
    tells nothing), and a sentence saying where it came from.

    >>> guess_dialect([list, lambda: [Evidence("snowflake", "`transient`", "/p/dbt_project.yml")]], Path("/p"))
    ('snowflake', 'guessed from `transient` in dbt_project.yml; set `dialect` to confirm')
    >>> guess_dialect([lambda: [Evidence("snowflake", "`a`", "x"), Evidence("bigquery", "`b`", "y")]], Path("/p")) is None
    True
    """
    for gather in evidence_sources:
        source = gather()
        if not source:
            continue
        counts = Counter(e.dialect for e in source).most_common()
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            continue
        dialect = counts[0][0]
        items = [e for e in source if e.dialect == dialect]
        more = f" and {len(items) - 1} more" if len(items) > 1 else ""
        return dialect, f"guessed from {items[0].describe(root)}{more}; set `dialect` to confirm"
    return None


def _config_mappings(tree: object, path: str) -> Iterable[tuple[Mapping[str, object], str]]:
    """Every mapping under dbt_project.yml's `models:` (config keys sit at any folder level)."""
    if isinstance(tree, Mapping):
        yield tree, path
        for value in tree.values():
            yield from _config_mappings(value, path)


def project_dialect_guess(
    root: Path,
    project_path: str,
    data: Mapping[str, object],
    specs: Iterable[ModelSpec],
    sources: Iterable[SourceTable],
    sql_files: Iterable[tuple[SqlFile, list[str]]],
    dependencies: Dependencies,
    packages: Iterable[Project],
) -> tuple[str, str] | None:
    """A project's dialect guessed from its repository, strongest evidence first."""
    specs, sources = list(specs), list(sources)
    texts = [(sql.path, sql.text) for sql, _ in sql_files if sql.path.endswith(".sql")]

    def configs() -> list[Evidence]:
        found = [(spec.config, spec.path) for spec in specs]
        found += [(version.config, spec.path) for spec in specs for version in spec.versions]
        found += list(_config_mappings(data.get("models"), project_path))
        found += list(_config_mappings(data.get("seeds"), project_path))
        return config_evidence(found, texts)

    def types() -> list[Evidence]:
        declared = [(c.data_type, spec.path) for spec in specs for c in spec.columns if c.data_type]
        declared += [(c.data_type, spec.path) for spec in specs for v in spec.versions for c in v.columns if c.data_type]
        declared += [(c.data_type, s.location.path) for s in sources for c in s.columns if c.data_type]
        return data_type_evidence(declared)

    def package_names() -> list[Evidence]:
        # the packages the project declares; one installed only as another package's dependency (Fivetran's
        # packages all install spark_utils, for every warehouse) tells nothing
        named = [(p.value, dependencies.path or project_path) for p in dependencies.packages]
        return package_evidence(named) + profile_name_evidence(data.get("profile"), project_path)

    return guess_dialect(
        (
            lambda: profile_template_evidence(root) + install_evidence(root),
            configs,
            package_names,
            types,
            lambda: parse_evidence(texts),
        ),
        root,
    )


def dialect_notes(projects: Iterable[Project], cwd: Path | None = None) -> tuple[str, ...]:
    """The summary's word on dialects: each linted project's dialect and where it came from (projects
    with the same dialect and origin on one line; counts only past a handful of lines), and once for
    all projects without one what that means.

    >>> p = lambda name, dialect, origin: Project(name, "/r", "/r/dbt_project.yml", dialect, origin)
    >>> for note in dialect_notes([p("a", "snowflake", "guessed from `transient` in dbt_project.yml; set `dialect` to confirm"),
    ...                            p("b", "duckdb", "setting `dialect` in /r/meshlint.toml"), p("c", "duckdb", "setting `dialect` in /r/meshlint.toml"),
    ...                            p("d", None, "none")], Path("/r")):
    ...     print(note)
    dialect snowflake for `a`, guessed from `transient` in dbt_project.yml; set `dialect` to confirm
    dialect duckdb for `b`, `c`, from setting `dialect` in meshlint.toml
    `d` has no dialect (none): column names are inferred with a permissive SQL dialect, types are unknown, and contracts and column uses are not checked; set `dialect` in meshlint.toml
    """
    linted = [p for p in projects if p.package_of is None and not p.external]
    prefix = f"{cwd}{os.sep}" if cwd is not None else None
    groups: dict[tuple[str, str], list[str]] = {}
    for project in linted:
        if project.dialect is not None:
            origin = project.dialect_origin.replace(prefix, "") if prefix else project.dialect_origin
            groups.setdefault((project.dialect, origin), []).append(f"`{project.name}`")
    if len(groups) <= 5:
        notes = [
            f"dialect {dialect} for {', '.join(names)}, {origin if origin.startswith('guessed') else 'from ' + origin}"
            for (dialect, origin), names in groups.items()
        ]
    else:
        counts: Counter[str] = Counter()
        guessed: Counter[str] = Counter()
        for (dialect, origin), names in groups.items():
            counts[dialect] += len(names)
            guessed[dialect] += len(names) if origin.startswith("guessed") else 0
        notes = ["dialects: " + ", ".join(
            f"{dialect} for {count} project(s)" + (f" ({guessed[dialect]} guessed; set `dialect` to confirm)" if guessed[dialect] else "")
            for dialect, count in sorted(counts.items())
        )]
    unknown = [p for p in linted if p.dialect is None]
    if unknown:
        names = ", ".join(f"`{p.name}`" for p in unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        verb = "has" if len(unknown) == 1 else "have"
        notes.append(
            f"{names} {verb} no dialect ({unknown[0].dialect_origin}): column names are inferred with a permissive SQL "
            "dialect, types are unknown, and contracts and column uses are not checked; set `dialect` in meshlint.toml"
        )
    return tuple(notes)
