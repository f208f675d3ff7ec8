#!/usr/bin/env python3
"""Generate a deterministic, realistic synthetic dbt Mesh of N models, for benchmarking meshlint
(and dbt itself) on big meshes.

    python benchmarks/generate.py --models 1000 --out /tmp/mesh1000 [--seed 7] [--force]

The mesh has four projects on DuckDB:

* ``core``: the foundational project (about 40% of the models), with raw sources, staging,
  intermediate models and marts; most of its marts are ``access: public``;
* ``finance`` and ``marketing``: consumers of ``core`` (``dependencies.yml`` ``projects:``);
* ``ops``: a consumer of ``core`` *and* ``finance``.

Every project follows dbt's layering:

* staging (``models/staging/<system>/stg_<system>__<entity>.sql``): one model per source table,
  selecting and renaming explicit columns from a source declared in YAML with ``data_type``s,
  some deduplicated with ``qualify row_number() ...``, some filtered on a ``var()``, some through
  project macros (``clean_string``, ``cents_to_dollars``);
* intermediate (``models/intermediate/int_*.sql``): aggregates, joins of CTEs, window functions,
  ``case`` buckets, ``{{ datediff(...) }}`` (a dbt cross-database macro), ``date_trunc``,
  a dispatched project macro (``surrogate_key``), incremental models with ``is_incremental()``,
  Jinja ``for`` loops that union the staging models of one entity; in consumer projects some read
  a public ``core`` (or ``finance``) mart through ``{{ ref('core', 'fct_x') }}``, some pinned with
  ``v=``;
* marts (``models/marts/fct_*.sql`` / ``dim_*.sql``): about 30% with an enforced contract whose
  ``data_type``s are the types DuckDB really produces (spelled with DuckDB's synonyms: ``int``,
  ``text``, ``numeric(18,2)`` ...), some of these versioned (``v1``/``v2`` files, ``latest_version``,
  ``include: all`` / ``exclude:``, a future ``deprecation_date`` on v1).

Intermediate and mart folders belong to one group per project; some intermediate models are
``access: private`` (referenced only from inside the group). Each project has a ``profiles.yml``
(``type: duckdb``, ``path: <project>.duckdb``), and each consumer a ``dbt_loom.config.yml`` pointing
at its upstream projects' ``target/manifest.json``, so ``dbt parse`` accepts the cross-project refs
once the upstream project has been parsed (parse ``core``, then ``finance`` and ``marketing``, then
``ops``; ``mesh.json`` lists that order).

The generator keeps the DuckDB type of every column it emits (checked against real dbt + DuckDB
with benchmarks/dbt_build_check.py). About half of the sums are left as DuckDB types them (an
INTEGER sums to a HUGEINT, a DECIMAL(18,2) to a DECIMAL(38,2)), the others are cast back;
``--cast-sums`` casts all of them (meshlint up to 2a431fa mistyped the DuckDB sums). It writes no
decimal arithmetic, which meshlint leaves unverified. See benchmarks/README.md.

Counting: ``--models`` is the number of model nodes (a versioned model with v1 and v2 counts two),
which is also what ``meshlint check`` reports as models. Same seed and size, same files.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rich_sql import RichGenerator  # noqa: E402  (benchmarks/rich_sql.py: the rich-SQL profile)

TODAY_FOR_DEPRECATIONS = "2026-11-23"  # the --today run.py passes; v1 deprecation dates are well after it
V1_DEPRECATION_DATE = "2027-09-30"

# ---------------------------------------------------------------------------------------------------
# DuckDB types, as DuckDB names them (str(DuckDBPyType)), and synonyms DuckDB accepts in a contract.
# ---------------------------------------------------------------------------------------------------

INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, BOOLEAN = (
    "INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN",
)
MONEY = "DECIMAL(18,2)"
HUGEINT = "HUGEINT"  # DuckDB's sum() of an integer
SUM_MONEY = "DECIMAL(38,2)"  # DuckDB's sum() of a DECIMAL(18,2)

SYNONYMS = {
    INTEGER: ["integer", "integer", "int", "int4"],
    BIGINT: ["bigint", "bigint", "int8"],
    DOUBLE: ["double", "double", "float8"],
    VARCHAR: ["varchar", "varchar", "text", "string"],
    DATE: ["date"],
    TIMESTAMP: ["timestamp", "timestamp", "datetime"],
    BOOLEAN: ["boolean", "boolean", "bool"],
    MONEY: ["decimal(18,2)", "numeric(18,2)", "decimal(18, 2)"],
    HUGEINT: ["hugeint", "int128"],
    SUM_MONEY: ["decimal(38,2)", "numeric(38, 2)"],
}

SOURCE_TYPES = {INTEGER: "integer", BIGINT: "bigint", DOUBLE: "double", VARCHAR: "varchar", DATE: "date",
                TIMESTAMP: "timestamp", BOOLEAN: "boolean", MONEY: "decimal(18,2)"}

# ---------------------------------------------------------------------------------------------------
# Source entities: (raw column, raw type, staging expression, output column, output type).
# In the staging expression `{c}` is the raw column; `@clean` and `@cents` call project macros.
# ---------------------------------------------------------------------------------------------------

Col = tuple[str, str]  # (name, DuckDB type)

ENTITIES: dict[str, list[tuple[str, str, str, str, str]]] = {
    "customers": [
        ("id", INTEGER, "{c}", "customer_id", INTEGER),
        ("first_name", VARCHAR, "{c}", "first_name", VARCHAR),
        ("last_name", VARCHAR, "{c}", "last_name", VARCHAR),
        ("email", VARCHAR, "@clean", "email", VARCHAR),
        ("country", VARCHAR, "upper({c})", "country_code", VARCHAR),
        ("signup_date", DATE, "{c}", "signup_date", DATE),
        ("created", TIMESTAMP, "{c}", "created_at", TIMESTAMP),
        ("active", BOOLEAN, "coalesce({c}, false)", "is_active", BOOLEAN),
    ],
    "orders": [
        ("id", INTEGER, "{c}", "order_id", INTEGER),
        ("customer", INTEGER, "{c}", "customer_id", INTEGER),
        ("product", INTEGER, "{c}", "product_id", INTEGER),
        ("ordered_on", DATE, "{c}", "order_date", DATE),
        ("status", VARCHAR, "@clean", "order_status", VARCHAR),
        ("qty", INTEGER, "{c}", "quantity", INTEGER),
        ("amount", MONEY, "{c}", "order_amount", MONEY),
        ("created", TIMESTAMP, "{c}", "ordered_at", TIMESTAMP),
    ],
    "payments": [
        ("id", INTEGER, "{c}", "payment_id", INTEGER),
        ("order_id", INTEGER, "{c}", "order_id", INTEGER),
        ("customer_id", INTEGER, "{c}", "customer_id", INTEGER),
        ("method", VARCHAR, "@clean", "payment_method", VARCHAR),
        ("amount_cents", INTEGER, "@cents", "payment_amount", MONEY),
        ("paid", TIMESTAMP, "{c}", "paid_at", TIMESTAMP),
        ("succeeded", BOOLEAN, "{c}", "is_successful", BOOLEAN),
    ],
    "sessions": [
        ("id", BIGINT, "{c}", "session_id", BIGINT),
        ("user_id", INTEGER, "{c}", "customer_id", INTEGER),
        ("channel", VARCHAR, "lower({c})", "channel", VARCHAR),
        ("started", TIMESTAMP, "{c}", "session_started_at", TIMESTAMP),
        ("duration_s", INTEGER, "{c}", "duration_seconds", INTEGER),
        ("pages", INTEGER, "{c}", "page_views", INTEGER),
        ("converted", BOOLEAN, "{c}", "is_converted", BOOLEAN),
    ],
    "tickets": [
        ("id", INTEGER, "{c}", "ticket_id", INTEGER),
        ("requester", INTEGER, "{c}", "customer_id", INTEGER),
        ("priority", VARCHAR, "@clean", "priority", VARCHAR),
        ("opened", TIMESTAMP, "{c}", "opened_at", TIMESTAMP),
        ("closed", TIMESTAMP, "{c}", "closed_at", TIMESTAMP),
        ("escalated", BOOLEAN, "coalesce({c}, false)", "is_escalated", BOOLEAN),
        ("csat", DOUBLE, "{c}", "satisfaction_score", DOUBLE),
    ],
    "invoices": [
        ("id", INTEGER, "{c}", "invoice_id", INTEGER),
        ("account", INTEGER, "{c}", "customer_id", INTEGER),
        ("issued", DATE, "{c}", "invoice_date", DATE),
        ("due", DATE, "{c}", "due_date", DATE),
        ("total", MONEY, "{c}", "invoice_total", MONEY),
        ("currency", VARCHAR, "upper({c})", "currency_code", VARCHAR),
        ("paid", BOOLEAN, "{c}", "is_paid", BOOLEAN),
    ],
    "shipments": [
        ("id", INTEGER, "{c}", "shipment_id", INTEGER),
        ("order_id", INTEGER, "{c}", "order_id", INTEGER),
        ("customer_id", INTEGER, "{c}", "customer_id", INTEGER),
        ("carrier", VARCHAR, "@clean", "carrier", VARCHAR),
        ("shipped", DATE, "{c}", "shipped_date", DATE),
        ("delivered", DATE, "{c}", "delivered_date", DATE),
        ("weight", DOUBLE, "{c}", "weight_kg", DOUBLE),
    ],
    "subscriptions": [
        ("id", INTEGER, "{c}", "subscription_id", INTEGER),
        ("customer_id", INTEGER, "{c}", "customer_id", INTEGER),
        ("plan", VARCHAR, "@clean", "plan_name", VARCHAR),
        ("mrr_cents", INTEGER, "@cents", "monthly_revenue", MONEY),
        ("started", DATE, "{c}", "started_date", DATE),
        ("cancelled", DATE, "{c}", "cancelled_date", DATE),
        ("trial", BOOLEAN, "{c}", "is_trial", BOOLEAN),
    ],
    "products": [
        ("id", INTEGER, "{c}", "product_id", INTEGER),
        ("name", VARCHAR, "{c}", "product_name", VARCHAR),
        ("category", VARCHAR, "@clean", "product_category", VARCHAR),
        ("price", MONEY, "{c}", "unit_price", MONEY),
        ("launched", DATE, "{c}", "launched_date", DATE),
        ("discontinued", BOOLEAN, "coalesce({c}, false)", "is_discontinued", BOOLEAN),
    ],
    "campaigns": [
        ("id", INTEGER, "{c}", "campaign_id", INTEGER),
        ("customer_id", INTEGER, "{c}", "customer_id", INTEGER),
        ("channel", VARCHAR, "lower({c})", "campaign_channel", VARCHAR),
        ("sent", TIMESTAMP, "{c}", "sent_at", TIMESTAMP),
        ("spend", MONEY, "{c}", "campaign_spend", MONEY),
        ("clicks", INTEGER, "{c}", "click_count", INTEGER),
        ("opened", BOOLEAN, "{c}", "was_opened", BOOLEAN),
    ],
}

KEYS = ("customer_id", "order_id", "product_id")


@dataclass(frozen=True)
class ProjectSpec:
    name: str
    share: float
    upstream: tuple[str, ...]
    systems: tuple[str, ...]
    entities: tuple[str, ...]
    group: str
    owner: str
    mart_prefix: str
    public_share: float


PROJECTS = (
    ProjectSpec("core", 0.40, (), ("shop", "crm", "billing", "web", "support", "logistics"),
                tuple(ENTITIES), "core_platform", "Core Data Platform", "", 0.6),
    ProjectSpec("finance", 0.20, ("core",), ("ledger", "payroll", "treasury"),
                ("invoices", "payments", "subscriptions", "customers", "orders"), "finance_analytics", "Finance Analytics", "fin_", 0.35),
    ProjectSpec("marketing", 0.20, ("core",), ("ads", "email", "social"),
                ("campaigns", "sessions", "customers", "orders"), "marketing_analytics", "Marketing Analytics", "mkt_", 0.2),
    ProjectSpec("ops", 0.20, ("core", "finance"), ("warehouse", "fleet", "helpdesk"),
                ("shipments", "tickets", "orders", "products"), "operations", "Operations Analytics", "ops_", 0.2),
)


@dataclass
class Model:
    project: str
    name: str
    layer: str  # staging | intermediate | marts
    entity: str
    columns: list[Col]
    keys: list[str]
    public: bool = False
    contracted: bool = False
    versions: dict[int, list[Col]] | None = None  # versioned models: version -> columns
    private: bool = False

    def columns_for(self, version: int | None) -> list[Col]:
        if self.versions is None:
            return self.columns
        return self.versions[version if version is not None else max(self.versions)]


# ---------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------


def unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate = f"{name}_{n}"
        n += 1
    taken.add(candidate)
    return candidate


def of_type(columns: list[Col], *types: str, exclude_keys: bool = True) -> list[str]:
    return [n for n, t in columns if t in types and not (exclude_keys and n.endswith("_id"))]


def short(name: str) -> str:
    """A column-name stem for a model: int_orders_enriched_3 -> orders."""
    prefixes = ("stg_", "int_", "fct_", "dim_", "fin_", "mkt_", "ops_")
    while name.startswith(prefixes):
        name = name.split("_", 1)[1]
    return name.split("__")[-1].split("_")[0]


def ref_call(target: Model, from_project: str, version: int | None = None) -> str:
    if target.project == from_project:
        return f"{{{{ ref('{target.name}') }}}}"
    pin = f", v={version}" if version is not None else ""
    return f"{{{{ ref('{target.project}', '{target.name}'{pin}) }}}}"


def indent(lines: list[str], spaces: int) -> str:
    pad = " " * spaces
    return ",\n".join(pad + line for line in lines)


def yaml_quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


# ---------------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------------


@dataclass
class ProjectOut:
    spec: ProjectSpec
    root: Path
    models: list[Model] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text
    yaml_entries: dict[str, list[str]] = field(default_factory=dict)  # yaml path -> model entries


class MeshGenerator:
    def __init__(
        self, total: int, seed: int, out: Path, extended_macros: bool = False, cast_sums: bool = False, layout: str = "mesh"
    ) -> None:
        # `single`: one project (core's systems and entities) holds every model
        self.specs = PROJECTS if layout == "mesh" else (replace(PROJECTS[0], share=1.0),)
        if total < 40:
            raise SystemExit("generate.py: --models must be at least 40")
        self.total = total
        self.rng = random.Random(seed)
        self.seed = seed
        self.out = out
        self.extended_macros = extended_macros
        self.cast_sums = cast_sums
        self.sum_uncast = False  # decided per sum by sum_type(), from a separate stream (see sum_type)
        self.sum_rng = random.Random(seed + 1)
        self.names: set[str] = set()
        self.projects: dict[str, ProjectOut] = {}
        self.counts: dict[str, dict[str, int]] = {}

    # --- allocation -------------------------------------------------------------------------------

    def quotas(self) -> dict[str, int]:
        quotas, left = {}, self.total
        for spec in self.specs[:-1]:
            quotas[spec.name] = round(self.total * spec.share)
            left -= quotas[spec.name]
        quotas[self.specs[-1].name] = left
        return quotas

    def sum_type(self, arg_type: str) -> str:
        """The type of the sum expression sum_expr() just wrote."""
        if self.sum_uncast:
            return HUGEINT if arg_type == INTEGER else SUM_MONEY
        return BIGINT if arg_type == INTEGER else MONEY

    def sum_expr(self, column: str, arg_type: str, over: str = "") -> str:
        """`sum(x)` as DuckDB types it (HUGEINT, DECIMAL(38,2)) for about half the sums, else cast
        back to bigint / decimal(18,2). With --cast-sums every sum is cast. The choice draws from its
        own random stream, so --cast-sums meshes are the same files as before the option existed."""
        self.sum_uncast = not self.cast_sums and self.sum_rng.random() < 0.5
        if self.sum_uncast:
            return f"sum({column}){over}"
        target = "bigint" if arg_type == INTEGER else "decimal(18, 2)"
        return f"cast(sum({column}){over} as {target})"

    def model_name(self, base: str) -> str:
        return unique(base, self.names)

    # --- top level --------------------------------------------------------------------------------

    def generate(self) -> dict[str, object]:
        quotas = self.quotas()
        for spec in self.specs:
            project = ProjectOut(spec, self.out / spec.name)
            self.projects[spec.name] = project
            self.generate_project(project, quotas[spec.name])
        for project in self.projects.values():
            self.write_project(project)
        total = sum(len(self.nodes(p)) for p in self.projects.values())
        assert total == self.total, (total, self.total)
        core_int = next(m for m in self.projects["core"].models if m.layer == "intermediate")
        meta = {
            "seed": self.seed,
            "extended_macros": self.extended_macros,
            "cast_sums": self.cast_sums,
            "models": self.total,
            "profile": "simple",
            "parse_order": [spec.name for spec in self.specs],
            "projects": {name: self.counts[name] for name in self.projects},
            "edit_for_partial_parse": f"core/models/intermediate/{core_int.name}.sql",
        }
        (self.out / "mesh.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        (self.out / "README.md").write_text(
            f"Synthetic dbt Mesh generated by `benchmarks/generate.py --models {self.total} --seed {self.seed}`.\n"
            "Parse order for dbt (dbt-loom reads upstream target/manifest.json): "
            + ", ".join(meta["parse_order"]) + ".\n",
            encoding="utf-8",
        )
        return meta

    def nodes(self, project: ProjectOut) -> list[str]:
        out = []
        for m in project.models:
            out.extend([f"{m.name}.v{v}" for v in m.versions] if m.versions else [m.name])
        return out

    def generate_project(self, project: ProjectOut, quota: int) -> None:
        rng = self.rng
        n_staging = max(3, round(quota * 0.30))
        n_marts = max(2, round(quota * 0.30))
        n_int = quota - n_staging - n_marts
        staging = self.generate_staging(project, n_staging)
        ints: list[Model] = []
        for _ in range(n_int):
            ints.append(self.generate_intermediate(project, staging, ints))
        nodes = 0
        marts: list[Model] = []
        while nodes < n_marts:
            left = n_marts - nodes
            marts.append(self.generate_mart(project, staging, ints, marts, allow_versions=left >= 2))
            nodes += 2 if marts[-1].versions else 1
        self.counts[project.spec.name] = {
            "staging": len(staging),
            "intermediate": len(ints),
            "marts": len(marts),
            "mart_nodes": nodes,
            "contracted": sum(1 for m in marts if m.contracted),
            "versioned": sum(1 for m in marts if m.versions),
            "public": sum(1 for m in marts if m.public),
            "private_intermediate": sum(1 for m in ints if m.private),
        }
        del rng

    # --- staging ----------------------------------------------------------------------------------

    def generate_staging(self, project: ProjectOut, count: int) -> list[Model]:
        rng, spec = self.rng, project.spec
        models: list[Model] = []
        systems: list[tuple[str, list[str]]] = []
        index = 0
        while sum(len(e) for _, e in systems) < count:
            base = spec.systems[index % len(spec.systems)]
            system = f"{base}_{index // len(spec.systems) + 1:02d}"
            index += 1
            entities = rng.sample(spec.entities, k=min(len(spec.entities), rng.randint(2, 5)))
            systems.append((system, sorted(entities)))
        # trim to the exact count, from the last systems
        excess = sum(len(e) for _, e in systems) - count
        while excess > 0:
            system, entities = systems[-1]
            drop = min(excess, len(entities) - 1) if len(systems) > 1 else excess
            if drop >= len(entities):
                systems.pop()
                excess -= len(entities)
                continue
            systems[-1] = (system, entities[: len(entities) - drop])
            excess -= drop
        for system, entities in systems:
            folder = f"models/staging/{system}"
            source_tables, docs = [], []
            for entity in entities:
                name = self.model_name(f"stg_{system}__{entity}")
                model, sql, table_yaml, doc_yaml = self.staging_model(project, system, entity, name)
                models.append(model)
                project.models.append(model)
                project.files[f"{folder}/{name}.sql"] = sql
                source_tables.append(table_yaml)
                docs.append(doc_yaml)
            project.files[f"{folder}/_{system}__sources.yml"] = (
                "version: 2\n\nsources:\n"
                f"  - name: {system}\n"
                f"    description: Raw tables replicated from the {system.split('_')[0]} system.\n"
                f"    schema: raw_{system}\n"
                "    loaded_at_field: _loaded_at\n"
                "    tables:\n" + "".join(source_tables)
            )
            project.files[f"{folder}/_{system}__models.yml"] = "version: 2\n\nmodels:\n" + "".join(docs)
        return models

    def staging_model(self, project: ProjectOut, system: str, entity: str, name: str) -> tuple[Model, str, str, str]:
        rng = self.rng
        template = ENTITIES[entity]
        # a few staging models leave out an optional column, so the same entity differs between systems
        optional = [t for t in template[1:] if not t[3].endswith("_id")]
        dropped = {rng.choice(optional)[3]} if rng.random() < 0.15 else set()
        cols = [t for t in template if t[3] not in dropped]
        lines, columns = [], []
        for raw, _raw_type, expr, out_name, out_type in cols:
            if expr == "@clean":
                sql = f"{{{{ clean_string('{raw}') }}}}"
            elif expr == "@cents":
                sql = f"{{{{ cents_to_dollars('{raw}') }}}}"
            else:
                sql = expr.format(c=raw)
            lines.append(f"{sql} as {out_name}" if sql != out_name else out_name)
            columns.append((out_name, out_type))
        pk = cols[0][0]
        variant = rng.random()
        if variant < 0.25:
            source_cte = (
                f"    select * from {{{{ source('{system}', '{entity}') }}}}\n"
                f"    qualify row_number() over (partition by {pk} order by _loaded_at desc) = 1\n"
            )
        else:
            source_cte = f"    select * from {{{{ source('{system}', '{entity}') }}}}\n"
        where = ""
        if 0.25 <= variant < 0.45:
            where = "\n    where _loaded_at >= '{{ var(\"history_start\") }}'"
        sql = (
            "with source as (\n\n"
            f"{source_cte}\n"
            "),\n\n"
            "renamed as (\n\n"
            "    select\n"
            f"{indent(lines, 8)}\n"
            f"    from source{where}\n\n"
            ")\n\n"
            "select * from renamed\n"
        )
        table_cols = "".join(
            f"          - name: {raw}\n            data_type: {SOURCE_TYPES[raw_type]}\n"
            for raw, raw_type, _e, _n, _t in template
        ) + "          - name: _loaded_at\n            data_type: timestamp\n"
        table_yaml = (
            f"      - name: {entity}\n"
            f"        description: {entity.capitalize()} as exported by {system}.\n"
            "        columns:\n" + table_cols
        )
        key = columns[0][0]
        doc_yaml = (
            f"  - name: {name}\n"
            f"    description: {entity.capitalize()} from {system}, renamed and typed.\n"
            "    columns:\n"
            f"      - name: {key}\n"
            "        data_tests:\n"
            "          - unique\n"
            "          - not_null\n"
        )
        keys = [c for c, _ in columns if c in KEYS]
        model = Model(project.spec.name, name, "staging", entity, columns, keys)
        return model, sql, table_yaml, doc_yaml

    # --- intermediate -----------------------------------------------------------------------------

    def pick_parent(self, project: ProjectOut, staging: list[Model], ints: list[Model], key: str | None = None) -> tuple[Model, int | None]:
        """A parent in the project (staging or an earlier intermediate), or a public upstream mart."""
        rng = self.rng
        upstream: list[Model] = []
        for name in project.spec.upstream:
            upstream.extend(m for m in self.projects[name].models if m.public)
        roll = rng.random()
        if upstream and roll < 0.25:
            pool = upstream
        elif ints and roll < 0.6:
            pool = ints[-40:]  # recent ones: chains grow deeper, as real DAGs do
        else:
            pool = staging
        if key is not None:
            pool = [m for m in pool if key in m.keys] or [m for m in staging + ints if key in m.keys]
        pool = [m for m in pool if not m.private or m.project == project.spec.name]
        target = rng.choice(pool)
        version = None
        if target.versions and target.project != project.spec.name:
            version = rng.choice([None, None, 1, 2])
        return target, version

    def generate_intermediate(self, project: ProjectOut, staging: list[Model], ints: list[Model]) -> Model:
        rng = self.rng
        by_entity: dict[str, list[Model]] = {}
        for m in staging:  # staging models of one entity with the same columns can be unioned
            by_entity.setdefault(m.entity + ":" + ",".join(c for c, _ in m.columns), []).append(m)
        unionable = [e for e, ms in by_entity.items() if len(ms) >= 2]
        kinds = ["aggregate", "join", "window", "enrich"] + (["union"] if unionable else [])
        weights = [0.22, 0.32, 0.16, 0.2] + ([0.1] if unionable else [])
        kind = rng.choices(kinds, weights)[0]
        if kind == "union":
            model, sql = self.int_union(project, by_entity[rng.choice(sorted(unionable))])
        else:
            parent, version = self.pick_parent(project, staging, ints)
            if kind == "aggregate" and parent.keys:
                model, sql = self.int_aggregate(project, parent, version)
            elif kind == "join" and parent.keys:
                key = rng.choice(parent.keys)
                other, other_version = self.pick_parent(project, staging, ints, key=key)
                if other is parent:
                    model, sql = self.int_enrich(project, parent, version)
                else:
                    model, sql = self.int_join(project, parent, version, other, other_version, key)
            elif kind == "window" and parent.keys and of_type(parent.columns, DATE, TIMESTAMP):
                model, sql = self.int_window(project, parent, version)
            else:
                model, sql = self.int_enrich(project, parent, version)
        model.private = rng.random() < 0.35
        project.models.append(model)
        project.files[f"models/intermediate/{model.name}.sql"] = sql
        entry = f"  - name: {model.name}\n    description: {yaml_quote(kind.capitalize() + ' step over ' + model.entity + '.')}\n"
        if model.private:
            entry += "    config:\n      access: private\n"
        project.yaml_entries.setdefault("models/intermediate/_intermediate.yml", []).append(entry)
        return model

    def limit_columns(self, columns: list[Col], keep: list[str], most: int) -> list[Col]:
        """At most `most` columns, the keys and `keep` first: real models do not carry everything along."""
        if len(columns) <= most:
            return list(columns)
        first = [c for c in columns if c[0] in keep or c[0] in KEYS]
        rest = [c for c in columns if c not in first]
        chosen = set(self.rng.sample(range(len(rest)), k=max(0, most - len(first))))
        return first + [c for i, c in enumerate(rest) if i in chosen]

    def int_aggregate(self, project: ProjectOut, parent: Model, version: int | None) -> tuple[Model, str]:
        rng = self.rng
        cols = parent.columns_for(version)
        key = rng.choice(parent.keys)
        stem = short(parent.name) if parent.layer != "staging" else parent.entity
        name = self.model_name(f"int_{stem}_by_{key[:-3]}")
        taken = {key}
        lines = [key, f"count(*) as {unique(stem + '_count', taken)}"]
        out: list[Col] = [(key, dict(cols)[key]), (lines[1].split(" as ")[1], BIGINT)]
        other_keys = [k for k in parent.keys if k != key]
        if other_keys:
            n = unique(f"distinct_{other_keys[0][:-3]}_count", taken)
            lines.append(f"count(distinct {other_keys[0]}) as {n}")
            out.append((n, BIGINT))
        for c in of_type(cols, MONEY)[:2]:
            n = unique(f"total_{c}", taken)
            lines.append(self.sum_expr(c, MONEY) + f" as {n}")
            out.append((n, self.sum_type(MONEY)))
            if rng.random() < 0.5:
                n = unique(f"avg_{c}", taken)
                lines.append(f"avg({c}) as {n}")
                out.append((n, DOUBLE))
        for c in of_type(cols, INTEGER)[:1]:
            n = unique(f"total_{c}", taken)
            lines.append(self.sum_expr(c, INTEGER) + f" as {n}")
            out.append((n, self.sum_type(INTEGER)))
        for c in of_type(cols, DATE, TIMESTAMP)[:2]:
            t = dict(cols)[c]
            for fn in ("min", "max"):
                n = unique(f"{'first' if fn == 'min' else 'last'}_{c}", taken)
                lines.append(f"{fn}({c}) as {n}")
                out.append((n, t))
        for c in of_type(cols, BOOLEAN)[:1]:
            n = unique(f"{c}_count", taken)
            lines.append(f"count(case when {c} then 1 end) as {n}")
            out.append((n, BIGINT))
            n = unique(f"any_{c}", taken)
            lines.append(f"bool_or({c}) as {n}")
            out.append((n, BOOLEAN))
        sql = (
            f"{{{{ config(materialized='table') }}}}\n\n"
            f"with {stem} as (\n\n"
            f"    select * from {ref_call(parent, project.spec.name, version)}\n\n"
            "),\n\n"
            "aggregated as (\n\n"
            "    select\n"
            f"{indent(lines, 8)}\n"
            f"    from {stem}\n"
            f"    group by {key}\n\n"
            ")\n\n"
            "select * from aggregated\n"
        )
        return Model(project.spec.name, name, "intermediate", stem, out, [key]), sql

    def int_join(self, project: ProjectOut, a: Model, av: int | None, b: Model, bv: int | None, key: str) -> tuple[Model, str]:
        rng = self.rng
        a_cols = self.limit_columns(a.columns_for(av), [key], 10)
        b_cols = b.columns_for(bv)
        a_stem = short(a.name) if a.layer != "staging" else a.entity
        b_stem = short(b.name) if b.layer != "staging" else b.entity
        if b_stem == a_stem:
            b_stem = b_stem + "_b"
        name = self.model_name(f"int_{a_stem}_joined_{b_stem}")
        taken = {c for c, _ in a_cols}
        summary_lines = [key, f"count(*) as {unique(b_stem + '_count', taken)}"]
        summary: list[Col] = [(summary_lines[1].split(" as ")[1], BIGINT)]
        for c in of_type(b_cols, MONEY)[:1]:
            n = unique(f"{b_stem}_{c}_total", taken)
            summary_lines.append(self.sum_expr(c, MONEY) + f" as {n}")
            summary.append((n, self.sum_type(MONEY)))
        for c in of_type(b_cols, DATE, TIMESTAMP)[:1]:
            n = unique(f"last_{b_stem}_{c}", taken)
            summary_lines.append(f"max({c}) as {n}")
            summary.append((n, dict(b_cols)[c]))
        select = [f"{a_stem}.{c}" for c, _ in a_cols]
        out = list(a_cols)
        for n, t in summary:
            if t == BIGINT and rng.random() < 0.7:
                select.append(f"coalesce({b_stem}_summary.{n}, 0) as {n}")
            else:
                select.append(f"{b_stem}_summary.{n}")
            out.append((n, t))
        a_dates = of_type(a_cols, DATE, TIMESTAMP)
        b_dates = [n for n, t in summary if t in (DATE, TIMESTAMP)]
        if a_dates and b_dates:
            n = unique(f"days_to_last_{b_stem}", taken)
            select.append(f"{{{{ datediff('{a_stem}.{a_dates[0]}', '{b_stem}_summary.{b_dates[0]}', 'day') }}}} as {n}")
            out.append((n, BIGINT))
        sql = (
            f"with {a_stem} as (\n\n"
            f"    select * from {ref_call(a, project.spec.name, av)}\n\n"
            "),\n\n"
            f"{b_stem} as (\n\n"
            f"    select * from {ref_call(b, project.spec.name, bv)}\n\n"
            "),\n\n"
            f"{b_stem}_summary as (\n\n"
            "    select\n"
            f"{indent(summary_lines, 8)}\n"
            f"    from {b_stem}\n"
            f"    group by {key}\n\n"
            "),\n\n"
            "joined as (\n\n"
            "    select\n"
            f"{indent(select, 8)}\n"
            f"    from {a_stem}\n"
            f"    left join {b_stem}_summary\n"
            f"        on {a_stem}.{key} = {b_stem}_summary.{key}\n\n"
            ")\n\n"
            "select * from joined\n"
        )
        keys = [k for k in a.keys if k in dict(out)]
        return Model(project.spec.name, name, "intermediate", a_stem, out, keys), sql

    def int_window(self, project: ProjectOut, parent: Model, version: int | None) -> tuple[Model, str]:
        rng = self.rng
        cols = self.limit_columns(parent.columns_for(version), [], 11)
        stem = short(parent.name) if parent.layer != "staging" else parent.entity
        key = rng.choice(parent.keys)
        if key not in dict(cols):
            cols = [(key, dict(parent.columns_for(version))[key])] + cols
        order = of_type(cols, DATE, TIMESTAMP)
        if not order:
            order = of_type(parent.columns_for(version), DATE, TIMESTAMP)[:1]
            cols = cols + [(order[0], dict(parent.columns_for(version))[order[0]])]
        o = order[0]
        name = self.model_name(f"int_{stem}_sequenced")
        taken = {c for c, _ in cols}
        window = f"partition by {key} order by {o}"
        select = [c for c, _ in cols]
        out = list(cols)
        n = unique(f"{stem}_sequence", taken)
        select.append(f"row_number() over ({window}) as {n}")
        out.append((n, BIGINT))
        n = unique(f"previous_{o}", taken)
        select.append(f"lag({o}) over ({window}) as {n}")
        out.append((n, dict(cols)[o]))
        n = unique(f"is_latest_{stem}", taken)
        select.append(f"row_number() over (partition by {key} order by {o} desc) = 1 as {n}")
        out.append((n, BOOLEAN))
        money = of_type(cols, MONEY)
        if money:
            n = unique(f"running_{money[0]}", taken)
            select.append(
                self.sum_expr(money[0], MONEY, f" over ({window} rows between unbounded preceding and current row)") + f" as {n}"
            )
            out.append((n, self.sum_type(MONEY)))
        if rng.random() < 0.5:
            n = unique(f"{stem}_rank", taken)
            select.append(f"dense_rank() over (order by {o}) as {n}")
            out.append((n, BIGINT))
        sql = (
            f"select\n{indent(select, 4)}\n"
            f"from {ref_call(parent, project.spec.name, version)}\n"
        )
        return Model(project.spec.name, name, "intermediate", stem, out, [k for k in parent.keys if k in dict(out)]), sql

    def int_enrich(self, project: ProjectOut, parent: Model, version: int | None) -> tuple[Model, str]:
        rng = self.rng
        cols = self.limit_columns(parent.columns_for(version), [], 11)
        stem = short(parent.name) if parent.layer != "staging" else parent.entity
        name = self.model_name(f"int_{stem}_enriched")
        taken = {c for c, _ in cols}
        select = [f"base.{c}" for c, _ in cols]
        out = list(cols)
        money = of_type(cols, MONEY, DOUBLE)
        if money:
            m = money[0]
            n = unique(f"{m}_band", taken)
            select.append(
                f"case\n            when {m} >= 1000 then 'large'\n            when {m} >= 100 then 'medium'\n"
                f"            else 'small'\n        end as {n}"
            )
            out.append((n, VARCHAR))
        dates = of_type(cols, DATE, TIMESTAMP)
        if dates:
            d = dates[0]
            n = unique(f"{d.removesuffix('_at').removesuffix('_date')}_month", taken)
            if self.extended_macros:
                select.append(f"cast({{{{ dbt.date_trunc('month', '{d}') }}}} as date) as {n}")
                out.append((n, DATE))
                n = unique(f"{d.removesuffix('_at').removesuffix('_date')}_plus_30_days", taken)
                select.append(f"cast({{{{ dbt.dateadd('day', 30, '{d}') }}}} as date) as {n}")
            else:
                select.append(f"cast(date_trunc('month', {d}) as date) as {n}")
            out.append((n, DATE))
            n = unique(f"{d.removesuffix('_at').removesuffix('_date')}_year", taken)
            select.append(f"extract(year from {d}) as {n}")
            out.append((n, BIGINT))
            if len(dates) > 1:
                n = unique(f"days_between_{dates[0]}_and_{dates[1]}", taken)
                select.append(f"{{{{ datediff('{dates[0]}', '{dates[1]}', 'day') }}}} as {n}")
            else:
                n = unique(f"days_since_{d}", taken)
                select.append(f"{{{{ dbt.datediff('{d}', 'current_date', 'day') }}}} as {n}")
            out.append((n, BIGINT))
        texts = of_type(cols, VARCHAR)
        if texts:
            n = unique(f"has_{texts[0]}", taken)
            select.append(f"{texts[0]} is not null and {texts[0]} <> '' as {n}")
            out.append((n, BOOLEAN))
            if self.extended_macros:
                n = unique(f"{texts[0]}_hash", taken)
                select.append(f"{{{{ dbt.hash('{texts[0]}') }}}} as {n}")
                out.append((n, VARCHAR))
                n = unique(f"{texts[0]}_label", taken)
                select.append(f"{{{{ dbt.concat([\"'{stem}:'\", '{texts[0]}']) }}}} as {n}")
                out.append((n, VARCHAR))
        keys = [k for k in parent.keys if k in dict(cols)]
        if keys and dates:
            n = unique(f"{stem}_key", taken)
            select.append(f"{{{{ surrogate_key(['{keys[0]}', '{dates[0]}']) }}}} as {n}")
            out.append((n, VARCHAR))
        incremental = bool(dates) and dict(cols)[dates[0]] == TIMESTAMP and rng.random() < 0.4
        header = ""
        filter_ = ""
        if incremental:
            header = f"{{{{\n    config(\n        materialized='incremental',\n        unique_key='{keys[0] if keys else dates[0]}'\n    )\n}}}}\n\n"
            filter_ = (
                "\n\n    {% if is_incremental() %}\n"
                f"    where {dates[0]} > (select max({dates[0]}) from {{{{ this }}}})\n"
                "    {% endif %}"
            )
        elif dates and rng.random() < 0.4:
            filter_ = f"\n\n    where {dates[0]} >= '{{{{ var(\"history_start\") }}}}'"
        sql = (
            f"{header}with base as (\n\n"
            f"    select * from {ref_call(parent, project.spec.name, version)}{filter_}\n\n"
            "),\n\n"
            "enriched as (\n\n"
            "    select\n"
            f"{indent(select, 8)}\n"
            "    from base\n\n"
            ")\n\n"
            "select * from enriched\n"
        )
        return Model(project.spec.name, name, "intermediate", stem, out, keys), sql

    def int_union(self, project: ProjectOut, members: list[Model]) -> tuple[Model, str]:
        rng = self.rng
        chosen = sorted(rng.sample(members, k=min(len(members), rng.randint(2, 4))), key=lambda m: m.name)
        entity = chosen[0].entity
        name = self.model_name(f"int_{entity}_unioned")
        cols = chosen[0].columns
        systems = [m.name.split("__")[0].removeprefix("stg_") for m in chosen]
        column_list = ",\n        ".join(c for c, _ in cols)
        sql = (
            "{%- set relations = [\n"
            + ",\n".join(f"    ('{s}', ref('{m.name}'))" for s, m in zip(systems, chosen))
            + "\n] -%}\n\n"
            "with unioned as (\n"
            "{% for system, relation in relations %}\n"
            "    select\n"
            "        '{{ system }}' as source_system,\n"
            f"        {column_list}\n"
            "    from {{ relation }}\n"
            "    {% if not loop.last %}union all{% endif %}\n"
            "{% endfor %}\n"
            ")\n\n"
            "select * from unioned\n"
        )
        out = [("source_system", VARCHAR)] + list(cols)
        return Model(project.spec.name, name, "intermediate", entity, out, list(chosen[0].keys)), sql

    # --- marts ------------------------------------------------------------------------------------

    def generate_mart(self, project: ProjectOut, staging: list[Model], ints: list[Model], marts: list[Model], allow_versions: bool) -> Model:
        rng, spec = self.rng, project.spec
        candidates = [m for m in ints if m.keys] or [m for m in staging if m.keys]
        primary = rng.choice(candidates[-60:] if rng.random() < 0.7 else candidates)
        pv = None
        cols = self.limit_columns(primary.columns, [], 14)
        key = rng.choice(primary.keys)
        if key not in dict(cols):
            cols = [(key, dict(primary.columns)[key])] + cols
        stem = short(primary.name) if primary.layer != "staging" else primary.entity
        kind = "dim" if key == "customer_id" and rng.random() < 0.5 else "fct"
        name = self.model_name(f"{spec.mart_prefix}{kind}_{stem}")
        taken = {c for c, _ in cols}
        select = [f"{stem}.{c}" for c, _ in cols]
        out = list(cols)
        ctes = [f"{stem} as (\n\n    select * from {ref_call(primary, spec.name, pv)}\n\n)"]
        joins = ""
        # enrich with a second parent on the same key
        others = [m for m in staging + ints if key in m.keys and m is not primary]
        if others and rng.random() < 0.6:
            other = rng.choice(others)
            o_stem = short(other.name) if other.layer != "staging" else other.entity
            if o_stem == stem:
                o_stem += "_b"
            o_cols = [(c, t) for c, t in other.columns if c != key and c not in taken]
            pick = o_cols[: rng.randint(1, 3)]
            if pick:
                lines = [key] + [f"max({c}) as {c}" for c, _ in pick]
                ctes.append(
                    f"{o_stem} as (\n\n    select\n{indent(lines, 8)}\n"
                    f"    from {ref_call(other, spec.name)}\n    group by {key}\n\n)"
                )
                for c, t in pick:
                    taken.add(c)
                    select.append(f"{o_stem}.{c}")
                    out.append((c, t))
                joins = f"\n    left join {o_stem}\n        on {stem}.{key} = {o_stem}.{key}"
        body_select = indent(select, 8)
        contracted = rng.random() < 0.30
        public = rng.random() < (spec.public_share + (0.4 if contracted else 0))
        versioned = contracted and public and allow_versions and rng.random() < 0.3
        model = Model(spec.name, name, "marts", stem, out, [key], public=public, contracted=contracted)
        materialized = "table" if contracted or rng.random() < 0.7 else "view"
        header = f"{{{{ config(materialized='{materialized}') }}}}\n\n"

        def mart_sql(extra: list[str]) -> str:
            sel = body_select + ("".join(",\n        " + e for e in extra))
            return (
                header + "with " + ",\n\n".join(ctes) + ",\n\nfinal as (\n\n"
                f"    select\n{sel}\n    from {stem}{joins}\n\n)\n\nselect * from final\n"
            )

        yaml_path = "models/marts/_marts.yml"
        if versioned:
            # v1 has a column v2 drops; v2 adds one v1 lacks
            droppable = [c for c, _ in out if c != key]
            dropped = rng.choice(droppable)
            added = unique(f"{stem}_row_count", taken)
            v1_cols = list(out)
            v2_cols = [c for c in out if c[0] != dropped] + [(added, BIGINT)]
            model.versions = {1: v1_cols, 2: v2_cols}
            v2_select_model = [s for s, (c, _) in zip(select, out) if c != dropped]
            sel2 = indent(v2_select_model, 8) + f",\n        count(*) over (partition by {stem}.{key}) as {added}"
            v2_sql = (
                header + "with " + ",\n\n".join(ctes) + ",\n\nfinal as (\n\n"
                f"    select\n{sel2}\n    from {stem}{joins}\n\n)\n\nselect * from final\n"
            )
            project.files[f"models/marts/{name}_v1.sql"] = mart_sql([])
            project.files[f"models/marts/{name}_v2.sql"] = v2_sql
            all_cols = list(out) + [(added, BIGINT)]
            entry = self.mart_yaml(model, all_cols, key)
            entry += (
                "    latest_version: 2\n"
                "    versions:\n"
                "      - v: 1\n"
                f"        deprecation_date: {V1_DEPRECATION_DATE}\n"
                "        columns:\n"
                "          - include: all\n"
                f"            exclude: [{added}]\n"
                "      - v: 2\n"
                "        columns:\n"
                "          - include: all\n"
                f"            exclude: [{dropped}]\n"
            )
        else:
            project.files[f"models/marts/{name}.sql"] = mart_sql([])
            entry = self.mart_yaml(model, out, key)
        project.yaml_entries.setdefault(yaml_path, []).append(entry)
        project.models.append(model)
        return model

    def mart_yaml(self, model: Model, columns: list[Col], key: str) -> str:
        rng = self.rng
        entry = f"  - name: {model.name}\n    description: {yaml_quote('One row per ' + key[:-3] + ' with ' + model.entity + ' measures.')}\n"
        if model.public:
            entry += "    access: public\n"
        if model.contracted:
            entry += "    config:\n      contract:\n        enforced: true\n"
        entry += "    columns:\n"
        for c, t in columns:
            entry += f"      - name: {c}\n"
            if model.contracted:
                entry += f"        data_type: {rng.choice(SYNONYMS[t])}\n"
                if c == key:
                    entry += "        constraints:\n          - type: not_null\n"
            elif c == key:
                entry += "        data_tests:\n          - not_null\n"
        return entry

    # --- files ------------------------------------------------------------------------------------

    def write_project(self, project: ProjectOut) -> None:
        spec = project.spec
        root = project.root
        files = dict(project.files)
        for path, entries in project.yaml_entries.items():
            files[path] = "version: 2\n\nmodels:\n" + "\n".join(entries)
        files["models/_groups.yml"] = (
            "version: 2\n\ngroups:\n"
            f"  - name: {spec.group}\n"
            "    owner:\n"
            f"      name: {spec.owner}\n"
            f"      email: {spec.name}-data@example.com\n"
        )
        files["dbt_project.yml"] = (
            f"name: {spec.name}\n"
            "version: \"1.0.0\"\n"
            "config-version: 2\n"
            f"profile: {spec.name}\n\n"
            "model-paths: [\"models\"]\n"
            "macro-paths: [\"macros\"]\n\n"
            "vars:\n"
            "  history_start: \"2020-01-01\"\n\n"
            "models:\n"
            f"  {spec.name}:\n"
            "    staging:\n"
            "      +materialized: view\n"
            "    intermediate:\n"
            "      +materialized: view\n"
            f"      +group: {spec.group}\n"
            "    marts:\n"
            "      +materialized: table\n"
            f"      +group: {spec.group}\n"
        )
        attach = "".join(
            f"        - path: ../{up}/{up}.duckdb\n          read_only: true\n" for up in spec.upstream
        )
        files["profiles.yml"] = (
            "# dbt-duckdb resolves `path` against the working directory: run dbt from this folder.\n"
            f"{spec.name}:\n"
            "  target: dev\n"
            "  outputs:\n"
            "    dev:\n"
            "      type: duckdb\n"
            f"      path: {spec.name}.duckdb\n"
            "      threads: 2\n"
            + (f"      attach:\n{attach}" if attach else "")
        )
        if spec.upstream:
            files["dependencies.yml"] = "projects:\n" + "".join(f"  - name: {up}\n" for up in spec.upstream)
            files["dbt_loom.config.yml"] = "manifests:\n" + "".join(
                f"  - name: {up}\n    type: file\n    config:\n      path: ../{up}/target/manifest.json\n"
                for up in spec.upstream
            )
        files.update(self.macros(spec))
        for rel, text in sorted(files.items()):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def macros(self, spec: ProjectSpec) -> dict[str, str]:
        return {
            "macros/clean_string.sql": (
                "{% macro clean_string(column_name) -%}\n"
                "    nullif(lower(trim({{ column_name }})), '')\n"
                "{%- endmacro %}\n"
            ),
            "macros/cents_to_dollars.sql": (
                "{% macro cents_to_dollars(column_name, scale=2) -%}\n"
                "    cast(({{ column_name }} / 100.0) as decimal(18, {{ scale }}))\n"
                "{%- endmacro %}\n"
            ),
            "macros/surrogate_key.sql": (
                "{% macro surrogate_key(field_list) -%}\n"
                f"    {{{{ return(adapter.dispatch('surrogate_key', '{spec.name}')(field_list)) }}}}\n"
                "{%- endmacro %}\n\n"
                "{% macro default__surrogate_key(field_list) -%}\n"
                "    md5(\n"
                "    {%- for field in field_list %}\n"
                "        coalesce(cast({{ field }} as varchar), '_null_')\n"
                "        {%- if not loop.last %} || '-' || {% endif %}\n"
                "    {%- endfor %}\n"
                "    )\n"
                "{%- endmacro %}\n"
            ),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, required=True, help="number of model nodes (versions count)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="replace the output folder if it exists")
    parser.add_argument(
        "--extended-macros",
        action="store_true",
        help="also call dbt.date_trunc, dbt.dateadd, dbt.hash and dbt.concat (needs a meshlint that ships them)",
    )
    parser.add_argument(
        "--cast-sums",
        action="store_true",
        help="cast every sum() back to bigint / decimal(18,2) (meshlint up to 2a431fa mistyped DuckDB sums)",
    )
    parser.add_argument(
        "--profile", choices=["simple", "rich"], default="simple",
        help="simple: short layered models (the default); rich: chains of 3-5 CTEs over 3-4 joins (benchmarks/rich_sql.py)",
    )
    parser.add_argument(
        "--layout", choices=["mesh", "single"], default=None,
        help="mesh: four projects (core, finance, marketing, ops); single: one large project "
        "(default: mesh for the simple profile, single for the rich one)",
    )
    args = parser.parse_args(argv)
    layout = args.layout or ("mesh" if args.profile == "simple" else "single")
    if args.out.exists():
        if not args.force and any(args.out.iterdir()):
            print(f"generate.py: {args.out} exists and is not empty (use --force)", file=sys.stderr)
            return 2
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    if args.profile == "rich":
        meta = RichGenerator(args.models, args.seed, args.out, layout).generate()
        summary = ", ".join(f"{name}: {c['models']}" for name, c in meta["projects"].items())
        print(f"wrote {meta['models']} rich-SQL models to {args.out} ({summary})")
        return 0
    meta = MeshGenerator(args.models, args.seed, args.out, args.extended_macros, args.cast_sums, layout).generate()
    summary = ", ".join(f"{name}: {sum(c[k] for k in ('staging', 'intermediate', 'mart_nodes'))}" for name, c in meta["projects"].items())
    print(f"wrote {meta['models']} models to {args.out} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
