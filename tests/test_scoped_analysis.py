"""A run scoped to changed files (pre-commit's filenames) analyses only what its findings need, and
its findings are exactly those of a run that analyses the whole mesh and keeps the findings the
change can have caused: byte for byte in the text and JSON formats, with one and two processes, with
an empty cache and with a cache warmed before the edit."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meshlint import __version__
from meshlint.analyse.pipeline import _Analysis
from meshlint.analyse.scope import static_render
from meshlint.engine import RunResult, check
from meshlint.project.loader import load_mesh
from meshlint.report import json_format, text
from meshlint.report.model import Report
from meshlint.rules.registry import RULES
from meshlint.settings import Settings, find_settings_file, load_settings
from tests.conftest import EXAMPLE, REPO, edit

TODAY = datetime.date(2026, 11, 23)


def _run(root: Path, changed: list[str], cache: Path | None, jobs: int, analyse_all: bool) -> RunResult:
    settings = load_settings(find_settings_file(root))
    return check(
        [root], settings, TODAY, root, changed=[root / c for c in changed], cache_dir=cache, jobs=jobs,
        analyse_all=analyse_all,
    )


def _outputs(result: RunResult) -> tuple[str, str]:
    """The text and JSON reports, less what describes the run rather than the findings: the summary
    line and the stand-in note (they count the models analysed), and the JSON's model counts."""
    sources = {}
    for path in {d.location.path for d in result.diagnostics}:
        file = (result.cwd or Path(".")) / path
        if file.is_file():
            sources[path] = file.read_text(encoding="utf-8")
    report = Report(result.diagnostics, RULES, result.summary, __version__, sources, result.node_paths, result.notes)
    lines = text.render(report).splitlines()
    kept = [line for line in lines if not line.startswith(("Found ", "note: ")) or "dialect" in line]
    document = json.loads(json_format.render(report))
    for key in ("models_closed", "models_analysed"):
        document["summary"].pop(key, None)
    return "\n".join(kept), json.dumps(document, indent=2)


def _assert_same_as_full(root: Path, changed: list[str], warm_cache: Path | None, tmp: Path) -> list[RunResult]:
    full = _run(root, changed, None, 1, analyse_all=True)
    expected = _outputs(full)
    runs = []
    for jobs in (1, 2):
        for label in ("cold", "warm"):
            cache = tmp / f"cache-{jobs}-{label}"
            shutil.rmtree(cache, ignore_errors=True)
            if label == "warm":
                if warm_cache is None:
                    continue
                shutil.copytree(warm_cache, cache)
            scoped = _run(root, changed, cache, jobs, analyse_all=False)
            assert _outputs(scoped) == expected, (jobs, label)
            assert scoped.summary.models == full.summary.models
            runs.append(scoped)
    return runs


@pytest.fixture
def example(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the example mesh and a cache warmed on it before any edit."""
    root = tmp_path / "mesh"
    shutil.copytree(EXAMPLE, root)
    cache = tmp_path / "warm"
    _run(root, [], cache, 1, analyse_all=True)
    return root, cache


EXAMPLE_EDITS = {
    "sql": ("analytics/models/staging/stg_orders.sql", "    status\n", "    status as order_status\n"),
    "contract-yaml": ("analytics/models/core/core.yml", "data_type: date", "data_type: timestamp"),
    "source-yaml": ("analytics/models/staging/sources.yml", "- name: user_id", "- name: customer_id"),
    "project-yaml": ("analytics/dbt_project.yml", "model-paths", "vars:\n  x: 1\nmodel-paths"),
    "cross-project-consumer": ("finance/models/core/agg_customer_payment_journey.sql", "v=1", "v=2"),
    "versioned-model": ("analytics/models/core/fct_orders_v1.sql", "o.status", "o.status as order_status"),
}


@pytest.mark.parametrize("kind", sorted(EXAMPLE_EDITS))
def test_example_mesh_scoped_findings_equal_the_full_runs(kind: str, example: tuple[Path, Path], tmp_path: Path) -> None:
    root, warm = example
    path, old, new = EXAMPLE_EDITS[kind]
    edit(root / path, old, new)
    _assert_same_as_full(root, [path], warm, tmp_path)


GENERATED_MODELS = 240


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated four-project mesh (cross-project refs, versions, sources) and a cache warmed on it."""
    base = tmp_path_factory.mktemp("generated")
    root = base / "mesh"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--models", str(GENERATED_MODELS), "--out", str(root)],
        check=True, capture_output=True,
    )
    cache = base / "warm"
    _run(root, [], cache, 1, analyse_all=True)
    return root, cache


def _generated_edit(root: Path, kind: str) -> list[str]:
    """Apply one edit of the kind to a copy of the generated mesh; the changed paths, relative."""
    if kind == "sql":
        path = "core/models/marts/fct_orders_3.sql"
        edit(root / path, "        orders.order_status,\n", "")
    elif kind == "contract-yaml":
        path = "core/models/marts/_marts.yml"
        edit(root / path, "data_type: int8", "data_type: varchar")
    elif kind == "source-yaml":
        path = "core/models/staging/crm_01/_crm_01__sources.yml"
        edit(root / path, "- name: email\n", "- name: email_address\n")
    elif kind == "project-yaml":
        path = "core/dbt_project.yml"
        text_ = (root / path).read_text()
        (root / path).write_text(text_ + "\nvars:\n  scoped_test: 1\n")
    elif kind == "cross-project-consumer":
        path = "ops/models/intermediate/int_orders_joined_orders_b_5.sql"
        edit(root / path, "{{ ref('core', 'fct_orders_3') }}", "{{ ref('core', 'fct_orders_5') }}")
    else:  # a version of a versioned model
        versioned = sorted((root / "core" / "models" / "marts").glob("*_v2.sql"))
        path = versioned[0].relative_to(root).as_posix()
        lines = (root / path).read_text().splitlines(keepends=True)
        column = next(i for i, line in enumerate(lines) if line.strip().startswith("orders.") or line.rstrip().endswith(","))
        del lines[column]
        (root / path).write_text("".join(lines))
    return [path]


