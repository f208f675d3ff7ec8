"""The render stage: dbt's builtins, the cross-database macros per adapter, the dbt_utils stand-ins and
the sandbox. Most cases are fixtures under tests/render_cases/ (their format is in its README); the
rest need Python around the render (the process environment, macro files, real dbt)."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import util
from pathlib import Path

import pytest
import sqlglot
from sqlglot.dialects.dialect import Dialect

from meshlint.project.profiles import ADAPTER_DIALECTS
from meshlint.render.context import ColumnsOf, RenderInputs
from meshlint.render.environment import builtin_macro_sources
from meshlint.render.render import ProjectMacros, Renderer
from meshlint.render.state import RenderResult
from meshlint.render.values import Column

CASES_DIR = Path(__file__).parent / "render_cases"
ADAPTERS = ("snowflake", "bigquery", "postgres", "redshift", "databricks", "spark", "duckdb", "trino")


# ---------------------------------------------------------------------------------------------- cases


@dataclass
class Case:
    file: str
    name: str
    line: int
    headers: dict[str, str] = field(default_factory=dict)
    template: str = ""
    sections: dict[str, str] = field(default_factory=dict)
    macro_files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.name}"

    @property
    def adapter(self) -> str:
        return self.headers.get("adapter", "snowflake")


_HEADER = re.compile(r"^-- (\w+): ?(.*)$")


def parse_cases(path: Path) -> list[Case]:
    """Split one fixture file into its cases.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "x.txt")
    ...     _ = p.write_text("=== one\\n-- adapter: duckdb\\nselect 1\\n--- sql\\nselect 1\\n")
    ...     [(c.name, c.adapter, c.template, c.sections) for c in parse_cases(p)]
    [('one', 'duckdb', 'select 1\\n', {'sql': 'select 1\\n'})]
    """
    cases: list[Case] = []
    current: Case | None = None
    section: str | None = None
    in_headers = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), start=1):
        if line.startswith("=== "):
            current = Case(path.name, line[4:].strip(), number)
            cases.append(current)
            section, in_headers = None, True
            continue
        if current is None:
            continue  # text before the first case
        if line.startswith("--- "):
            section = line[4:].strip()
            in_headers = False
            if section.startswith("macros "):
                current.macro_files.append((section.split(None, 1)[1], ""))
            else:
                current.sections[section] = ""
            continue
        header = _HEADER.match(line.rstrip("\n")) if in_headers else None
        if header:
            current.headers[header.group(1)] = header.group(2).strip()
            continue
        in_headers = False
        if section is None:
            current.template += line
        elif section.startswith("macros "):
            package, text = current.macro_files[-1]
            current.macro_files[-1] = (package, text + line)
        else:
            current.sections[section] += line
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES_DIR.glob("*.txt")) for case in parse_cases(path)]


CASES = all_cases()


def normalise(sql: str) -> str:
    """Whitespace runs collapse to one space.

    >>> normalise("select\\n   a,\\n  b  from t\\n")
    'select a, b from t'
    """
    return " ".join(sql.split())


def parse_columns(value: str) -> list[Column] | None:
    if value == "unknown":
        return None
    parts = re.split(r",(?![^()]*\))", value)  # commas inside a type's parentheses stay
    return [Column(*part.strip().split(None, 1)) for part in parts if part.strip()]


def columns_of(headers: dict[str, str]) -> ColumnsOf | None:
    """`columns` answers for every ref, `columns_<model>` for that model's refs only."""
    per_model = {key[len("columns_"):]: parse_columns(value) for key, value in headers.items() if key.startswith("columns_")}
    if "columns" not in headers and not per_model:
        return None
    default = parse_columns(headers["columns"]) if "columns" in headers else None

    def answer(key: tuple[object, ...]) -> list[Column] | None:
        found = per_model.get(str(key[1]), default)
        return list(found) if found is not None else None

    return answer


# one renderer for every case without macro files of its own, as one run renders every model
SHARED_RENDERER = Renderer()


