"""`meshlint fix` and `meshlint version new` end to end on a small mesh written in the test: --diff writes
nothing and exits 1, fix writes only the edited nodes, check then reports none of the fixed findings,
--select and --unsafe-fixes choose what is fixed, and a new version keeps the old consumers working."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

TODAY = "2026-11-23"

SOURCES = """\
sources:
  - name: shop
    tables:
      - name: orders
        columns:
          - {name: id, data_type: integer}
          - {name: user_id, data_type: integer}
          - {name: order_date, data_type: date}
          - {name: status, data_type: varchar}
          - {name: amount, data_type: "decimal(10,2)"}
"""

# Comments everywhere, a quoted key, a flow list, an anchor, CRLF line ends.
PROPERTIES = (
    "# core models\n"
    "version: 2\n"
    "\n"
    "models:\n"
    "  - name: fct_orders   # the fact table\n"
    "    config: &contracted\n"
    "      materialized: table\n"
    "      contract: {enforced: true}\n"
    "    columns:\n"
    "      # the key\n"
    "      - name: order_id\n"
    "        data_type: integer  # int4\n"
    "      - \"name\": order_date\n"
    "\n"
    "  - name: dim_orders\n"
    "    config: *contracted\n"
    "\n"
    "  - name: fct_status\n"
    "    latest_version: 1\n"
    "    columns:\n"
    "      - name: order_id\n"
    "      - name: is_return\n"
    "      - name: status\n"
    "    versions:\n"
    "      - v: 1\n"
    "        columns:\n"
    "          - include: all\n"
    "            exclude: [statsu]   # typo\n"
).replace("\n", "\r\n")


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


@pytest.fixture
def mesh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _write(tmp_path, {
        "meshlint.toml": 'dialect = "duckdb"\n',
        "analytics/dbt_project.yml": "name: analytics\nversion: '1.0.0'\nconfig-version: 2\nprofile: analytics\n",
        "analytics/models/sources.yml": SOURCES,
        "analytics/models/core.yml": PROPERTIES,
        "analytics/models/fct_orders.sql": "select id as order_id, order_date, status as order_status\nfrom {{ source('shop', 'orders') }}\n",
        "analytics/models/dim_orders.sql": "select id as order_id, amount from {{ source('shop', 'orders') }}\n",
        "analytics/models/fct_status_v1.sql": "select id as order_id, status = 'returned' as is_return from {{ source('shop', 'orders') }}\n",
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(run_cli) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    result = run_cli("check", ".", "--today", TODAY, "--format", "json", "--exit-zero")
    return sorted((d["code"], d["column_name"]) for d in result.json["diagnostics"])


def _changes(before: str, after: str) -> list[tuple[str, str, str]]:
    return [
        (tag, before[i1:i2], after[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def test_diff_then_fix_then_check_is_clean(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert _codes(run_cli) == [("ML102", "order_status"), ("ML104", "order_date"), ("ML110", None), ("ML201", "statsu")]
    yml = mesh / "analytics/models/core.yml"
    original = yml.read_bytes()

    diff = run_cli("fix", ".", "--diff", "--today", TODAY)
    assert diff.exit_code == 1
    assert yml.read_bytes() == original
    assert "+++ b/analytics/models/core.yml" in diff.stdout and "+      - name: order_status\r\n" in diff.stdout

    fixed = run_cli("fix", ".", "--today", TODAY)
    assert fixed.exit_code == 0, fixed.stderr
    assert "fixed 4 finding(s) in 1 file(s); 0 not fixable" in fixed.stderr
    after = yml.read_bytes().decode()
    assert _codes(run_cli) == []
    assert b"\n" not in after.encode().replace(b"\r\n", b"")  # CRLF kept, new lines included
    changes = _changes(original.decode(), after)
    # only insertions at the edited nodes, and the one corrected name in place
    assert "exclude: [status]   # typo" in after
    assert "      - \"name\": order_date\r\n        data_type: date\r\n" in after
    assert "        data_type: integer  # int4\r\n" in after
    assert "      - name: order_status\r\n        data_type: varchar\r\n" in after
    assert "    config: *contracted\r\n    columns:\r\n      - name: order_id\r\n        data_type: int\r\n      - name: amount\r\n        data_type: decimal(10,2)\r\n" in after
    removed = "".join(before for tag, before, _ in changes if tag in ("delete", "replace"))
    assert len(removed) <= len("statsu")

    again = run_cli("fix", ".", "--diff", "--today", TODAY)
    assert again.exit_code == 0 and again.stdout == ""


def test_select_limits_what_is_fixed(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("fix", ".", "--select", "ML104", "--today", TODAY)
    assert result.exit_code == 0 and "ML104 fixed" in result.stdout and "ML102" not in result.stdout
    assert [c for c, _ in _codes(run_cli)] == ["ML102", "ML110", "ML201"]
    result = run_cli("fix", ".", "--ignore", "ML102,ML110", "--today", TODAY)
    assert "ML201 fixed" in result.stdout and "ML102" not in result.stdout


def test_unsafe_fixes_need_the_flag(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    yml = mesh / "analytics/models/core.yml"
    yml.write_bytes(yml.read_bytes().replace(b"data_type: integer  # int4", b"data_type: varchar  # int4"))
    assert ("ML103", "order_id") in _codes(run_cli)
    safe = run_cli("fix", ".", "--today", TODAY)
    assert "ML103" not in safe.stdout and "1 more with --unsafe-fixes" in safe.stderr
    assert ("ML103", "order_id") in _codes(run_cli)
    unsafe = run_cli("fix", ".", "--unsafe-fixes", "--today", TODAY)
    assert "ML103 fixed: change the `data_type` of `order_id` from `varchar` to `int`" in unsafe.stdout
    assert b"data_type: int  # int4" in yml.read_bytes()
    assert _codes(run_cli) == []


def test_unknown_rule_selector_is_a_usage_error(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("fix", ".", "--select", "ML999").exit_code == 2


CONSUMER = {
    "finance/dbt_project.yml": "name: finance\nversion: '1.0.0'\nconfig-version: 2\nprofile: finance\n",
    "finance/dependencies.yml": "projects:\n  - name: analytics\n",
    "finance/models/revenue.sql": "select o.order_id, o.is_return\nfrom {{ ref('analytics', 'fct_status', v=1) }} as o\n",
    "finance/models/latest.sql": "select order_id from {{ ref('analytics', 'fct_status') }}\n",
}


def test_version_new_keeps_old_consumers_working(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _write(mesh, CONSUMER)
    run_cli("fix", ".", "--select", "ML201", "--today", TODAY)
    before = _codes(run_cli)
    result = run_cli("version", "new", "fct_status", ".", "--make-latest", "--deprecate-previous", "2027-06-30", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    models = mesh / "analytics/models"
    assert (models / "fct_status_v2.sql").read_text() == (models / "fct_status_v1.sql").read_text()
    text = (models / "core.yml").read_bytes().decode()
    assert "    latest_version: 2\r\n" in text
    assert "exclude: [status]   # typo\r\n        deprecation_date: 2027-06-30\r\n      - v: 2\r\n" in text
    after = _codes(run_cli)
    # the pinned consumer is told about the upcoming deprecation; nothing else changes
    assert [f for f in after if f not in before] == []
    assert run_cli("version", "new", "fct_status", ".").exit_code == 0  # v3, v2 stays latest
    text = (models / "core.yml").read_bytes().decode()
    assert "    latest_version: 2\r\n" in text and "      - v: 3\r\n" in text


def test_first_version_of_an_unversioned_model(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    run_cli("fix", ".", "--today", TODAY)
    result = run_cli("version", "new", "analytics.fct_orders", ".", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    text = (mesh / "analytics/models/core.yml").read_bytes().decode()
    assert "    latest_version: 1\r\n    versions:\r\n      - v: 1\r\n        defined_in: fct_orders\r\n      - v: 2\r\n" in text
    assert (mesh / "analytics/models/fct_orders_v2.sql").is_file()
    assert _codes(run_cli) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (("version", "new", "nope", "."), "no YAML entry for model `nope`"),
        (("version", "new", "fct_status", ".", "--deprecate-previous", "2027-01-01"), "needs --make-latest"),
        (("version", "new", "fct_status", ".", "--make-latest", "--deprecate-previous", "soon"), "YYYY-MM-DD"),
    ],
)
def test_version_new_usage_errors(mesh: Path, run_cli, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_version_file_that_exists_is_not_overwritten(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (mesh / "analytics/models/fct_status_v2.sql").write_text("select 1 as keep\n")
    result = run_cli("version", "new", "fct_status", ".", "--make-latest")
    assert result.exit_code == 2 and "exists already" in result.stderr
    assert (mesh / "analytics/models/fct_status_v2.sql").read_text() == "select 1 as keep\n"


def test_version_new_diff_writes_nothing(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    yml = mesh / "analytics/models/core.yml"
    original = yml.read_bytes()
    result = run_cli("version", "new", "fct_status", ".", "--make-latest", "--diff")
    assert result.exit_code == 1
    assert "--- /dev/null\n+++ b/analytics/models/fct_status_v2.sql\n" in result.stdout
    assert "-    latest_version: 1\r\n+    latest_version: 2\r\n" in result.stdout
    assert yml.read_bytes() == original and not (mesh / "analytics/models/fct_status_v2.sql").exists()


def test_deprecated_ref_moves_only_when_the_new_version_has_what_it_reads(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _write(mesh, {**CONSUMER, "finance/models/ids.sql": "select s.order_id from {{ ref('analytics', 'fct_status', v=1) }} as s\n"})
    run_cli("fix", ".", "--select", "ML201", "--today", TODAY)
    assert run_cli("version", "new", "fct_status", ".", "--make-latest", "--deprecate-previous", "2026-01-01").exit_code == 0
    models = mesh / "analytics/models"
    (models / "fct_status_v2.sql").write_text("select id as order_id from {{ source('shop', 'orders') }}\n")
    yml = models / "core.yml"
    text = yml.read_bytes().decode()
    head, _, tail = text.rpartition("exclude: [status]")
    yml.write_bytes((head + "exclude: [status, is_return]" + tail).encode())
    assert {(c, n) for c, n in _codes(run_cli) if c == "ML401"} == {("ML401", None)}
    result = run_cli("fix", ".", "--unsafe-fixes", "--today", TODAY)
    assert "finance/models/ids.sql: ML401 fixed: move the ref to `fct_status` from v1 to v2" in result.stdout
    assert "finance/models/revenue.sql:2:1: ML401 not fixed: v2 lacks `is_return`, and `revenue` may read `is_return`" in result.stderr
    assert "finance/models/latest.sql: ML309 fixed: pin the ref to `fct_status` to v2" in result.stdout
    assert (mesh / "finance/models/ids.sql").read_text() == "select s.order_id from {{ ref('analytics', 'fct_status', v=2) }} as s\n"
    assert (mesh / "finance/models/latest.sql").read_text() == "select order_id from {{ ref('analytics', 'fct_status', v=2) }}\n"
    assert "v=1" in (mesh / "finance/models/revenue.sql").read_text()


def test_template_edit_that_would_not_parse_is_refused() -> None:
    from meshlint.fix.fixes import _edit_template
    from meshlint.fix.yaml_splice import Splice, SpliceError

    text = "select * from {{ ref('a', 'b') }}\n"
    assert _edit_template(text, [Splice(29, 29, ", v=2")]) == "select * from {{ ref('a', 'b', v=2) }}\n"
    with pytest.raises(SpliceError, match="would not parse"):
        _edit_template(text, [Splice(29, 29, ", v=(")])


def test_a_suppressed_finding_is_not_fixed(mesh: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    yml = mesh / "analytics/models/core.yml"
    yml.write_bytes(yml.read_bytes().replace(b'"name": order_date\r\n', b'"name": order_date  # noqa: ML104\r\n'))
    result = run_cli("fix", ".", "--select", "ML104", "--today", TODAY)
    assert result.exit_code == 0 and result.stdout == ""
    assert b'"name": order_date  # noqa: ML104\r\n\r\n' in yml.read_bytes()
