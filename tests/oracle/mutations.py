"""Single mutations of the oracle mesh (`mesh/`), with the verdict meshlint must give and what dbt does.

Each `Case` has:

* `edits`: file edits, by path relative to the mesh root (`analytics/...`, `finance/...`). A value is
  the new content (`str`), `None` to delete the file, `Replace(old, new)` (or a tuple of them; each
  `old` must occur exactly once), or `RenameTo(path)`. `edits` may instead be a function of the
  mesh root.
* `expected`: the findings meshlint must report on the mutated mesh, as a set of
  `(code, node unique_id, column_name or None)`, restricted to `ORACLE_CODES`. The node is the one
  ARCHITECTURE.md section 6 names: the version (`model.analytics.fct_orders.v2`) for contract and
  per-version findings, the model for model-wide version properties, the *referencing* model for
  findings about a ref. The unmutated mesh is not clean (finance pins the deprecated v1), so most
  cases expect `BASE` plus their own findings. Run meshlint with `--today TODAY`.
* `dbt`: what real dbt-core 1.11 on DuckDB does (`DbtExpect`), checked by `test_dbt_verdicts.py`.
* `dbt_silent`: dbt says nothing, on purpose, about what meshlint reports: meshlint speaks where
  dbt does not (a silent no-op, a check dbt-loom relaxes, ...).

Node ids and project layout: see `mesh/`. The cases mirror the ones in dbt/verdicts.json, written
afresh for this mesh, plus more.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

#: (code, node unique_id, column_name)
Finding = tuple[str, str | None, str | None]

#: The rule codes these cases pin down; compare meshlint's output filtered to them.
ORACLE_CODES = frozenset(
    {
        "ML001",  # only for the invalid `access` value, which no governance rule owns
        "ML101", "ML102", "ML103", "ML104", "ML105", "ML106",
        "ML201", "ML202", "ML203", "ML205", "ML206", "ML207", "ML208", "ML209",
        "ML301", "ML302", "ML303", "ML304", "ML306", "ML310",
        "ML401", "ML402", "ML403", "ML404",
    }
)  # fmt: skip

MESH_DIR = Path(__file__).resolve().parent / "mesh"

#: dbt reads the clock; give meshlint the same day (`--today`). Deprecation dates of the cases are
#: either fixed and far from it, or relative to it.
TODAY = date.today()
#: inside meshlint's default deprecation window (90 days), in the future for dbt
UPCOMING = (TODAY + timedelta(days=30)).isoformat()

# ---------------------------------------------------------------------------------------------
# Nodes

FCT = "model.analytics.fct_orders"
V1 = f"{FCT}.v1"
V2 = f"{FCT}.v2"
STG_CUSTOMERS = "model.analytics.stg_customers"
STG_ORDERS = "model.analytics.stg_orders"
DIM_CUSTOMERS = "model.analytics.dim_customers"
ORDERS_REPORT = "model.analytics.orders_report"
LEGACY_ORDERS = "model.analytics.legacy_orders"
AGG = "model.finance.agg_customer_payment_journey"
STG_PAYMENTS = "model.finance.stg_payments"
ORDERS_PEEK = "model.finance.orders_peek"
ORDERS_CALENDAR = "model.analytics.orders_calendar"

# Files

CORE_YML = "analytics/models/core/core.yml"
V1_SQL = "analytics/models/core/fct_orders_v1.sql"
V2_SQL = "analytics/models/core/fct_orders_v2.sql"
STAGING_YML = "analytics/models/staging/staging.yml"
GROUPS_YML = "analytics/models/groups.yml"
ANALYTICS_PROJECT = "analytics/dbt_project.yml"
ORDERS_REPORT_SQL = "analytics/models/core/orders_report.sql"
AGG_SQL = "finance/models/core/agg_customer_payment_journey.sql"
STG_PAYMENTS_SQL = "finance/models/staging/stg_payments.sql"
FINANCE_YML = "finance/models/finance.yml"
ORDERS_PEEK_SQL = "finance/models/core/orders_peek.sql"
ORDERS_CALENDAR_SQL = "analytics/models/core/orders_calendar.sql"
PACKAGE_DIR = "analytics/local_packages/jaffle_pkg"

# ---------------------------------------------------------------------------------------------
# Case model


@dataclass(frozen=True)
class Replace:
    old: str
    new: str


@dataclass(frozen=True)
class RenameTo:
    path: str


Edit = str | None | Replace | tuple[Replace, ...] | RenameTo


@dataclass(frozen=True)
class DbtExpect:
    """What dbt does: where it stops first, and the warnings it emits on the way.

    `events` is compared exactly with the keys of the events of interest dbt fired (see
    `dbt_runner.event_key`), e.g. ``DeprecatedReference:agg_customer_payment_journey->fct_orders.v1``.
    """

    outcome: Literal["ok", "parse", "build"]
    project: str | None = None
    error_class: str | None = None
    #: substrings of the error text (parse) or of each failing node's text (build)
    message: tuple[str, ...] = ()
    #: build: the nodes that error (nodes skipped because a parent failed are not listed)
    failing_nodes: frozenset[str] = frozenset()
    #: build with ContractError: (column_name, mismatch_reason) over all failing nodes
    contract_rows: frozenset[tuple[str, str]] = frozenset()
    events: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    id: str
    description: str
    edits: Mapping[str, Edit] | Callable[[Path], None]
    expected: frozenset[Finding]
    dbt: DbtExpect
    dbt_silent: bool = False
    note: str = ""


def expected_codes(case: Case) -> frozenset[Finding]:
    """The findings meshlint must report for `case`, restricted to `ORACLE_CODES`."""
    return case.expected


def f(code: str, node: str | None, column: str | None = None) -> Finding:
    return (code, node, column)


def ok(*events: str) -> DbtExpect:
    return DbtExpect("ok", events=frozenset(events))


def parse_error(
    project: str, error_class: str, *message: str, events: frozenset[str] = frozenset()
) -> DbtExpect:
    return DbtExpect("parse", project, error_class, tuple(message), events=frozenset(events))


def build_error(
    project: str,
    nodes: set[str],
    rows: set[tuple[str, str]] | None = None,
    error_class: str = "ContractError",
    message: tuple[str, ...] = (),
    events: frozenset[str] = frozenset(),
) -> DbtExpect:
    return DbtExpect(
        "build", project, error_class, message, frozenset(nodes), frozenset(rows or ()), frozenset(events)
    )


# ---------------------------------------------------------------------------------------------
# Applying edits


def _resolve(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if root.resolve() not in path.parents:
        raise ValueError(f"edit outside the mesh: {rel}")
    return path


def apply_edits(case: Case, root: Path) -> None:
    """Apply `case` to a copy of the mesh at `root`."""
    if callable(case.edits):
        case.edits(root)
        return
    for rel, edit in case.edits.items():
        path = _resolve(root, rel)
        if edit is None:
            path.unlink()
        elif isinstance(edit, str):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit)
        elif isinstance(edit, RenameTo):
            target = _resolve(root, edit.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
        else:
            text = path.read_text()
            for replace in (edit,) if isinstance(edit, Replace) else edit:
                count = text.count(replace.old)
                if count != 1:
                    raise ValueError(f"{case.id}: {replace.old!r} occurs {count} times in {rel}")
                text = text.replace(replace.old, replace.new)
            path.write_text(text)


def materialize(case: Case, dest: Path) -> Path:
    """Copy the mesh to `dest` (which must not exist), apply `case`, and return `dest`."""
    shutil.copytree(MESH_DIR, dest)
    apply_edits(case, dest)
    return dest


def edits_only(case: Case, project: str) -> bool:
    """Whether every edit of `case` is inside `project` (False when edits is a function)."""
    if callable(case.edits):
        return False
    paths = list(case.edits)
    paths += [e.path for e in case.edits.values() if isinstance(e, RenameTo)]
    return bool(paths) and all(p.startswith(project + "/") for p in paths)


# ---------------------------------------------------------------------------------------------
# Edit helpers for this mesh


def retype(column: str, old: str, new: str) -> Replace:
    """Change a column's `data_type` in core.yml's shared column list."""
    return Replace(
        f"      - name: {column}\n        data_type: {old}\n",
        f"      - name: {column}\n        data_type: {new}\n",
    )


V1_ENTRY = """\
      - v: 1
        deprecation_date: 2024-06-30 00:00:00.00+00:00
        columns:
          # This means: use the 'columns' list from above, but exclude is_return
          - include: all
            exclude: [is_return]