def render_case(case: Case, monkeypatch: pytest.MonkeyPatch | None = None) -> RenderResult:
    headers = case.headers
    if "env" in headers and monkeypatch is not None:
        for assignment in headers["env"].split(","):
            name, _, value = assignment.strip().partition("=")
            monkeypatch.setenv(name, value)
    renderer = Renderer() if case.macro_files else SHARED_RENDERER
    project = headers.get("project", "analytics")
    for index, (package, text) in enumerate(case.macro_files):
        renderer.add_macro_file(package.replace("<project>", project), f"macros/case_{index}.sql", text)
    assert not renderer.catalog.problems, renderer.catalog.problems
    installed = frozenset(p.strip() for p in headers.get("installed", "").split(",") if p.strip())
    inputs = RenderInputs(
        project=project,
        model_name=headers.get("model", "my_model"),
        adapter_type=case.adapter,
        project_vars=json.loads(headers.get("project_vars", "{}")),
        cli_vars=json.loads(headers.get("cli_vars", "{}")),
        allowed_env_vars=frozenset(v.strip() for v in headers.get("allowed_env_vars", "").split(",") if v.strip()),
        execute=headers.get("execute", "false") == "true",
    )
    return renderer.render(case.name, case.template, inputs, ProjectMacros(project, installed), columns_of(headers))


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_render_case(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    result = render_case(case, monkeypatch)
    sections = case.sections
    assert sections, f"{case.id}: a case needs at least one expectation"
    if "sql" in sections:
        assert result.failure is None, f"{case.id}: {result.failure}"
        assert result.sql is not None
        assert normalise(result.sql) == normalise(sections["sql"])
    if "failure" in sections:
        assert result.failure is not None, f"{case.id}: rendered {result.sql!r}"
        expected = sections["failure"].strip()
        line, _, message = expected.partition(": ")
        assert f"line {result.failure.line}" == line
        assert normalise(result.failure.message).startswith(normalise(message)), result.failure.message
    if "open" in sections:
        assert list(result.open_reasons) == lines_of(sections["open"])
    if "stand_ins" in sections:
        missing = set(lines_of(sections["stand_ins"])) - set(result.stand_ins)
        assert not missing, f"not recorded: {missing} (recorded: {result.stand_ins})"
    if "refs" in sections:
        got = [" ".join(str(v) if v is not None else "-" for v in (r.name, r.package, r.version, r.line)) for r in result.refs]
        assert got == lines_of(sections["refs"])
    if "sources" in sections:
        assert [f"{s.source} {s.table} {s.line}" for s in result.sources] == lines_of(sections["sources"])
    if "config" in sections:
        expected_config = {}
        for line in lines_of(sections["config"]):
            key, _, rest = line.partition(" = ")
            value, _, config_line = rest.rpartition(" ")
            expected_config[key] = (ast.literal_eval(value), int(config_line))
        assert {k: (v, result.config_lines.get(k)) for k, v in result.config.items()} == expected_config


def test_enough_cases() -> None:
    assert len(CASES) >= 80
    names = [c.id for c in CASES]
    assert len(names) == len(set(names))


SQL_CASES = [c for c in CASES if "sql" in c.sections and c.headers.get("parse", "yes") != "no" and c.adapter in ADAPTER_DIALECTS]


@pytest.mark.parametrize("case", SQL_CASES, ids=[c.id for c in SQL_CASES])
def test_rendered_sql_parses_in_the_adapters_dialect(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    result = render_case(case, monkeypatch)
    assert result.sql is not None
    sqlglot.parse_one(result.sql, read=ADAPTER_DIALECTS[case.adapter])


def test_every_dialect_is_covered_for_every_cross_database_macro() -> None:
    """Each cross-database macro has a parsing case for every adapter meshlint speaks for."""
    macros = (
        "datediff", "dateadd", "date_trunc", "last_day", "type_string", "safe_cast", "cast_bool_to_text", "concat",
        "hash", "split_part", "listagg", "any_value", "bool_or", "position", "length", "replace", "right",
        "escape_single_quotes", "string_literal", "current_timestamp", "array_construct", "array_append",
        "array_concat", "generate_series", "date",
    )
    covered = {(c.adapter, m) for c in SQL_CASES for m in macros if re.search(rf"\b{m}\(", c.template)}
    missing = sorted((a, m) for a in ADAPTERS for m in macros if (a, m) not in covered)
    assert not missing, f"no parsing case for: {missing}"


# ------------------------------------------------------------------------------------- built-in macros


def test_builtin_macro_names_are_unique_per_package() -> None:
    """A second definition would be silently ignored by the catalogue."""
    seen: dict[tuple[str, str], str] = {}
    duplicates = []
    for package, path, source in builtin_macro_sources():
        for name in re.findall(r"{%-?\s*macro\s+(\w+)", source):
            if (package, name) in seen:
                duplicates.append((package, name, seen[(package, name)], path))
            seen[(package, name)] = path
    assert not duplicates


def test_builtin_macro_files_compile() -> None:
    """meshlint's own macro files compile, and the macros each defines are the ones the catalogue registers
    for it without compiling it (it compiles a file when a render first calls one of its macros)."""
    from jinja2 import nodes

    from meshlint.render.environment import builtin_macro_names, make_environment, preprocess

    env = make_environment()
    for _, path, source in builtin_macro_sources():
        text = preprocess(source)
        tree = env.parse(text, name=path)  # a syntax error fails here
        assert builtin_macro_names(text) == tuple(m.name for m in tree.find_all(nodes.Macro)), path
    assert Renderer().catalog.problems == []


def render(template: str, adapter: str = "snowflake", execute: bool = False, **inputs: object) -> RenderResult:
    return Renderer().render("model", template, RenderInputs("analytics", "my_model", adapter, execute=execute, **inputs), ProjectMacros("analytics"))  # type: ignore[arg-type]


# ------------------------------------------------------------------------- environment and macro files


def test_env_var_not_allowed_is_never_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESHLINT_SECRET", "s3cret")
    result = render("select '{{ env_var('MESHLINT_SECRET', 'fallback') }}' as x")
    assert result.sql == "select 'fallback' as x"
    result = render("select '{{ env_var('MESHLINT_SECRET') }}' as x")
    assert "s3cret" not in (result.sql or "")
    assert result.open_reasons == ("env_var `MESHLINT_SECRET` has no default (set it in `allowed-env-vars` to read it)",)


def test_env_var_allowed_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESHLINT_SCHEMA", "raw")
    result = render("select * from {{ env_var('MESHLINT_SCHEMA') }}.t", allowed_env_vars=frozenset({"MESHLINT_SCHEMA"}))
    assert result.sql == "select * from raw.t"
    assert result.open_reasons == ()


def test_dbt_blocks_in_macro_files_are_never_fatal() -> None:
    renderer = Renderer()
    renderer.add_macro_file(
        "analytics",
        "macros/blocks.sql",
        """
{% test is_positive(model, column_name) %}select * from {{ model }} where {{ column_name }} < 0{% endtest %}
{% docs orders %}The orders, one a row.{% enddocs %}
{% materialization lazy_table, adapter='snowflake' %}{{ return({'relations': []}) }}{% endmaterialization %}
{% snapshot orders_snapshot %}select 1{% endsnapshot %}
{% macro cents(column) %}({{ column }} / 100){% endmacro %}
""",
    )
    assert renderer.catalog.problems == []
    result = renderer.render(
        "model", "select {{ cents('amount') }} as dollars", RenderInputs("analytics", "m", "snowflake"), ProjectMacros("analytics")
    )
    assert result.sql == "select (amount / 100) as dollars"


def test_compiled_macro_files_come_back_from_the_code_cache_and_an_edit_recompiles() -> None:
    class Store(dict):  # the two methods a code cache has, over a dict
        hits = 0

        def get(self, key: str) -> object | None:  # type: ignore[override]
            self.hits += key in self
            return super().get(key)

        def put(self, key: str, value: object) -> None:
            self[key] = value

    def dollars(store: Store, body: str) -> str | None:
        renderer = Renderer(code_cache=store)
        renderer.add_macro_file("analytics", "macros/cents.sql", "{% macro cents(c) %}" + body + "{% endmacro %}")
        inputs = RenderInputs("analytics", "m", "snowflake")
        return renderer.render("model", "select {{ cents('amount') }} as d", inputs, ProjectMacros("analytics")).sql

    store = Store()
    assert dollars(store, "({{ c }} / 100)") == "select (amount / 100) as d" and store.hits == 0
    assert dollars(store, "({{ c }} / 100)") == "select (amount / 100) as d" and store.hits == 1
    assert dollars(store, "({{ c }} / 1000)") == "select (amount / 1000) as d" and store.hits == 1
    for key in store:  # damaged bytecode is compiled again, not trusted
        store[key] = (b"not marshal data", ("cents",))
    assert dollars(store, "({{ c }} / 100)") == "select (amount / 100) as d"


def test_macro_file_syntax_error_is_a_problem_not_a_crash() -> None:
    renderer = Renderer()
    renderer.add_macro_file("analytics", "macros/broken.sql", "{% macro x() %}{% if %}{% endmacro %}")
    assert [(p.path, p.line) for p in renderer.catalog.problems] == [("macros/broken.sql", 1)]


def test_installed_package_replaces_the_stand_in() -> None:
    renderer = Renderer()
    renderer.add_macro_file("dbt_utils", "dbt_packages/dbt_utils/macros/safe.sql", "{% macro safe_divide(a, b) %}real({{ a }}, {{ b }}){% endmacro %}")
    inputs = RenderInputs("analytics", "m", "snowflake")
    installed = renderer.render("m1", "select {{ dbt_utils.safe_divide('a', 'b') }} as r", inputs, ProjectMacros("analytics", frozenset({"dbt_utils"})))
    assert installed.sql == "select real(a, b) as r"
    assert installed.stand_ins == ()
    # the stand-ins the package does not define stay available
    other = renderer.render("m2", "select {{ dbt_utils.safe_add(['a', 'b']) }} as r", inputs, ProjectMacros("analytics", frozenset({"dbt_utils"})))
    assert normalise(other.sql or "") == "select coalesce(a, 0) + coalesce(b, 0) as r"


def test_renders_do_not_share_state() -> None:
    renderer = Renderer()
    inputs = RenderInputs("analytics", "m", "snowflake")
    first = renderer.render("m", "{{ config(materialized='table') }}select {{ var('x', 1) }}", inputs, ProjectMacros("analytics"))
    second = renderer.render("m", "{{ config(materialized='table') }}select {{ var('x', 1) }}", RenderInputs("analytics", "m", "snowflake", cli_vars={"x": 2}), ProjectMacros("analytics"))
    assert (first.sql, second.sql) == ("select 1", "select 2")


# --------------------------------------------------------------------------------------------- sandbox

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].getcwd() }}",
    "{{ self._TemplateReference__context }}",
    "{{ config.__class__.__init__.__globals__['os'] }}",
    "{{ adapter._state }}",
    "{{ modules.datetime.sys.modules['os'].getcwd() }}",
    "{{ modules.re.enum.sys.modules['os'].getcwd() }}",
    "{{ modules.os.system('id') }}",
    "{{ open('/etc/passwd').read() }}",
    "{{ __import__('os').getcwd() }}",
    "{{ run_started_at.__class__.__subclasses__() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% set x = [].append.__self__ %}{{ x }}",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_sandbox_escapes_fail_the_render(template: str) -> None:
    result = render(template)
    assert result.failure is not None, result.sql
    assert result.sql is None
    assert result.failure.line == 1