@pytest.mark.parametrize("kind", ["sql", "contract-yaml", "source-yaml", "project-yaml", "cross-project-consumer", "versioned-model"])
def test_generated_mesh_scoped_findings_equal_the_full_runs(
    kind: str, generated: tuple[Path, Path], tmp_path: Path
) -> None:
    source, warm = generated
    root = tmp_path / "mesh"
    shutil.copytree(source, root)
    changed = _generated_edit(root, kind)
    assert (root / changed[0]).read_text() != (source / changed[0]).read_text()
    runs = _assert_same_as_full(root, changed, warm, tmp_path)
    models = runs[0].summary.models
    analysed = runs[0].summary.models_analysed
    assert analysed is not None
    if kind == "project-yaml":
        assert analysed >= sum(1 for n in runs[0].analysed.nodes if n.node.project == "core")
    else:
        assert analysed < models / 2, (analysed, models)  # the change's neighbourhood, not the mesh


def test_a_scoped_run_analyses_the_change_its_parents_and_consumers_only(generated: tuple[Path, Path], tmp_path: Path) -> None:
    source, _ = generated
    root = tmp_path / "mesh"
    shutil.copytree(source, root)
    changed = _generated_edit(root, "sql")
    scoped = _run(root, changed, tmp_path / "cache", 1, analyse_all=False)
    full = _run(root, changed, None, 1, analyse_all=True)
    edited = "model.core.fct_orders_3"
    parents = {edited}
    frontier = [edited]
    while frontier:
        node = full.analysed.by_id[frontier.pop()]
        for ref in node.refs:
            if ref.target is not None and ref.target.unique_id not in parents:
                parents.add(ref.target.unique_id)
                frontier.append(ref.target.unique_id)
    consumers = {n.unique_id for n in full.analysed.nodes if any(r.target and r.target.unique_id == edited for r in n.refs)}
    assert consumers and any(not c.startswith("model.core.") for c in consumers)  # consumers in other projects
    analysed = set(scoped.analysed.by_id)
    assert parents | consumers <= analysed
    assert len(analysed) < len(full.analysed.nodes) / 2
    assert scoped.summary.models_analysed == len(analysed)
    assert full.summary.models_analysed is None
    # and the unscoped summary still counts every model of the mesh
    assert scoped.summary.models == full.summary.models == len(full.analysed.nodes)


def test_the_template_scan_records_what_rendering_records(generated: tuple[Path, Path]) -> None:
    """Wherever the scan answers, it names the same refs (package, name, version) and sources as the
    render, in the same order."""
    root, _ = generated
    mesh, _ = load_mesh([root], Settings(), None, (), root)
    analysis = _Analysis(mesh, {}, frozenset(), TODAY)
    scanned = 0
    for project in analysis.mesh.projects:
        for node in project.nodes:
            if node.sql is None or node.resource_type != "model":
                continue
            quick = static_render(node.sql.text)
            if quick is None:
                continue
            scanned += 1
            rendered = analysis.render(project, node, execute=False)
            assert rendered is not None and rendered.failure is None
            assert [(c.package, c.name, c.version, c.version_given) for c in quick.refs] == [
                (c.package, c.name, c.version, c.version_given) for c in rendered.refs
            ]
            assert [(s.source, s.table) for s in quick.sources] == [(s.source, s.table) for s in rendered.sources]
            assert analysis.final_config(node, quick).enabled == analysis.final_config(node, rendered).enabled
    assert scanned > GENERATED_MODELS / 2


@pytest.mark.parametrize(
    "template",
    [
        "{% if execute %}select 1{% endif %}",
        "{# {{ ref('a') }} #} select 1",
        "select {{ var('x') }}",
        "select * from {{ ref('a') | string }}",
        "{{ config(enabled=false) }} select 1",
        "select * from {{ ref(\"a\\\\b\") }}",
        "select * from {{ ref('a', v=true) }}",
        "select '{{' from x",
    ],
)
def test_the_scan_leaves_any_other_template_to_rendering(template: str) -> None:
    assert static_render(template) is None


def _case_files(case_dir: Path) -> list[Path]:
    return sorted(
        p for p in case_dir.rglob("*")
        if p.is_file() and p.suffix in (".sql", ".yml", ".yaml", ".csv", ".py") and "base" not in p.relative_to(case_dir).parts
    )


RULE_CASES = [c for c in sorted((REPO / "rules").glob("ML*/cases/*")) if c.is_dir() and not (c / "base").is_dir()]


@pytest.mark.parametrize("case_dir", RULE_CASES, ids=[f"{c.parent.parent.name[:5]}/{c.name}" for c in RULE_CASES])
def test_rule_cases_scoped_to_each_file_equal_the_full_runs(case_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every rule case, scoped to each of its files in turn (every rule's findings, with the case's settings)."""
    from tests.test_rule_cases import case_settings, case_today

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)
    settings = case_settings(case_dir, case_dir.parent.parent.name[:5])
    today = case_today(case_dir)
    for changed in _case_files(case_dir):
        full = check([case_dir], settings, today, case_dir, changed=[changed], analyse_all=True)
        scoped = check([case_dir], settings, today, case_dir, changed=[changed])
        assert _outputs(scoped) == _outputs(full), changed.relative_to(case_dir)
