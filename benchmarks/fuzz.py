"""Fuzz `meshlint check` with hostile versions of the example mesh's files.

Hypothesis draws structure-aware mutations of one file of examples/jaffle-mesh per input: property
YAML and dbt_project.yml (values of the wrong type, missing and unknown keys, odd unicode, huge values,
deep nesting, alias bombs), model SQL and macro Jinja (dbt calls with odd arguments, loops, unclosed
tags, huge literals), seed CSV (ragged, quoted, huge fields), and any of them as invalid UTF-8. Each
input is checked in-process; the script prints every traceback (an exception out of `check`, or an
ML000 finding), every input slower than the hang limit, and the process's peak memory.

    python benchmarks/fuzz.py --count 10000 --seed 0

Exit status 1 when anything was found. CI runs a fixed-seed sample (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import datetime
import faulthandler
import gc
import resource
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from meshlint.engine import check  # noqa: E402
from meshlint.settings import find_settings_file, load_settings  # noqa: E402

EXAMPLE = REPO / "examples" / "jaffle-mesh"
HANG_SECONDS = 10.0
NEW_FILES = ("analytics/seeds/fuzz_seed.csv", "analytics/macros/fuzz_macros.sql", "analytics/models/fuzz_model.sql")

# -- values --------------------------------------------------------------------------------------------

ODD_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\u202e", "\u200b", "\ufeff", "\x00", "\t", "'", '"', "{{", "}}", "{%", "%}", "*", "&", "\\"]),
    max_size=30,
).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    ODD_TEXT,
    st.sampled_from(["public", "private", "protected", "table", "view", "ephemeral", "incremental", "latest", "all", "*", "2", "v2", "2024-13-45", "2024-06-30", "yes", "no", "~", ".inf"]),
    st.integers(min_value=10_000, max_value=300_000).map(lambda n: "x" * n),  # huge value
)


def _deep(depth: int, leaf: object) -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4), max_leaves=12)
VALUES = VALUES | st.builds(_deep, st.integers(min_value=50, max_value=400), SCALARS)

DBT_KEYS = [
    "name", "version", "versions", "v", "latest_version", "columns", "data_type", "constraints", "type", "config",
    "contract", "enforced", "access", "group", "materialized", "deprecation_date", "include", "exclude", "defined_in",
    "tests", "data_tests", "sources", "tables", "models", "groups", "projects", "packages", "model-paths", "macro-paths",
    "seed-paths", "snapshot-paths", "packages-install-path", "vars", "dispatch", "on_schema_change", "+materialized",
    "+access", "+contract", "+group", "column_types", "quote", "to", "expression", "local", "restrict-access", "profile",
]

# -- YAML ----------------------------------------------------------------------------------------------


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _container(root: object, path: tuple[object, ...]) -> object:
    for step in path:
        root = root[step]  # type: ignore[index]
    return root


@st.composite
def yaml_mutation(draw: st.DrawFn, text: str) -> bytes:
    data = yaml.safe_load(text)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        operation = draw(st.sampled_from(["replace", "delete", "add", "wrap", "set-known"]))
        if not path:
            data = draw(VALUES) if operation == "replace" else data
            continue
        parent = _container(data, path[:-1])
        last = path[-1]
        if operation == "replace":
            parent[last] = draw(VALUES)  # type: ignore[index]
        elif operation == "delete":
            del parent[last]  # type: ignore[arg-type,union-attr]
        elif operation == "wrap":
            parent[last] = _deep(draw(st.integers(min_value=1, max_value=300)), parent[last])  # type: ignore[index]
        else:
            target = parent[last] if isinstance(parent[last], dict) else parent  # type: ignore[index]
            if isinstance(target, dict):
                key = draw(st.sampled_from(DBT_KEYS)) if operation == "set-known" else draw(ODD_TEXT)
                target[key] = draw(VALUES)
    try:
        dumped = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False, width=draw(st.sampled_from([80, 10**9])))
    except (yaml.YAMLError, RecursionError, ValueError):
        dumped = text
    return draw(text_damage(dumped, yaml_text=True))


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"


@st.composite
def text_damage(draw: st.DrawFn, text: str, yaml_text: bool = False) -> bytes:
    kind = draw(st.sampled_from(["none", "none", "truncate", "insert", "invalid-utf8", "bom", "tabs", "crlf", "nul", "bomb"]))
    if kind == "truncate" and text:
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif kind == "insert":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(ODD_TEXT) + text[at:]
    elif kind == "bom":
        text = "\ufeff" + text
    elif kind == "tabs":
        text = text.replace("  ", "\t")
    elif kind == "crlf":
        text = text.replace("\n", "\r\n")
    elif kind == "nul":
        text = text.replace("\n", "\x00\n", 1)
    elif kind == "bomb" and yaml_text:
        text = BOMB + text
    data = text.encode("utf-8", "surrogatepass")
    if kind == "invalid-utf8":
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80"])) + data[at:]
    return data


# -- SQL and Jinja -------------------------------------------------------------------------------------

NAMES = st.sampled_from(["stg_orders", "stg_customers", "fct_orders", "stg_payments", "nope", "", "analytics", "finance", "dbt_utils"]) | ODD_TEXT
ARGUMENTS = st.one_of(NAMES.map(repr), st.integers(-5, 10**20).map(str), st.sampled_from(["none", "[]", "{}", "1.5", "'2'", "v", "true", "this", "ref", "x.y.z", "'a' * 3"]))
SNIPPETS = st.one_of(
    st.builds(lambda a: f"{{{{ ref({a}) }}}}", ARGUMENTS),
    st.builds(lambda a, b: f"{{{{ ref({a}, {b}) }}}}", ARGUMENTS, ARGUMENTS),
    st.builds(lambda a, b, v: f"{{{{ ref({a}, {b}, v={v}) }}}}", ARGUMENTS, ARGUMENTS, ARGUMENTS),
    st.builds(lambda a, b: f"{{{{ source({a}, {b}) }}}}", ARGUMENTS, ARGUMENTS),
    st.builds(lambda k, v: f"{{{{ config({k}={v}) }}}}", st.sampled_from(["materialized", "access", "contract", "group", "enabled", "on_schema_change", "alias", "x"]), ARGUMENTS),
    st.builds(lambda a: f"{{{{ var({a}) }}}}", ARGUMENTS),
    st.builds(lambda a: f"{{{{ env_var({a}) }}}}", ARGUMENTS),
    st.builds(lambda a: f"{{{{ {a}() }}}}", st.sampled_from(["is_incremental", "run_query", "adapter.get_columns_in_relation", "dbt_utils.star", "dbt_utils.get_column_values", "open", "exceptions.raise_compiler_error", "return", "log", "unknown_macro", "this.render"])),
    st.builds(lambda n, body: f"{{% for i in range({n}) %}}{body}{{% endfor %}}", st.integers(-1, 200_000), st.sampled_from(["", "x", "{{ i }}", "{% for j in range(100000) %}{% endfor %}"])),
    st.builds(lambda a: f"{{% set x = {a} %}}{{{{ x }}}}", ARGUMENTS),
    st.sampled_from([
        "{{", "}}", "{%", "%}", "{% if %}", "{% endfor %}", "{# ", "{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", "{{ 'x' * 100000000 }}", "{{ modules.re.sub('a', 'b', 'a') }}",
        "(" * 500 + ")" * 500, "select * from", ",,,", "union all select 1", "-- noqa: ML101", "-- noqa", "\x00",
        "{{ config(materialized='ephemeral') }}", "{{ config(contract={'enforced': true}) }}", "{% do return(1) %}",
    ]),
    ODD_TEXT,
)


@st.composite
def sql_mutation(draw: st.DrawFn, text: str) -> bytes:
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        index = draw(st.integers(min_value=0, max_value=len(lines)))
        operation = draw(st.sampled_from(["insert", "insert", "delete", "replace-word"]))
        if operation == "insert":
            lines.insert(index, draw(SNIPPETS) + draw(st.sampled_from(["\n", "", " "])))
        elif operation == "delete" and lines:
            del lines[min(index, len(lines) - 1)]
        elif lines:
            line = lines[min(index, len(lines) - 1)]
            words = line.split()
            if words:
                lines[min(index, len(lines) - 1)] = line.replace(draw(st.sampled_from(words)), draw(SNIPPETS), 1)
    return draw(text_damage("".join(lines)))


# -- CSV -----------------------------------------------------------------------------------------------

CELLS = st.one_of(ODD_TEXT, st.integers().map(str), st.floats().map(str), st.sampled_from(["", '"', '""', '"a,b"', "2024-01-01", "true", "null", "1e400"]), st.integers(1, 200_000).map(lambda n: "y" * n))


@st.composite
def csv_file(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(min_value=0, max_value=6))
    rows = draw(st.lists(st.lists(CELLS, min_size=max(width - 1, 0), max_size=width + 1), max_size=8))
    header = draw(st.lists(ODD_TEXT | st.sampled_from(["id", "id", "name", ""]), min_size=width, max_size=width))
    text = "\n".join(",".join(row) for row in [header, *rows]) + draw(st.sampled_from(["", "\n"]))
    return draw(text_damage(text))


# -- cases ---------------------------------------------------------------------------------------------


def example_files() -> list[str]:
    return sorted(str(p.relative_to(EXAMPLE)) for p in EXAMPLE.rglob("*") if p.suffix in (".yml", ".sql", ".toml"))


@st.composite
def fuzz_case(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file of the mesh, relative path; its new bytes)."""
    target = draw(st.sampled_from([*example_files(), *NEW_FILES]))
    original = (EXAMPLE / target).read_text(encoding="utf-8") if (EXAMPLE / target).is_file() else ""
    if target.endswith(".csv"):
        return target, draw(csv_file())
    if target.endswith((".yml", ".toml")) and not target.endswith(".toml"):
        return target, draw(yaml_mutation(original))
    if target.endswith(".toml"):
        return target, draw(text_damage(original + draw(st.sampled_from(["", "[limits]\nrender-max-steps = 0\n", "dialect = 5\n", "vars = {a = 1}\n"]))))
    if target.endswith("fuzz_macros.sql"):
        body = draw(st.lists(SNIPPETS, max_size=5).map("".join))
        return target, draw(text_damage(f"{{% macro fuzz_macro(a, b=1) %}}{body}{{% endmacro %}}\n" + draw(SNIPPETS)))
    return target, draw(sql_mutation(original or "select 1 as id\n"))


