"""A fixed-seed sample of the fuzzer (benchmarks/fuzz.py, which runs 10,000): hostile versions of the
example mesh's YAML, SQL, Jinja, CSV and dbt_project.yml never crash meshlint, never make it hang."""

from __future__ import annotations

import importlib.util
import sys
import time

from tests.conftest import REPO


def _fuzz_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("meshlint_fuzz", REPO / "benchmarks" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_fuzzed_meshes_give_findings_never_tracebacks() -> None:
    started = time.monotonic()
    findings = _fuzz_module().run_fuzz(count=200, seed_value=18)
    assert findings.inputs == 200
    assert findings.tracebacks == [] and findings.hangs == [], findings.report()
    assert findings.peak_mb < 500, findings.report()
    assert time.monotonic() - started < 300  # ~20 s on an idle 2-core machine
