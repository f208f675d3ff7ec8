"""The template sandbox, as guarantees: no attribute escape, no file or network access, `env_var`
only from the allowed list (never a `DBT_ENV_SECRET_*`), no secret value in any output format; and two
runs sharing one cache folder at the same time give the same result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meshlint.cli import FORMATS
from meshlint.render.context import RenderInputs
from meshlint.render.render import ProjectMacros, Renderer
from meshlint.settings import SettingsError, parse_settings
from tests.conftest import REPO, TODAY, edit


def _render(source: str, allowed: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    inputs = RenderInputs(project="p", model_name="m", adapter_type="duckdb", allowed_env_vars=allowed)
    result = Renderer().render("model.p.m", source, inputs, ProjectMacros("p"))
    return result.sql, result.failure.message if result.failure else None


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ config.__class__.__init__.__globals__ }}",
        "{{ ref.__globals__ }}",
        "{{ (1).__class__.__base__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ modules.datetime.sys }}",
        "{{ modules.re.__builtins__ }}",
        "{{ adapter.__dict__ }}",
        "{{ open('/etc/passwd').read() }}",
        "{{ __import__('os').system('true') }}",
        "{{ eval('1') }}",
        "{{ getattr(ref, '__globals__') }}",
    ],
)
def test_no_attribute_escape_or_file_access(source: str) -> None:
    sql, failure = _render(source)
    # refused (a failed render) or at most an unknown value: never a Python object from outside
    shown = f"{sql} {failure}"
    assert not any(leak in shown for leak in ("<class", "<module", "<function", "<built-in", "root:", "subprocess")), shown
    assert failure is not None or sql == "meshlint__unknown"


def test_no_network_or_os_module_is_reachable() -> None:
    for name in ("urllib", "socket", "http", "os", "subprocess", "requests", "importlib"):
        sql, failure = _render(f"{{{{ modules.{name}.x }}}}")
        assert failure is not None or sql is not None and "module" not in sql, name
    sql, _ = _render("{{ modules | list }}")
    assert sql is not None and set(eval(sql)) <= {"datetime", "pytz", "re", "itertools"}  # noqa: S307 (our own output)


def test_huge_range_is_refused() -> None:
    assert _render("{{ range(100001) | list | length }}")[1] is not None
    assert _render("{{ range(100000) | list | length }}")[0] == "100000"


def test_env_var_only_from_the_allowed_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESHLINT_TEST_ALLOWED", "shown")
    monkeypatch.setenv("MESHLINT_TEST_HIDDEN", "hunter2")
    allowed = frozenset({"MESHLINT_TEST_ALLOWED"})
    assert _render("{{ env_var('MESHLINT_TEST_ALLOWED') }}", allowed)[0] == "shown"
    assert _render("{{ env_var('MESHLINT_TEST_HIDDEN', 'dflt') }}", allowed)[0] == "dflt"
    sql, _ = _render("{{ env_var('MESHLINT_TEST_HIDDEN') }}", allowed)
    assert sql is not None and "hunter2" not in sql


def test_secret_env_vars_cannot_be_allowed() -> None:
    with pytest.raises(SettingsError, match="DBT_ENV_SECRET_TOKEN"):
        parse_settings({"allowed-env-vars": ["DBT_ENV_SECRET_TOKEN"]}, "meshlint.toml")


def test_no_secret_value_in_any_output_format(mesh_copy: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template tries every way to put an environment secret into a finding: as a column, in a raised
    error, in a ref; no format shows it."""
    secret = "s3cr3t-value-4711"
    monkeypatch.setenv("DBT_ENV_SECRET_TOKEN", secret)
    monkeypatch.setenv("MESHLINT_HIDDEN", secret)
    sql = mesh_copy / "finance/models/staging/stg_payments.sql"
    edit(sql, "select", "select '{{ env_var('DBT_ENV_SECRET_TOKEN') }}' as {{ env_var('MESHLINT_HIDDEN') }}, {{ ref(env_var('MESHLINT_HIDDEN')) }}.x,\n")
    (mesh_copy / "finance/models/staging/boom.sql").write_text("{{ exceptions.raise_compiler_error(env_var('MESHLINT_HIDDEN')) }}\n")
    for output_format in sorted(FORMATS):
        result = run_cli("check", ".", "--today", TODAY, "--format", output_format, "--exit-zero")
        assert secret not in result.stdout + result.stderr, output_format
        assert result.exit_code == 0, (output_format, result.stderr)


def test_two_processes_sharing_one_cache_give_identical_results(mesh_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "shared-cache"
    env = {**os.environ, "PYTHONPATH": str(REPO), "MESHLINT_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "meshlint.cli", "check", ".", "--today", TODAY, "--format", "json", "--jobs", "1"]
    outputs = []
    for _ in range(2):  # a cold pair, then a warm pair
        runs = [subprocess.Popen(command, cwd=mesh_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        done = [run.communicate(timeout=120) for run in runs]
        assert all(run.returncode == 1 for run in runs), [err for _, err in done]
        outputs += [out for out, _ in done]
    assert outputs[0] == outputs[1] == outputs[2] == outputs[3]
    assert '"ML401"' in outputs[0]