"""
V2_ENTRY = """\
      - v: 2
        columns:
          # This means: use the 'columns' list from above, but exclude status
          - include: all
            exclude: [status]
"""
V1_DEPRECATION = "        deprecation_date: 2024-06-30 00:00:00.00+00:00\n"
LATEST = "    latest_version: 2\n"
XREF_V1 = "{{ ref('analytics', 'fct_orders', v=1) }}"
DATEDIFF = "{{ datediff('first_order_date', 'order_date', 'day') }}"
ALL_V1_COLUMNS = (
    "[order_id, order_date, status, customer_id, first_name, last_name, first_order_date, "
    "days_as_customer_at_purchase]"
)


def v1_columns(spec: str) -> Replace:
    """Replace v1's include/exclude element with `spec` (YAML at the list element's indentation)."""
    return Replace("          - include: all\n            exclude: [is_return]\n", spec)


def v2_columns(spec: str) -> Replace:
    return Replace("          - include: all\n            exclude: [status]\n", spec)


def in_group(group: str) -> Replace:
    """Put fct_orders (both versions) in `group`."""
    return Replace(LATEST, f"{LATEST}    group: {group}\n")


GROUPS = """\
version: 2

groups:
  - name: core
    owner:
      name: Data Analytics
      email: analytics@jaffle.example
  - name: marketing
    owner:
      name: Marketing
      email: marketing@jaffle.example
"""

FINANCE_GROUPS = """\
groups:
  - name: payments
    owner:
      name: Payments
      email: payments@jaffle.example
  - name: reporting
    owner:
      name: Finance reporting
      email: reporting@jaffle.example
"""


def staging_model(name: str, *lines: str) -> str:
    """A staging.yml with one model entry whose properties are `lines` (4-space indented YAML)."""
    body = "".join(f"    {line}\n" for line in lines)
    return f"version: 2\n\nmodels:\n  - name: {name}\n{body}"


def foreign_key_on_customer_id(to: str) -> dict[str, str]:
    """stg_orders' customer_id with a foreign_key constraint to `to` (no contract)."""
    constraint = ("  - name: customer_id", "    constraints:", "      - type: foreign_key", f"        to: {to}")
    return {STAGING_YML: staging_model("stg_orders", "columns:", *constraint, "        to_columns: [customer_id]")}


STG_ORDERS_COLUMNS = (
    "columns:",
    "  - name: order_id",
    "    data_type: integer",
    "  - name: customer_id",
    "    data_type: integer",
    "  - name: order_date",
    "    data_type: date",
    "  - name: status",
    "    data_type: varchar",
)


def stg_customers_contract(*extra: str) -> str:
    return staging_model(
        "stg_customers",
        "config:",
        "  contract:",
        "    enforced: true",
        "columns:",
        "  - name: customer_id",
        "    data_type: integer",
        "  - name: first_name",
        "    data_type: varchar",
        "  - name: last_name",
        "    data_type: varchar",
        *extra,
    )


def stg_payments_contract(amount_type: str = "integer", *extra: str) -> str:
    lines = [
        "config:",
        "  contract:",
        "    enforced: true",
        "columns:",
        "  - name: payment_id",
        "    data_type: integer",
        "  - name: order_id",
        "    data_type: integer",
        "  - name: payment_method",
        "    data_type: varchar",
        "  - name: amount",
        f"    data_type: {amount_type}",
        "  - name: payment_date",
        "    data_type: date",
        *extra,
    ]
    body = "".join(f"    {line}\n" for line in lines)
    return f"version: 2\n\nmodels:\n  - name: stg_payments\n{body}"


def dim_customers(*columns: tuple[str, str]) -> dict[str, Edit]:
    lines = ["config:", "  contract:", "    enforced: true", "columns:"]
    for name, data_type in columns:
        lines += [f"  - name: {name}", f"    data_type: {data_type}"]
    return {
        "analytics/models/core/dim_customers.sql": "select * from {{ ref('raw_customers') }}\n",
        "analytics/models/core/dim_customers.yml": staging_model("dim_customers", *lines),
    }


def orders_report(ref: str) -> dict[str, Edit]:
    return {ORDERS_REPORT_SQL: f"select order_id, order_date\nfrom {ref}\n"}


def orders_peek(ref: str, header: str = "") -> dict[str, Edit]:
    return {ORDERS_PEEK_SQL: f"{header}select *\nfrom {ref}\n"}


# ---------------------------------------------------------------------------------------------
# Expected verdicts shared by many cases

#: The unmutated mesh: finance pins fct_orders v1, which is past its deprecation date.
BASE = frozenset({f("ML401", AGG), f("ML403", V1)})

#: dbt on the unmutated mesh: analytics' parse (and finance's, through dbt-loom's injected node)
#: flags v1 as deprecated; finance's parse flags the reference to it.
DEPRECATED_V1 = "DeprecatedModel:fct_orders.v1"
DEPRECATED_REF_V1 = "DeprecatedReference:agg_customer_payment_journey->fct_orders.v1"
BASE_EVENTS = frozenset({DEPRECATED_V1, DEPRECATED_REF_V1})
#: events when dbt stops in analytics after its parse succeeded (finance never runs)
ANALYTICS_EVENTS = frozenset({DEPRECATED_V1})
#: analytics fails to parse: dbt stops before its deprecation checks
NO_EVENTS: frozenset[str] = frozenset()

MISSING_IN_DEFINITION = "missing in definition"
MISSING_IN_CONTRACT = "missing in contract"
TYPE_MISMATCH = "data type mismatch"


def contract_mismatch(column: str) -> set[tuple[str, str]]:
    return {(column, TYPE_MISMATCH)}


# ---------------------------------------------------------------------------------------------
# Cases