# -- running -------------------------------------------------------------------------------------------


@dataclass
class Findings:
    inputs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest: float = 0.0
    seconds: float = 0.0
    peak_mb: float = 0.0
    peak_input: str = ""

    def report(self) -> str:
        lines = [
            f"inputs: {self.inputs}",
            f"tracebacks: {len(self.tracebacks)}",
            f"hangs (> {HANG_SECONDS:g} s): {len(self.hangs)}",
            f"slowest input: {self.slowest:.2f} s; total {self.seconds:.0f} s",
            f"peak memory (max RSS of the process): {self.peak_mb:.0f} MB, first reached at {self.peak_input}",
        ]
        return "\n".join([*lines, *self.tracebacks, *self.hangs]) + "\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Hypothesis remembers every choice of a run (to find new ones), huge strings included: inputs are drawn
# in runs of this many, so that its memory does not grow with the count and the peak measured is meshlint's.
BATCH = 250


def run_fuzz(count: int, seed_value: int, show: bool = False) -> Findings:
    """Check `count` fuzzed meshes; what went wrong is in the result, nothing is raised."""
    findings = Findings()
    with tempfile.TemporaryDirectory(prefix="meshlint-fuzz-") as folder:
        mesh = Path(folder) / "mesh"
        shutil.copytree(EXAMPLE, mesh)
        for batch, start in enumerate(range(0, count, BATCH)):
            _run_batch(mesh, min(BATCH, count - start), seed_value * 100_003 + batch, findings, show)
    return findings