def test_sandbox_does_not_run_commands(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    template = "{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}"
    assert render(template).failure is not None
    assert not marker.exists()


def test_sandbox_bounds_range() -> None:
    result = render("{% for i in range(10000000) %}{% endfor %}")
    assert result.failure is not None


# ------------------------------------------------------------------------------------ against real dbt


def _dbt_python() -> str | None:
    """A Python with dbt-core and dbt-duckdb: this one, or MESHLINT_DBT_PYTHON."""
    if util.find_spec("dbt") is not None and util.find_spec("dbt.adapters.duckdb") is not None:
        return sys.executable
    return os.environ.get("MESHLINT_DBT_PYTHON")


DIFFERENTIAL_MODEL = """
select
{{ dbt.datediff("a", "b", "day") }} as x1, {{ dbt.datediff("a", "b", "week") }} as x2,
{{ dbt.dateadd("month", 3, "a") }} as x3, {{ dbt.dateadd("quarter", 1, "a") }} as x4,
{{ dbt.date_trunc("month", "a") }} as x5, {{ dbt.last_day("a", "quarter") }} as x6,
'{{ dbt.type_string() }}|{{ dbt.type_timestamp() }}|{{ dbt.type_float() }}|{{ dbt.type_numeric() }}|{{ dbt.type_bigint() }}|{{ dbt.type_int() }}|{{ dbt.type_boolean() }}' as types,
{{ dbt.safe_cast("a", "int") }} as x8, {{ dbt.cast_bool_to_text("a") }} as x9,
{{ dbt.concat(["a", "'-'", "b"]) }} as x10, {{ dbt.hash("a") }} as x11,
{{ dbt.split_part("a", "','", 2) }} as x12, {{ dbt.split_part("a", "','", -1) }} as x13,
{{ dbt.listagg("a", "','", "order by a", 2) }} as x14, {{ dbt.listagg("a") }} as x15,
{{ dbt.any_value("a") }} as x16, {{ dbt.bool_or("a") }} as x17, {{ dbt.position("'x'", "a") }} as x18,
{{ dbt.length("a") }} as x19, {{ dbt.replace("a", "'x'", "'y'") }} as x20, {{ dbt.right("a", 2) }} as x21,
'{{ dbt.escape_single_quotes("it's") }}' as x22, {{ dbt.string_literal("abc") }} as x23,
{{ dbt.current_timestamp() }} as x24, {{ dbt.current_timestamp_backcompat() }} as x25,
{{ dbt.array_construct(["1", "2"]) }} as x26, {{ dbt.array_construct() }} as x27,
{{ dbt.array_append("a", 1) }} as x28, {{ dbt.array_concat("a", "b") }} as x29,
{{ dbt.date(2024, 2, 29) }} as x30, {{ dbt.cast("a", "int") }} as x31, {{ dbt.equals("a", "b") }} as x32,
{{ dbt.default__datediff("a", "b", "day") }} as d1, {{ dbt.default__dateadd("month", 3, "a") }} as d2,
{{ dbt.default__last_day("a", "month") }} as d3, {{ dbt.default__split_part("a", "','", 2) }} as d4,
{{ dbt._split_part_negative("a", "','", -2) }} as d5, {{ dbt.default__listagg("a", "','", "order by a", 2) }} as d6,
{{ dbt.default__listagg("a", "','", "order by a", none) }} as d7, {{ dbt.default__any_value("a") }} as d8,
{{ dbt.default__array_construct(["1", "2"], "integer") }} as d9, {{ dbt.default__array_construct([], "integer") }} as d10,
{{ dbt.default__date(2024, 2, 29) }} as d11, {{ dbt.default__right("a", 2) }} as d12
from t
{{ dbt.except() }}
select 1
---
{{ dbt.generate_series(10) }}
---
{{ dbt.default__generate_series(10) }}
---
{{ dbt.date_spine("day", "cast('2020-01-01' as date)", "cast('2020-01-05' as date)") }}
---
{{ dbt.default__date_spine("month", "cast('2020-01-01' as date)", "cast('2020-05-05' as date)") }}
"""


def _tokens(sql: str) -> list[tuple[str, str]]:
    tokenizer = Dialect.get_or_raise("duckdb").tokenizer_class()
    return [(t.token_type.name, t.text.lower()) for t in tokenizer.tokenize(sql)]


@pytest.mark.dbt
def test_cross_database_macros_match_real_dbt_on_duckdb(tmp_path: Path) -> None:
    """dbt-core and dbt-duckdb compile the same model; the SQL must be the same token for token (SQL
    comments and whitespace aside). Covers dbt's defaults too, called by their `default__` names."""
    python = _dbt_python()
    if python is None:
        pytest.skip("dbt-duckdb is not installed here (or set MESHLINT_DBT_PYTHON)")
    (tmp_path / "models").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: cmp\nversion: '1.0'\nconfig-version: 2\nprofile: cmp\n")
    (tmp_path / "profiles.yml").write_text(
        f"cmp:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {tmp_path / 'cmp.duckdb'}\n"
    )
    (tmp_path / "models" / "m.sql").write_text(DIFFERENTIAL_MODEL)
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    run = subprocess.run(
        [python, "-c", "from dbt.cli.main import cli; cli()", "compile", "--profiles-dir", str(tmp_path), "--project-dir", str(tmp_path), "-q"],
        capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    real = (tmp_path / "target" / "compiled" / "cmp" / "models" / "m.sql").read_text()
    ours = Renderer().render("m", DIFFERENTIAL_MODEL, RenderInputs("cmp", "m", "duckdb", execute=True), ProjectMacros("cmp"))
    assert ours.failure is None and ours.sql is not None
    for index, (mine, theirs) in enumerate(zip(ours.sql.split("---"), real.split("---"), strict=True)):
        assert _tokens(mine) == _tokens(theirs), f"part {index} differs:\n{mine}\n----- dbt -----\n{theirs}"
    shutil.rmtree(tmp_path / "target", ignore_errors=True)