CONTRACT_CASES = [
    Case(
        "BASE",
        "Unmutated mesh: fct_orders v1/v2 with an enforced contract, v1 past its deprecation date, "
        "finance pins ref('analytics', 'fct_orders', v=1)",
        {},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C01_missing_column",
        "fct_orders_v2.sql no longer selects last_name, which the contract declares",
        {V2_SQL: Replace("        c.last_name,\n", "")},
        BASE | {f("ML101", V2, "last_name")},
        build_error("analytics", {V2}, {("last_name", MISSING_IN_DEFINITION)}, events=ANALYTICS_EVENTS),
    ),
    Case(
        "C02_extra_column",
        "fct_orders_v2.sql selects order_status, which the contract does not declare",
        {V2_SQL: Replace("        -- o.status,\n", "        o.status as order_status,\n")},
        BASE | {f("ML102", V2, "order_status")},
        build_error("analytics", {V2}, {("order_status", MISSING_IN_CONTRACT)}, events=ANALYTICS_EVENTS),
    ),
    Case(
        "C03_renamed_column",
        "fct_orders_v2.sql renames first_name to given_name",
        {V2_SQL: Replace("        c.first_name,\n", "        c.first_name as given_name,\n")},
        BASE | {f("ML101", V2, "first_name"), f("ML102", V2, "given_name")},
        build_error(
            "analytics",
            {V2},
            {("first_name", MISSING_IN_DEFINITION), ("given_name", MISSING_IN_CONTRACT)},
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "C04_type_integer_vs_varchar",
        "contract says order_id varchar; the SQL yields INTEGER (both versions)",
        {CORE_YML: retype("order_id", "integer", "varchar")},
        BASE | {f("ML103", V1, "order_id"), f("ML103", V2, "order_id")},
        build_error("analytics", {V1, V2}, contract_mismatch("order_id"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C05_type_date_vs_timestamp",
        "contract says order_date timestamp; the SQL yields DATE",
        {CORE_YML: retype("order_date", "date", "timestamp")},
        BASE | {f("ML103", V1, "order_date"), f("ML103", V2, "order_date")},
        build_error("analytics", {V1, V2}, contract_mismatch("order_date"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C06_type_integer_vs_bigint",
        "contract says customer_id bigint; the SQL yields INTEGER (DuckDB compares integer widths)",
        {CORE_YML: retype("customer_id", "integer", "bigint")},
        BASE | {f("ML103", V1, "customer_id"), f("ML103", V2, "customer_id")},
        build_error("analytics", {V1, V2}, contract_mismatch("customer_id"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C07_type_bigint_vs_integer",
        "contract says days_as_customer_at_purchase integer; datediff yields BIGINT",
        {CORE_YML: retype("days_as_customer_at_purchase", "bigint", "integer")},
        BASE
        | {f("ML103", V1, "days_as_customer_at_purchase"), f("ML103", V2, "days_as_customer_at_purchase")},
        build_error(
            "analytics", {V1, V2}, contract_mismatch("days_as_customer_at_purchase"), events=ANALYTICS_EVENTS
        ),
    ),
    Case(
        "C08_type_integer_vs_smallint",
        "contract says customer_id smallint; the SQL yields INTEGER",
        {CORE_YML: retype("customer_id", "integer", "smallint")},
        BASE | {f("ML103", V1, "customer_id"), f("ML103", V2, "customer_id")},
        build_error("analytics", {V1, V2}, contract_mismatch("customer_id"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C09_type_numeric_vs_bigint",
        "contract says days_as_customer_at_purchase numeric (DuckDB: DECIMAL(18,3)); the SQL yields BIGINT",
        {CORE_YML: retype("days_as_customer_at_purchase", "bigint", "numeric")},
        BASE
        | {f("ML103", V1, "days_as_customer_at_purchase"), f("ML103", V2, "days_as_customer_at_purchase")},
        build_error(
            "analytics", {V1, V2}, contract_mismatch("days_as_customer_at_purchase"), events=ANALYTICS_EVENTS
        ),
        note="dbt also warns about numeric without precision/scale (ML109, outside ORACLE_CODES)",
    ),
    Case(
        "C10_type_unknown_to_duckdb",
        "contract says order_id number (a Snowflake type, as in the quickstart); DuckDB has no such type",
        {CORE_YML: retype("order_id", "integer", "number")},
        BASE | {f("ML103", V1, "order_id"), f("ML103", V2, "order_id")},
        build_error(
            "analytics",
            {V1, V2},
            error_class="DbtRuntimeError",
            message=("Type with name number does not exist",),
            events=ANALYTICS_EVENTS,
        ),
        note="dbt fails casting the contract's empty-schema query, not with a ContractError; the "
        "contract can never pass on DuckDB, so meshlint reports a type mismatch",
    ),
    Case(
        "C11_type_alias_text",
        "contract says first_name text; the SQL yields VARCHAR (an alias on DuckDB)",
        {CORE_YML: retype("first_name", "varchar", "text")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C12_type_aliases",
        "contract uses the aliases int, string, bool and int8 for integer, varchar, boolean, bigint",
        {
            CORE_YML: (
                retype("order_id", "integer", "int"),
                retype("first_name", "varchar", "string"),
                retype("is_return", "boolean", "bool"),
                retype("days_as_customer_at_purchase", "bigint", "int8"),
            )
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C13_type_boolean_vs_integer",
        "contract says is_return integer; the SQL yields BOOLEAN (only v2 has is_return)",
        {CORE_YML: retype("is_return", "boolean", "integer")},
        BASE | {f("ML103", V2, "is_return")},
        build_error("analytics", {V2}, contract_mismatch("is_return"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C14_sql_integer_vs_boolean",
        "fct_orders_v2.sql computes is_return as 1/0 (INTEGER); the contract says boolean",
        {V2_SQL: Replace("then true else false end as is_return", "then 1 else 0 end as is_return")},
        BASE | {f("ML103", V2, "is_return")},
        build_error("analytics", {V2}, contract_mismatch("is_return"), events=ANALYTICS_EVENTS),
    ),
    Case(
        "C15_sql_cast_narrows",
        "fct_orders_v2.sql casts the datediff to integer; the contract says bigint",
        {V2_SQL: Replace(f"{DATEDIFF} as", f"cast({DATEDIFF} as integer) as")},
        BASE | {f("ML103", V2, "days_as_customer_at_purchase")},
        build_error(
            "analytics", {V2}, contract_mismatch("days_as_customer_at_purchase"), events=ANALYTICS_EVENTS
        ),
    ),
    Case(
        "C16_column_order_yaml",
        "core.yml declares first_name and last_name before order_id (order is not compared)",
        {
            CORE_YML: (
                Replace(
                    '      - name: first_name\n        data_type: varchar\n        description: ""\n\n'
                    '      - name: last_name\n        data_type: varchar\n        description: ""\n\n',
                    "",
                ),
                Replace(
                    "    columns:\n      - name: order_id\n",
                    "    columns:\n      - name: first_name\n        data_type: varchar\n"
                    "      - name: last_name\n        data_type: varchar\n      - name: order_id\n",
                ),
            )
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C17_column_order_sql",
        "fct_orders_v2.sql selects customer_id first (order is not compared)",
        {
            V2_SQL: (
                Replace("        c.customer_id,\n", ""),
                Replace(
                    "    select\n        o.order_id,",
                    "    select\n        c.customer_id,\n        o.order_id,",
                ),
            )
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C18_missing_data_type",
        "first_order_date has no data_type under the enforced contract",
        {
            CORE_YML: Replace(
                "      - name: first_order_date\n        data_type: date\n",
                "      - name: first_order_date\n",
            )
        },
        BASE | {f("ML104", V1, "first_order_date"), f("ML104", V2, "first_order_date")},
        build_error(
            "analytics",
            {V1, V2},
            error_class="ColumnTypeMissingError",
            message=("['first_order_date']",),
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "C19_column_name_case",
        "contract names the column Order_ID; the SQL yields order_id (DuckDB preserves case)",
        {CORE_YML: Replace("      - name: order_id\n", "      - name: Order_ID\n")},
        BASE
        | {
            f("ML101", V1, "Order_ID"),
            f("ML102", V1, "order_id"),
            f("ML101", V2, "Order_ID"),
            f("ML102", V2, "order_id"),
        },
        build_error(
            "analytics",
            {V1, V2},
            {("Order_ID", MISSING_IN_DEFINITION), ("order_id", MISSING_IN_CONTRACT)},
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "C20_contract_on_ephemeral",
        "stg_orders is ephemeral with an enforced contract (every column typed): never checked",
        {
            STAGING_YML: staging_model(
                "stg_orders",
                "config:",
                "  materialized: ephemeral",
                "  contract:",
                "    enforced: true",
                *STG_ORDERS_COLUMNS,
            )
        },
        BASE | {f("ML105", STG_ORDERS)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "C21_select_star_contract_ok",
        "new contracted model dim_customers = select * from the raw_customers seed; the contract lists "
        "its three columns with the seed's types",
        dim_customers(("id", "integer"), ("first_name", "varchar"), ("last_name", "varchar")),
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C22_select_star_contract_drift",
        "same select * model, but the contract lists only id and first_name",
        dim_customers(("id", "integer"), ("first_name", "varchar")),
        BASE | {f("ML102", DIM_CUSTOMERS, "last_name")},
        build_error(
            "analytics", {DIM_CUSTOMERS}, {("last_name", MISSING_IN_CONTRACT)}, events=ANALYTICS_EVENTS
        ),
    ),
    Case(
        "C23_constraints_on_view",
        "not_null and primary_key constraints on order_id of the contracted view fct_orders",
        {
            CORE_YML: Replace(
                "      - name: order_id\n        data_type: integer\n",
                "      - name: order_id\n        data_type: integer\n"
                "        constraints:\n          - type: not_null\n          - type: primary_key\n",
            )
        },
        BASE | {f("ML105", V1, "order_id"), f("ML105", V2, "order_id")},
        ok(*BASE_EVENTS, "UnsupportedConstraintMaterialization:view"),
    ),
    Case(
        "C24_constraints_on_table",
        "fct_orders materialized as a table, with not_null and primary_key on order_id",
        {
            CORE_YML: (
                Replace("      contract:\n", "      materialized: table\n      contract:\n"),
                Replace(
                    "      - name: order_id\n        data_type: integer\n",
                    "      - name: order_id\n        data_type: integer\n"
                    "        constraints:\n          - type: not_null\n          - type: primary_key\n",
                ),
            )
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C25_constraints_without_contract",
        "stg_orders declares a not_null constraint but has no contract: dbt drops it silently",
        {
            STAGING_YML: staging_model(
                "stg_orders", "columns:", "  - name: order_id", "    constraints:", "      - type: not_null"
            )
        },
        BASE | {f("ML105", STG_ORDERS, "order_id")},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "C27_foreign_key_to_not_a_ref",
        "stg_orders' customer_id has a foreign_key constraint whose `to:` is a bare model name, not ref()",
        foreign_key_on_customer_id("stg_customers"),
        BASE | {f("ML105", STG_ORDERS, "customer_id"), f("ML106", STG_ORDERS, "customer_id")},
        parse_error(
            "analytics",
            "ParsingError",
            "Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model stg_orders: stg_customers",
        ),
    ),
    Case(
        "C28_foreign_key_to_ref",
        "the same constraint with `to: ref('stg_customers')`: dbt parses it (and ignores it without a contract)",
        foreign_key_on_customer_id("ref('stg_customers')"),
        BASE | {f("ML105", STG_ORDERS, "customer_id")},
        ok(*BASE_EVENTS),
    ),
    Case(
        "P01_packages_in_both_files",
        "analytics declares packages in packages.yml and in dependencies.yml",
        {
            "analytics/packages.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n",
            "analytics/dependencies.yml": "packages:\n  - package: dbt-labs/codegen\n    version: 0.13.1\n",
        },
        BASE | {f("ML001", None)},
        parse_error("analytics", "DbtProjectError", "The 'packages' key cannot be specified in both packages.yml and dependencies.yml"),
    ),
    Case(
        "Y01_tests_and_data_tests",
        "stg_orders' order_id lists data tests under both `data_tests` and `tests`",
        {STAGING_YML: staging_model("stg_orders", "columns:", "  - name: order_id", "    data_tests: [unique]", "    tests: [not_null]")},
        BASE | {f("ML001", None)},
        parse_error("analytics", "YamlParseDictError", "Invalid test config: cannot have both 'tests' and 'data_tests' defined"),
    ),
    Case(
        "Y02_meta_in_config_and_top_level",
        "stg_orders sets `meta` at the top of its entry and in its `config:` (dbt 1.10 moved it into config)",
        {STAGING_YML: staging_model("stg_orders", "meta: {owner: data}", "config:", "  meta: {owner: analytics}")},
        BASE | {f("ML001", None)},
        parse_error("analytics", "ParsingError", "found meta dictionary in 'config' dictionary and as top-level key"),
    ),
    Case(
        "C29_foreign_key_to_unknown_model",
        "the same constraint with `to: ref('stg_customer')`, a model that does not exist",
        foreign_key_on_customer_id("ref('stg_customer')"),
        BASE | {f("ML105", STG_ORDERS, "customer_id"), f("ML106", STG_ORDERS, "customer_id")},
        parse_error("analytics", "TargetNotFoundError", "depends on a node named 'stg_customer' which was not found"),
    ),
    Case(
        "C26_unversioned_contract_extra_yaml_column",
        "stg_customers gets an enforced contract that also declares email, which the SQL lacks",
        {STAGING_YML: stg_customers_contract("  - name: email", "    data_type: varchar")},
        BASE | {f("ML101", STG_CUSTOMERS, "email")},
        build_error(
            "analytics", {STG_CUSTOMERS}, {("email", MISSING_IN_DEFINITION)}, events=ANALYTICS_EVENTS
        ),
    ),
    Case(
        "C27_unversioned_contract_ok",
        "stg_customers gets a correct enforced contract",
        {STAGING_YML: stg_customers_contract()},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C28_downstream_contract_ok",
        "finance's stg_payments gets a correct enforced contract",
        {FINANCE_YML: stg_payments_contract()},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C29_downstream_contract_type",
        "finance's stg_payments contract says amount varchar; the seed column is INTEGER",
        {FINANCE_YML: stg_payments_contract("varchar")},
        BASE | {f("ML103", STG_PAYMENTS, "amount")},
        build_error("finance", {STG_PAYMENTS}, contract_mismatch("amount"), events=BASE_EVENTS),
    ),
    Case(
        "C30_decimal_precision",
        "stg_payments adds amount_usd cast to decimal(10,2); the contract says decimal(12,2)",
        {
            STG_PAYMENTS_SQL: Replace(
                "    amount,\n", "    amount,\n    cast(amount / 100 as decimal(10, 2)) as amount_usd,\n"
            ),
            FINANCE_YML: stg_payments_contract(
                "integer", "  - name: amount_usd", "    data_type: decimal(12,2)"
            ),
        },
        BASE | {f("ML103", STG_PAYMENTS, "amount_usd")},
        build_error("finance", {STG_PAYMENTS}, contract_mismatch("amount_usd"), events=BASE_EVENTS),
    ),
    Case(
        "C31_double_alias_ok",
        "stg_payments adds amount_usd = amount / 100 (DOUBLE on DuckDB); the contract says float8",
        {
            STG_PAYMENTS_SQL: Replace("    amount,\n", "    amount,\n    amount / 100 as amount_usd,\n"),
            FINANCE_YML: stg_payments_contract("integer", "  - name: amount_usd", "    data_type: float8"),
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "C32_double_vs_decimal",
        "stg_payments adds amount_usd = amount / 100 (DOUBLE); the contract says decimal(10,2)",
        {
            STG_PAYMENTS_SQL: Replace("    amount,\n", "    amount,\n    amount / 100 as amount_usd,\n"),
            FINANCE_YML: stg_payments_contract(
                "integer", "  - name: amount_usd", "    data_type: decimal(10,2)"
            ),
        },
        BASE | {f("ML103", STG_PAYMENTS, "amount_usd")},
        build_error("finance", {STG_PAYMENTS}, contract_mismatch("amount_usd"), events=BASE_EVENTS),
    ),
]

VERSION_CASES = [
    Case(
        "V01_exclude_unknown_column",
        "v2 columns: include all, exclude [status, no_such_column]",
        {CORE_YML: v2_columns("          - include: all\n            exclude: [status, no_such_column]\n")},
        BASE | {f("ML201", V2, "no_such_column")},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "V02_include_unknown_column",
        "v1 columns: an explicit include list of its eight columns plus no_such_column",
        {CORE_YML: v1_columns(f"          - include: {ALL_V1_COLUMNS[:-1]}, no_such_column]\n")},
        BASE | {f("ML201", V1, "no_such_column")},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "V03_include_list_short",
        "v1 columns: include [order_id, order_date, status] only, while fct_orders_v1.sql yields all eight",
        {CORE_YML: v1_columns("          - include: [order_id, order_date, status]\n")},
        BASE
        | {
            f("ML102", V1, column)
            for column in (
                "customer_id",
                "first_name",
                "last_name",
                "first_order_date",
                "days_as_customer_at_purchase",
            )
        },
        build_error(
            "analytics",
            {V1},
            {
                (column, MISSING_IN_CONTRACT)
                for column in (
                    "customer_id",
                    "first_name",
                    "last_name",
                    "first_order_date",
                    "days_as_customer_at_purchase",
                )
            },
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "V04_include_list_exact",
        "v1 columns: an explicit include list of exactly its eight columns",
        {CORE_YML: v1_columns(f"          - include: {ALL_V1_COLUMNS}\n")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "V05_include_star",
        "v2 columns: include '*' (the same as all)",
        {CORE_YML: v2_columns("          - include: '*'\n            exclude: [status]\n")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "V06_latest_version_undeclared",
        "latest_version: 3 while the versions are 1 and 2",
        {CORE_YML: Replace(LATEST, "    latest_version: 3\n")},
        BASE | {f("ML202", FCT)},
        parse_error(
            "analytics", "ParsingError", "latest_version: 3 is not one of model 'fct_orders' versions: [1, 2]"
        ),
    ),
    Case(
        "V07_latest_version_string",
        'latest_version: "2" (a string) while the versions are the integers 1 and 2',
        {CORE_YML: Replace(LATEST, '    latest_version: "2"\n')},
        BASE | {f("ML202", FCT)},
        parse_error(
            "analytics", "ParsingError", "latest_version: 2 is not one of model 'fct_orders' versions"
        ),
    ),
    Case(
        "V08_missing_latest_file",
        "fct_orders_v2.sql deleted while core.yml still declares v2 (the latest)",
        {V2_SQL: None},
        BASE | {f("ML203", V2)},
        ok(*BASE_EVENTS, "NoNodeForYamlKey:fct_orders_v2"),
    ),
    Case(
        "V09_missing_latest_file_unpinned_xref",
        "fct_orders_v2.sql deleted, and finance refs fct_orders unpinned (which means v2)",
        {V2_SQL: None, AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders') }}")},
        frozenset({f("ML403", V1), f("ML203", V2), f("ML304", AGG)}),
        parse_error(
            "finance",
            "TargetNotFoundError",
            "depends on a node named 'fct_orders' in package or project 'analytics' which was not found",
            events=frozenset({DEPRECATED_V1, "NoNodeForYamlKey:fct_orders_v2"}),
        ),
        note="the ref names an existing model whose latest version has no file: ML304, not ML303",
    ),
    Case(
        "V10_latest_in_unsuffixed_file",
        "fct_orders_v2.sql renamed to fct_orders.sql (dbt's fallback for the latest version)",
        {V2_SQL: RenameTo("analytics/models/core/fct_orders.sql")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "V11_defined_in",
        "fct_orders_v2.sql renamed to fct_orders_current.sql, declared with defined_in",
        {
            V2_SQL: RenameTo("analytics/models/core/fct_orders_current.sql"),
            CORE_YML: Replace("      - v: 2\n", "      - v: 2\n        defined_in: fct_orders_current\n"),
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "V12_versioned_unversioned_conflict",
        "a new unversioned fct_orders.sql next to fct_orders_v1.sql and fct_orders_v2.sql",
        {"analytics/models/core/fct_orders.sql": "select 1 as order_id\n"},
        BASE | {f("ML209", FCT)},
        parse_error(
            "analytics",
            "DuplicateVersionedUnversionedError",
            'dbt found versioned and unversioned models with the name "fct_orders"',
            events=ANALYTICS_EVENTS,
        ),
        note="dbt raises this at the very end of parsing, after its deprecation checks",
    ),
    Case(
        "V13_xref_unknown_version",
        "finance refs ref('analytics', 'fct_orders', v=3)",
        {AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders', v=3) }}")},
        frozenset({f("ML403", V1), f("ML304", AGG)}),
        parse_error(
            "finance",
            "TargetNotFoundError",
            "depends on a node named 'fct_orders' with version '3' in package or project 'analytics' which was not found",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "V14_ref_unknown_version",
        "analytics: new model orders_report refs ref('fct_orders', v=3)",
        orders_report("{{ ref('fct_orders', v=3) }}"),
        BASE | {f("ML304", ORDERS_REPORT)},
        parse_error(
            "analytics", "TargetNotFoundError", "depends on a node named 'fct_orders' with version '3'"
        ),
    ),
    Case(
        "V15_ref_float_version",
        "orders_report refs ref('fct_orders', v=2.0), which does not match v: 2",
        orders_report("{{ ref('fct_orders', v=2.0) }}"),
        BASE | {f("ML304", ORDERS_REPORT)},
        parse_error("analytics", "TargetNotFoundError", "with version '2.0' which was not found"),
    ),
    Case(
        "V16_ref_version_zero",
        "orders_report refs ref('fct_orders', v=0): dbt treats v=0 as unpinned and resolves the latest",
        orders_report("{{ ref('fct_orders', v=0) }}"),
        BASE | {f("ML304", ORDERS_REPORT)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "V17_xref_unpinned",
        "finance refs fct_orders unpinned (resolves to latest_version 2)",
        {AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders') }}")},
        frozenset({f("ML403", V1)}),
        ok(DEPRECATED_V1),
        note="meshlint's ML309 (info) is outside ORACLE_CODES",
    ),
    Case(
        "V18_ref_unpinned",
        "orders_report refs ref('fct_orders') unpinned, within analytics",
        orders_report("{{ ref('fct_orders') }}"),
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "V19_version_access_ignored",
        "access: protected on the v1 entry itself: validated, then ignored (v1 stays public)",
        {CORE_YML: Replace(V1_DEPRECATION, V1_DEPRECATION + "        access: protected\n")},
        BASE | {f("ML206", V1)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "V20_version_config_access",
        "config: {access: protected} on the v1 entry: honoured, so finance's ref to v1 is refused",
        {
            CORE_YML: Replace(
                V1_DEPRECATION, V1_DEPRECATION + "        config:\n          access: protected\n"
            )
        },
        BASE | {f("ML301", AGG)},
        parse_error(
            "finance",
            "DbtReferenceError",
            f"Node {AGG} attempted to reference node {V1}, which is not allowed because the referenced "
            "node is protected to the 'analytics' package",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "V21_duplicate_version",
        "the versions list declares v: 2 twice",
        {CORE_YML: Replace(V2_ENTRY, V2_ENTRY + V2_ENTRY)},
        BASE | {f("ML208", FCT)},
        parse_error(
            "analytics", "ParsingError", "Found duplicate version: '2' in versions list of model 'fct_orders'"
        ),
    ),
    Case(
        "V22_duplicate_version_string",
        'the versions list declares v: 2 and v: "2" (dbt compares them as strings)',
        {CORE_YML: Replace(V2_ENTRY, V2_ENTRY + V2_ENTRY.replace("- v: 2", '- v: "2"'))},
        BASE | {f("ML208", FCT)},
        parse_error("analytics", "ParsingError", "Found duplicate version: '2'"),
    ),
    Case(
        "V23_include_bad_string",
        "v1 columns: include: some (neither all, '*' nor a list)",
        {CORE_YML: v1_columns("          - include: some\n            exclude: [is_return]\n")},
        BASE | {f("ML205", V1)},
        parse_error("analytics", "InvalidFieldValue", 'Field "versions" of type Sequence[UnparsedVersion]'),
    ),
    Case(
        "V24_include_list_with_exclude",
        "v1 columns: include: [order_id, status] together with exclude: [is_return]",
        {CORE_YML: v1_columns("          - include: [order_id, status]\n            exclude: [is_return]\n")},
        BASE | {f("ML205", V1)},
        parse_error("analytics", "InvalidFieldValue", 'Field "versions" of type Sequence[UnparsedVersion]'),
    ),
    Case(
        "V25_two_include_blocks",
        "v2 columns: two include/exclude elements",
        {
            CORE_YML: v2_columns(
                "          - include: all\n            exclude: [status]\n"
                "          - include: all\n            exclude: [is_return]\n"
            )
        },
        BASE | {f("ML205", V2)},
        parse_error("analytics", "InvalidFieldValue", 'Field "versions" of type Sequence[UnparsedVersion]'),
    ),
    Case(
        "V26_version_only_column_missing",
        "v2 declares its own column discount_code (varchar), which fct_orders_v2.sql does not select",
        {
            CORE_YML: v2_columns(
                "          - include: all\n            exclude: [status]\n"
                "          - name: discount_code\n            data_type: varchar\n"
            )
        },
        BASE | {f("ML101", V2, "discount_code")},
        build_error("analytics", {V2}, {("discount_code", MISSING_IN_DEFINITION)}, events=ANALYTICS_EVENTS),
    ),
    Case(
        "V27_version_column_override_type",
        "v2 overrides days_as_customer_at_purchase with data_type integer (the SQL yields BIGINT)",
        {
            CORE_YML: v2_columns(
                "          - include: all\n            exclude: [status]\n"
                "          - name: days_as_customer_at_purchase\n            data_type: integer\n"
            )
        },
        BASE | {f("ML103", V2, "days_as_customer_at_purchase")},
        build_error(
            "analytics", {V2}, contract_mismatch("days_as_customer_at_purchase"), events=ANALYTICS_EVENTS
        ),
    ),
    Case(
        "V28_version_sql_breaks_own_contract",
        "fct_orders_v1.sql drops status, which v1 includes",
        {V1_SQL: Replace("        o.status,\n", "")},
        BASE | {f("ML101", V1, "status")},
        build_error("analytics", {V1}, {("status", MISSING_IN_DEFINITION)}, events=ANALYTICS_EVENTS),
    ),
    Case(
        "V29_version_contract_disabled",
        "v1 sets config: {contract: {enforced: false}} and fct_orders_v1.sql drops status",
        {
            CORE_YML: Replace(
                V1_DEPRECATION,
                V1_DEPRECATION + "        config:\n          contract:\n            enforced: false\n",
            ),
            V1_SQL: Replace("        o.status,\n", ""),
        },
        BASE,
        ok(*BASE_EVENTS),
        note="meshlint's ML204 (version-columns-drift, a warning) is outside ORACLE_CODES",
    ),
    Case(
        "V30_latest_version_prerelease",
        "latest_version: 1 (v2 becomes a prerelease) and finance refs fct_orders unpinned",
        {
            CORE_YML: Replace(LATEST, "    latest_version: 1\n"),
            AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders') }}"),
        },
        frozenset({f("ML403", V1), f("ML404", V1), f("ML401", AGG)}),
        ok(
            *BASE_EVENTS,
            "UnpinnedRefNewVersionAvailable:agg_customer_payment_journey->fct_orders.v1",
        ),
    ),
    Case(
        "V31_latest_version_deprecated",
        "v2, the latest version, gets deprecation_date 2020-01-01",
        {CORE_YML: Replace("      - v: 2\n", "      - v: 2\n        deprecation_date: 2020-01-01\n")},
        BASE | {f("ML403", V2), f("ML404", V2)},
        ok(*BASE_EVENTS, "DeprecatedModel:fct_orders.v2"),
    ),
    Case(
        "V32_latest_version_deprecation_future",
        "v2, the latest version, gets deprecation_date 2999-01-01 (nothing references v2)",
        {CORE_YML: Replace("      - v: 2\n", "      - v: 2\n        deprecation_date: 2999-01-01\n")},
        BASE | {f("ML404", V2)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
    Case(
        "V33_top_level_deprecation_versioned",
        "fct_orders gets a model-level deprecation_date 2020-01-01: versions do not inherit it",
        {CORE_YML: Replace(LATEST, LATEST + "    deprecation_date: 2020-01-01\n")},
        BASE | {f("ML207", FCT)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
    ),
]

ACCESS_CASES = [
    Case(
        "A01_xref_protected",
        "finance: new model orders_peek refs ref('analytics', 'stg_orders') (protected by default)",
        orders_peek("{{ ref('analytics', 'stg_orders') }}"),
        BASE | {f("ML301", ORDERS_PEEK)},
        parse_error(
            "finance",
            "DbtReferenceError",
            f"Node {ORDERS_PEEK} attempted to reference node {STG_ORDERS}, which is not allowed because the "
            "referenced node is protected to the 'analytics' package",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "A02_xref_private",
        "stg_orders private in group core (fct_orders in core too); finance's orders_peek refs it",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: staging_model("stg_orders", "access: private", "group: core"),
            **orders_peek("{{ ref('analytics', 'stg_orders') }}"),
        },
        BASE | {f("ML302", ORDERS_PEEK)},
        parse_error(
            "finance",
            "DbtReferenceError",
            "which is not allowed because the referenced node is private to the 'core' group",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "A02b_xref_foreign_key_to_protected",
        "finance's orders_peek has a foreign key to ref('analytics', 'stg_customers') (protected by default)",
        {
            **orders_peek("(select 1 as customer_id) as t"),
            FINANCE_YML: (
                "version: 2\n\nmodels:\n  - name: orders_peek\n    columns:\n      - name: customer_id\n"
                "        constraints:\n          - type: foreign_key\n"
                "            to: ref('analytics', 'stg_customers')\n            to_columns: [customer_id]\n"
            ),
        },
        BASE | {f("ML301", ORDERS_PEEK), f("ML105", ORDERS_PEEK, "customer_id")},
        parse_error(
            "finance",
            "DbtReferenceError",
            "which is not allowed because the referenced node is protected to the 'analytics' package",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "A03_xref_unknown_model",
        "finance's orders_peek refs ref('analytics', 'fct_nope')",
        orders_peek("{{ ref('analytics', 'fct_nope') }}"),
        BASE | {f("ML303", ORDERS_PEEK)},
        parse_error(
            "finance",
            "TargetNotFoundError",
            "depends on a node named 'fct_nope' in package or project 'analytics' which was not found",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "A04_xref_public_in_group",
        "fct_orders is public and in group core; finance refs it",
        {GROUPS_YML: GROUPS, CORE_YML: in_group("core")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "A05_private_other_group",
        "stg_customers private in group marketing; fct_orders (group core) refs it",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: staging_model("stg_customers", "access: private", "group: marketing"),
        },
        BASE | {f("ML302", V1), f("ML302", V2)},
        parse_error(
            "analytics",
            "DbtReferenceError",
            f"attempted to reference node {STG_CUSTOMERS}, which is not allowed because the referenced node "
            "is private to the 'marketing' group",
        ),
    ),
    Case(
        "A06_private_from_ungrouped",
        "stg_customers private in group marketing; fct_orders has no group",
        {
            GROUPS_YML: GROUPS,
            STAGING_YML: staging_model("stg_customers", "access: private", "group: marketing"),
        },
        BASE | {f("ML302", V1), f("ML302", V2)},
        parse_error("analytics", "DbtReferenceError", "private to the 'marketing' group"),
    ),
    Case(
        "A07_private_same_group",
        "stg_customers private in group core; fct_orders is in group core too",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: staging_model("stg_customers", "access: private", "group: core"),
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "A09_foreign_key_to_private_model",
        "stg_customers private in group core (fct_orders in core too); ungrouped stg_orders has a foreign key to it",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: (
                "version: 2\n\nmodels:\n  - name: stg_customers\n    access: private\n    group: core\n"
                "  - name: stg_orders\n    columns:\n      - name: customer_id\n        constraints:\n"
                "          - type: foreign_key\n            to: ref('stg_customers')\n            to_columns: [customer_id]\n"
            ),
        },
        BASE | {f("ML302", STG_ORDERS), f("ML105", STG_ORDERS, "customer_id")},
        parse_error("analytics", "DbtReferenceError", "private to the 'core' group"),
    ),
    Case(
        "A09b_model_level_foreign_key_to_private_model",
        "the same foreign key as a model-level constraint of stg_orders (`columns: [customer_id]`)",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: (
                "version: 2\n\nmodels:\n  - name: stg_customers\n    access: private\n    group: core\n"
                "  - name: stg_orders\n    constraints:\n      - type: foreign_key\n        columns: [customer_id]\n"
                "        to: ref('stg_customers')\n        to_columns: [customer_id]\n"
                "    columns:\n      - name: customer_id\n"
            ),
        },
        BASE | {f("ML302", STG_ORDERS), f("ML105", STG_ORDERS)},
        parse_error("analytics", "DbtReferenceError", "private to the 'core' group"),
    ),
    Case(
        "A08_private_without_group",
        "stg_customers access: private with no group: nothing may reference it",
        {STAGING_YML: staging_model("stg_customers", "access: private")},
        BASE | {f("ML302", V1), f("ML302", V2)},
        parse_error("analytics", "DbtReferenceError", "private to the '' group"),
    ),
    Case(
        "A09_private_via_project_config",
        "analytics' dbt_project.yml makes the staging folder +access: private (no group)",
        {
            ANALYTICS_PROJECT: Replace(
                "seeds:\n", "models:\n  analytics:\n    staging:\n      +access: private\n\nseeds:\n"
            )
        },
        BASE | {f("ML302", V1), f("ML302", V2)},
        parse_error("analytics", "DbtReferenceError", "private to the '' group"),
    ),
    Case(
        "A10_private_ungrouped_in_loom_project",
        "finance: stg_payments private in group payments; agg_customer_payment_journey has no group",
        {
            FINANCE_YML: FINANCE_GROUPS
            + "\nmodels:\n  - name: stg_payments\n    access: private\n    group: payments\n"
        },
        BASE | {f("ML302", AGG)},
        ok(*BASE_EVENTS),
        dbt_silent=True,
        note="dbt-core refuses this, but dbt-loom replaces the private-ref check in every project that has "
        "a dbt_loom.config.yml with one that lets ungrouped models through (verdicts.json A04d agrees)",
    ),
    Case(
        "A11_private_other_group_in_loom_project",
        "finance: stg_payments private in group payments; agg_customer_payment_journey in group reporting",
        {
            FINANCE_YML: FINANCE_GROUPS
            + "\nmodels:\n  - name: stg_payments\n    access: private\n    group: payments\n"
            + "  - name: agg_customer_payment_journey\n    group: reporting\n"
        },
        BASE | {f("ML302", AGG)},
        parse_error(
            "finance",
            "DbtReferenceError",
            f"Node {AGG} attempted to reference node {STG_PAYMENTS}, which is not allowed because the "
            "referenced node is private to the 'payments' group",
            events=ANALYTICS_EVENTS,
        ),
    ),
    Case(
        "A12_xref_private_same_group",
        "stg_orders private in group core; finance's orders_peek is in group core too (another project)",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            STAGING_YML: staging_model("stg_orders", "access: private", "group: core"),
            **orders_peek("{{ ref('analytics', 'stg_orders') }}", header="{{ config(group='core') }}\n"),
        },
        BASE | {f("ML302", ORDERS_PEEK)},
        parse_error("finance", "DbtReferenceError", "private to the 'core' group", events=ANALYTICS_EVENTS),
        note="a private model is never visible from another project, whatever the group",
    ),
    Case(
        "A13_group_from_upstream_project",
        "finance's agg_customer_payment_journey names group core, defined only in analytics",
        {
            GROUPS_YML: GROUPS,
            CORE_YML: in_group("core"),
            FINANCE_YML: "models:\n  - name: agg_customer_payment_journey\n    group: core\n",
        },
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "A14_undefined_group",
        "stg_customers names group nobody; no project defines it",
        {STAGING_YML: staging_model("stg_customers", "group: nobody")},
        BASE | {f("ML306", STG_CUSTOMERS)},
        parse_error("analytics", "ParsingError", "Invalid group 'nobody', expected one of []"),
    ),
    Case(
        "A15_invalid_access_value",
        "stg_customers access: secret",
        {STAGING_YML: staging_model("stg_customers", "access: secret")},
        BASE | {f("ML001", None)},
        parse_error(
            "analytics",
            "InvalidAccessTypeError",
            f"Node {STG_CUSTOMERS} has an invalid value (secret) for the access field",
        ),
        note="no governance rule owns a bad access value; meshlint reports the YAML shape (ML001)",
    ),
    Case(
        "A16_public_ephemeral",
        "stg_customers public and ephemeral",
        {
            STAGING_YML: staging_model(
                "stg_customers", "access: public", "config:", "  materialized: ephemeral"
            )
        },
        BASE | {f("ML310", STG_CUSTOMERS)},
        parse_error(
            "analytics",
            "InvalidAccessTypeError",
            f"Node {STG_CUSTOMERS} with 'ephemeral' materialization has an invalid value (public) for the access field",
        ),
    ),
    Case(
        "A17_protected_ephemeral",
        "stg_customers ephemeral (protected by default), referenced by fct_orders",
        {STAGING_YML: staging_model("stg_customers", "config:", "  materialized: ephemeral")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "A18_public_ephemeral_version",
        "v2 of the public, contracted fct_orders sets config: {materialized: ephemeral}",
        {
            CORE_YML: Replace(
                "      - v: 2\n", "      - v: 2\n        config:\n          materialized: ephemeral\n"
            )
        },
        BASE | {f("ML310", V2), f("ML105", V2)},
        parse_error("analytics", "InvalidAccessTypeError", f"Node {V2} with 'ephemeral' materialization"),
    ),
]


def jaffle_package(restrict_access: bool, *model_yml: str) -> dict[str, Edit]:
    """A local package installed into analytics (`dbt deps` needs no hub for it), and a root model
    orders_calendar that refs its model pkg_calendar."""
    restrict = "restrict-access: true\n" if restrict_access else ""
    edits: dict[str, Edit] = {
        "analytics/packages.yml": "packages:\n  - local: local_packages/jaffle_pkg\n",
        f"{PACKAGE_DIR}/dbt_project.yml": f'name: jaffle_pkg\nversion: "1.0.0"\nconfig-version: 2\n{restrict}',
        f"{PACKAGE_DIR}/models/pkg_calendar.sql": "select cast('2018-01-01' as date) as calendar_date\n",
        ORDERS_CALENDAR_SQL: "select calendar_date\nfrom {{ ref('jaffle_pkg', 'pkg_calendar') }}\n",
    }
    if model_yml:
        edits[f"{PACKAGE_DIR}/models/pkg.yml"] = "".join(f"{line}\n" for line in model_yml)
    return edits


PACKAGE_CASES = [
    Case(
        "A19_package_protected_restricted",
        "analytics installs the local package jaffle_pkg (restrict-access: true) and refs its protected "
        "model pkg_calendar",
        jaffle_package(True),
        BASE | {f("ML301", ORDERS_CALENDAR)},
        parse_error(
            "analytics",
            "DbtReferenceError",
            f"Node {ORDERS_CALENDAR} attempted to reference node model.jaffle_pkg.pkg_calendar, which is not "
            "allowed because the referenced node is protected to the 'jaffle_pkg' package",
        ),
        note="the package has its own dbt_project.yml under analytics/local_packages/: it is a package "
        "of analytics, not a project of the mesh",
    ),
    Case(
        "A20_package_protected_default",
        "the same package without restrict-access: its protected models behave as if local",
        jaffle_package(False),
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "A21_package_private_other_group",
        "jaffle_pkg (no restrict-access) makes pkg_calendar private to its group pkg_team; the root refs it",
        jaffle_package(
            False,
            "groups:",
            "  - name: pkg_team",
            "    owner:",
            "      name: Package team",
            "models:",
            "  - name: pkg_calendar",
            "    access: private",
            "    group: pkg_team",
        ),
        BASE | {f("ML302", ORDERS_CALENDAR)},
        parse_error("analytics", "DbtReferenceError", "private to the 'pkg_team' group"),
    ),
]

DEPRECATION_CASES = [
    Case(
        "D01_ref_deprecated_version",
        "analytics: orders_report refs ref('fct_orders', v=1), past its deprecation date",
        orders_report("{{ ref('fct_orders', v=1) }}"),
        BASE | {f("ML401", ORDERS_REPORT)},
        ok(*BASE_EVENTS, "DeprecatedReference:orders_report->fct_orders.v1"),
    ),
    Case(
        "D02_xref_deprecation_upcoming",
        f"v1's deprecation_date moves to {UPCOMING} (30 days ahead); finance still pins v1",
        {CORE_YML: Replace(V1_DEPRECATION, f"        deprecation_date: {UPCOMING}\n")},
        frozenset({f("ML402", AGG)}),
        ok("UpcomingReferenceDeprecation:agg_customer_payment_journey->fct_orders.v1"),
    ),
    Case(
        "D03_xref_deprecation_far_future",
        "v1's deprecation_date moves to 2999-06-30; finance still pins v1",
        {CORE_YML: Replace(V1_DEPRECATION, "        deprecation_date: 2999-06-30\n")},
        frozenset(),
        ok("UpcomingReferenceDeprecation:agg_customer_payment_journey->fct_orders.v1"),
        note="dbt warns about any future date; meshlint's ML402 only within deprecation_window_days (90)",
    ),
    Case(
        "D04_unversioned_deprecated",
        "stg_customers (unversioned) gets deprecation_date 2020-01-01; both fct_orders versions ref it",
        {STAGING_YML: staging_model("stg_customers", "deprecation_date: 2020-01-01")},
        BASE | {f("ML403", STG_CUSTOMERS), f("ML401", V1), f("ML401", V2)},
        ok(*BASE_EVENTS, "DeprecatedModel:stg_customers", "DeprecatedReference:fct_orders->stg_customers"),
    ),
    Case(
        "D05_unversioned_deprecation_upcoming",
        f"stg_customers (unversioned) gets deprecation_date {UPCOMING}",
        {STAGING_YML: staging_model("stg_customers", f"deprecation_date: {UPCOMING}")},
        BASE | {f("ML402", V1), f("ML402", V2)},
        ok(*BASE_EVENTS, "UpcomingReferenceDeprecation:fct_orders->stg_customers"),
    ),
    Case(
        "D06_deprecated_model_unreferenced",
        "analytics: new model legacy_orders, deprecated 2020-01-01, referenced by nothing",
        {
            "analytics/models/core/legacy_orders.sql": "select order_id, status\nfrom {{ ref('stg_orders') }}\n",
            "analytics/models/core/legacy_orders.yml": staging_model(
                "legacy_orders", "deprecation_date: 2020-01-01"
            ),
        },
        BASE | {f("ML403", LEGACY_ORDERS)},
        ok(*BASE_EVENTS, "DeprecatedModel:legacy_orders"),
    ),
    Case(
        "D07_no_deprecation",
        "v1 loses its deprecation_date: the mesh is clean",
        {CORE_YML: Replace(V1_DEPRECATION, "")},
        frozenset(),
        ok(),
    ),
    Case(
        "D08_date_only",
        "v1's deprecation_date written as a plain date, 2024-06-30",
        {CORE_YML: Replace(V1_DEPRECATION, "        deprecation_date: 2024-06-30\n")},
        BASE,
        ok(*BASE_EVENTS),
    ),
    Case(
        "D09_xref_migrated_to_latest",
        "finance pins ref('analytics', 'fct_orders', v=2), the latest",
        {AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders', v=2) }}")},
        frozenset({f("ML403", V1)}),
        ok(DEPRECATED_V1),
    ),
    Case(
        "D10_downstream_model_deprecated",
        "finance pins v=2, and its own stg_payments gets deprecation_date 2020-01-01",
        {
            AGG_SQL: Replace(XREF_V1, "{{ ref('analytics', 'fct_orders', v=2) }}"),
            FINANCE_YML: "models:\n  - name: stg_payments\n    deprecation_date: 2020-01-01\n",
        },
        frozenset({f("ML403", V1), f("ML403", STG_PAYMENTS), f("ML401", AGG)}),
        ok(
            DEPRECATED_V1,
            "DeprecatedModel:stg_payments",
            "DeprecatedReference:agg_customer_payment_journey->stg_payments",
        ),
    ),
]

CASES: list[Case] = CONTRACT_CASES + VERSION_CASES + ACCESS_CASES + PACKAGE_CASES + DEPRECATION_CASES
CASES_BY_ID: dict[str, Case] = {case.id: case for case in CASES}