def _run_batch(mesh: Path, count: int, seed_value: int, findings: Findings, show: bool) -> None:
    today = datetime.date(2026, 11, 23)

    @seed(seed_value)
    @settings(
        max_examples=count, phases=[Phase.generate], database=None, deadline=None,
        suppress_health_check=list(HealthCheck), derandomize=False,
    )
    @given(fuzz_case())
    def one(case: tuple[str, bytes]) -> None:
        target, data = case
        path = mesh / target
        original = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        label = f"{target} ({len(data)} bytes, first 120: {data[:120]!r})"
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=False)
        started = time.monotonic()
        try:
            settings_ = load_settings(find_settings_file(mesh))
            result = check([mesh], settings_, today, mesh)
            for diagnostic in result.diagnostics:
                if diagnostic.code == "ML000":
                    findings.tracebacks.append(f"ML000 on {label}: {diagnostic.message}")
        except Exception as error:  # a settings error is the CLI's exit 2, not a crash
            if type(error).__name__ != "SettingsError":
                findings.tracebacks.append(f"traceback on {label}:\n{traceback.format_exc()}")
        finally:
            faulthandler.cancel_dump_traceback_later()
            result = None  # each input stands for one run of meshlint: its heap is garbage now
            gc.collect()
            elapsed = time.monotonic() - started
            if original is None:
                path.unlink()
            else:
                path.write_bytes(original)
        findings.inputs += 1
        findings.seconds += elapsed
        findings.slowest = max(findings.slowest, elapsed)
        if elapsed > HANG_SECONDS:
            findings.hangs.append(f"hang ({elapsed:.1f} s) on {label}")
        peak = _peak_mb()
        if peak > findings.peak_mb:
            findings.peak_mb, findings.peak_input = peak, label[:200]
        if show and findings.inputs % 500 == 0:
            print(
                f"... {findings.inputs} inputs, {len(findings.tracebacks)} tracebacks, {len(findings.hangs)} hangs, "
                f"slowest {findings.slowest:.2f} s, peak {peak:.0f} MB",
                flush=True,
            )

    one()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    findings = run_fuzz(args.count, args.seed, show=True)
    sys.stdout.write(findings.report())
    return 1 if findings.tracebacks or findings.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
