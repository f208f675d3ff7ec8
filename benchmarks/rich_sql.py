"""The rich-SQL profile of the benchmark generator: models the way a mature warehouse writes them.

    python benchmarks/generate.py --profile rich --models 5000 --out /tmp/rich5000            # one project
    python benchmarks/generate.py --profile rich --layout mesh --models 5000 --out /tmp/rm5000  # four projects

Every model is a chain of 3-5 CTEs over 3-4 parents: a `joined` CTE that joins the parents on their
key (2-3 joins), a `typed` CTE of casts and CASE expressions, an `aggregated` CTE (count, count
distinct, sum, avg, min/max, bool_or, grouped by key and month), a `final` CTE that joins one more
relation back and derives bands and ratios, and sometimes a `ranked` CTE with a window function. Each
model outputs 15-25 columns, and the generator tracks the DuckDB type of every one of them: about 30%
of the models have an enforced contract that declares those types (spelled with DuckDB's synonyms),
and `dbt_build_check.py` builds small meshes of this profile on real DuckDB to prove them right.

The models of a project come in *domains* of about 50: a domain's first layer reads the domain's
source tables, each later layer reads models of the layers before it (at least one parent from the
layer just before), and now and then a model of the shared domain 0. So a model's ancestors are its
domain and domain 0, as in a real project, not half the project. In the mesh layout, consumer
projects' models sometimes read a public model of `core` (`ref('core', ...)`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, TIMESTAMP, BOOLEAN = (
    "INTEGER", "BIGINT", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN",
)
MONEY = "DECIMAL(18,2)"
SYNONYMS = {
    INTEGER: ["integer", "int", "int4"],
    BIGINT: ["bigint", "int8", "long"],
    DOUBLE: ["double", "float8"],
    VARCHAR: ["varchar", "text", "string"],
    DATE: ["date"],
    BOOLEAN: ["boolean", "bool"],
    MONEY: ["decimal(18,2)", "numeric(18,2)", "decimal(18, 2)"],
}
SOURCE_TYPE = {INTEGER: "integer", BIGINT: "bigint", DOUBLE: "double", VARCHAR: "varchar", DATE: "date",
               TIMESTAMP: "timestamp", BOOLEAN: "boolean", MONEY: "decimal(18,2)"}
KINDS = ((MONEY, "amount"), (INTEGER, "qty"), (VARCHAR, "label"), (BOOLEAN, "flag"), (DOUBLE, "score"),
         (TIMESTAMP, "at"), (BIGINT, "total"), (DATE, "day"))
DOMAIN_SIZE = 50
LAYERS = (0.2, 0.25, 0.25, 0.2, 0.1)  # share of a domain's models per layer
SOURCE_TABLES = 4

Col = tuple[str, str]


@dataclass
class Relation:
    """A model (or a source table) and the columns it produces."""

    name: str
    columns: list[Col]
    project: str
    source: str | None = None  # the source name, for a source table
    public: bool = False

    def call(self, from_project: str) -> str:
        if self.source is not None:
            return f"{{{{ source('{self.source}', '{self.name}') }}}}"
        if self.project != from_project:
            return f"{{{{ ref('{self.project}', '{self.name}') }}}}"
        return f"{{{{ ref('{self.name}') }}}}"


@dataclass
class Project:
    name: str
    upstream: tuple[str, ...]
    files: dict[str, str] = field(default_factory=dict)
    models: list[Relation] = field(default_factory=list)


class RichGenerator:
    def __init__(self, total: int, seed: int, out: Path, layout: str = "single") -> None:
        if total < DOMAIN_SIZE:
            raise SystemExit(f"generate.py: the rich profile needs --models {DOMAIN_SIZE} or more")
        self.total, self.seed, self.out, self.layout = total, seed, out, layout
        self.rng = random.Random(seed)
        if layout == "mesh":
            shares = (("core", 0.4, ()), ("finance", 0.2, ("core",)), ("marketing", 0.2, ("core",)), ("ops", 0.2, ("core",)))
        else:
            shares = (("warehouse", 1.0, ()),)
        self.projects: list[Project] = []
        self.quotas: list[int] = []
        left = total
        for index, (name, share, upstream) in enumerate(shares):
            quota = left if index == len(shares) - 1 else round(total * share)
            left -= quota
            self.projects.append(Project(name, upstream))
            self.quotas.append(quota)

    def generate(self) -> dict[str, object]:
        by_name = {p.name: p for p in self.projects}
        edit = ""
        for project, quota in zip(self.projects, self.quotas):
            upstream = [m for name in project.upstream for m in by_name[name].models if m.public]
            shared: list[Relation] = []
            domain, made = 0, 0
            while made < quota:
                size = min(DOMAIN_SIZE, quota - made)
                models = self.domain(project, domain, size, shared, upstream)
                if domain == 0:
                    shared = models[-max(3, len(models) // 5):]
                if not edit and domain == 1 or (not edit and made + size >= quota):
                    edit = f"{project.name}/models/d{domain:03d}/{models[len(models) // 2].name}.sql"
                made += size
                domain += 1
            self.write(project)
        meta = {
            "profile": "rich",
            "layout": self.layout,
            "seed": self.seed,
            "models": self.total,
            "parse_order": [p.name for p in self.projects],
            "projects": {p.name: {"models": len(p.models)} for p in self.projects},
            "edit_for_partial_parse": edit,
        }
        (self.out / "mesh.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return meta

    # --- one domain ---------------------------------------------------------------------------------

    def domain(self, project: Project, index: int, size: int, shared: list[Relation], upstream: list[Relation]) -> list[Relation]:
        rng = self.rng
        folder = f"models/d{index:03d}"
        source = f"{project.name}_src_{index:03d}"
        tables = [Relation(f"t{t}", self.source_columns(t), project.name, source=source) for t in range(1, SOURCE_TABLES + 1)]
        project.files[f"{folder}/_sources.yml"] = self.sources_yaml(source, tables)
        counts = [max(1, round(size * share)) for share in LAYERS]
        counts[-1] = max(1, size - sum(counts[:-1]))
        while sum(counts) > size:
            counts[counts.index(max(counts))] -= 1
        layers: list[list[Relation]] = []
        entries: list[str] = []
        for layer, count in enumerate(counts):
            made: list[Relation] = []
            for n in range(count):
                name = f"{project.name[:3]}_d{index:03d}_l{layer}_{n:02d}"
                if layer == 0:
                    parents = rng.sample(tables, k=rng.choice((3, 4)))
                else:
                    before = [m for level in layers for m in level]
                    first = rng.choice(layers[-1])
                    pool = [m for m in before if m is not first]
                    parents = [first, *rng.sample(pool, k=min(len(pool), rng.choice((2, 3))))]
                    if shared and rng.random() < 0.15:
                        parents[-1] = rng.choice(shared)
                    if upstream and rng.random() < 0.12:
                        parents[-1] = rng.choice(upstream)
                model, sql, entry = self.model(project, name, parents)
                project.files[f"{folder}/{name}.sql"] = sql
                entries.append(entry)
                made.append(model)
                project.models.append(model)
            layers.append(made)
        project.files[f"{folder}/_models.yml"] = "version: 2\n\nmodels:\n" + "".join(entries)
        return [m for level in layers for m in level]

    def source_columns(self, table: int) -> list[Col]:
        columns: list[Col] = [("entity_key", INTEGER), ("period_date", DATE)]
        for n in range(2):
            for data_type, kind in KINDS:
                columns.append((f"t{table}_{kind}_{n}", data_type))
        return columns

    def sources_yaml(self, source: str, tables: list[Relation]) -> str:
        text = f"version: 2\n\nsources:\n  - name: {source}\n    schema: {source}\n    tables:\n"
        for table in tables:
            text += f"      - name: {table.name}\n        columns:\n"
            text += "".join(f"          - name: {c}\n            data_type: {SOURCE_TYPE[t]}\n" for c, t in table.columns)
        return text

    # --- one model ----------------------------------------------------------------------------------

    def model(self, project: Project, name: str, parents: list[Relation]) -> tuple[Relation, str, str]:
        rng = self.rng
        aliases = [f"p{i + 1}" for i in range(len(parents))]
        # joined: every parent's key, plus 3-5 of its columns
        joined: list[Col] = [("entity_key", INTEGER), ("period_date", DATE)]
        lines = ["p1.entity_key", "p1.period_date"]
        for alias, parent in zip(aliases, parents):
            usable = [c for c in parent.columns if c[0] not in ("entity_key", "period_date")]
            for column, data_type in rng.sample(usable, k=min(len(usable), rng.randint(3, 5))):
                out = f"j{len(joined)}_{column}"[:40]
                lines.append(f"{alias}.{column} as {out}")
                joined.append((out, data_type))
        joins = []
        for i, (alias, parent) in enumerate(zip(aliases, parents)):
            if i == 0:
                joins.append(f"    from {parent.call(project.name)} as {alias}")
                continue
            kind = "inner join" if i == 1 else "left join"
            on = f"{alias}.entity_key = p1.entity_key"
            if rng.random() < 0.5:
                on += f" and {alias}.period_date = p1.period_date"
            joins.append(f"    {kind} {parent.call(project.name)} as {alias}\n        on {on}")
        ctes = [
            "joined as (\n    select\n" + ",\n".join("        " + line for line in lines) + "\n"
            + "\n".join(joins) + "\n    where p1.period_date >= date '2020-01-01'\n)"
        ]
        # typed: casts and CASE expressions
        typed: list[Col] = [("entity_key", INTEGER), ("period_date", DATE)]
        lines = ["entity_key", "cast(date_trunc('month', period_date) as date) as period_date"]
        for i, (column, data_type) in enumerate(joined[2:]):
            out, expression, out_type = self.typed(column, data_type, i)
            lines.append(f"{expression} as {out}")
            typed.append((out, out_type))
        ctes.append("typed as (\n    select\n" + ",\n".join("        " + line for line in lines) + "\n    from joined\n)")
        # aggregated
        aggregated: list[Col] = [("entity_key", INTEGER), ("period_date", DATE), ("row_count", BIGINT)]
        lines = ["entity_key", "period_date", "count(*) as row_count"]
        for column, data_type in typed[2:]:
            expression, out_type = self.aggregate(column, data_type)
            out = f"a_{column}"
            lines.append(f"{expression} as {out}")
            aggregated.append((out, out_type))
        ctes.append(
            "aggregated as (\n    select\n" + ",\n".join("        " + line for line in lines)
            + "\n    from typed\n    group by entity_key, period_date\n)"
        )
        # final: one more join, bands and ratios
        money = [c for c, t in aggregated if t == MONEY]
        counts = [c for c, t in aggregated if t == BIGINT]
        labels = [c for c, t in typed if t == VARCHAR]
        final = list(aggregated)
        lines = ["a.*", "case when a.row_count > 10 then 'busy' when a.row_count > 1 then 'steady' else 'quiet' end as activity_band"]
        final.append(("activity_band", VARCHAR))
        if money:
            lines.append(f"cast(a.{money[0]} / nullif(a.row_count, 0) as decimal(18, 2)) as per_row_amount")
            final.append(("per_row_amount", MONEY))
        if counts and labels:
            lines.append(f"coalesce(l.{labels[0]}, 'none') as first_label")
            final.append(("first_label", VARCHAR))
        lines.append("case when l.entity_key is null then false else true end as has_detail")
        final.append(("has_detail", BOOLEAN))
        ctes.append(
            "final as (\n    select\n" + ",\n".join("        " + line for line in lines)
            + "\n    from aggregated as a\n    left join typed as l\n"
            "        on l.entity_key = a.entity_key and l.period_date = a.period_date\n)"
        )
        last = "final"
        if rng.random() < 0.4:
            ctes.append(
                "ranked as (\n    select\n        *,\n"
                "        row_number() over (partition by entity_key order by period_date desc) as recency_rank\n"
                "    from final\n)"
            )
            final.append(("recency_rank", BIGINT))
            last = "ranked"
        columns = self.trim(final)
        sql = (
            "{{ config(materialized='table') }}\n\nwith " + ",\n\n".join(ctes) + "\n\nselect\n"
            + ",\n".join(f"    {c}" for c, _ in columns) + f"\nfrom {last}\n"
        )
        public = project.name == "core" and self.layout == "mesh" and rng.random() < 0.2
        contracted = rng.random() < 0.3
        model = Relation(name, columns, project.name, public=public)
        entry = f"  - name: {name}\n    description: Monthly measures per entity, from {len(parents)} relations.\n"
        if public:
            entry += "    access: public\n"
        if contracted:
            entry += "    config:\n      contract:\n        enforced: true\n"
        entry += "    columns:\n"
        for column, data_type in columns:
            entry += f"      - name: {column}\n"
            if contracted:
                entry += f"        data_type: {rng.choice(SYNONYMS[data_type])}\n"
            if column == "entity_key":
                entry += "        data_tests:\n          - not_null\n"
        return model, sql, entry

    def typed(self, column: str, data_type: str, i: int) -> tuple[str, str, str]:
        """One column of the `typed` CTE: (name, expression, DuckDB type)."""
        out = f"c{i}"
        if data_type == MONEY:
            return out, f"cast({column} as decimal(18, 2))", MONEY
        if data_type in (INTEGER, BIGINT):
            if self.rng.random() < 0.5:
                return out, f"case when {column} > 100 then 'high' when {column} > 10 then 'medium' else 'low' end", VARCHAR
            return out, f"cast({column} as bigint)", BIGINT
        if data_type == VARCHAR:
            return out, f"coalesce(upper({column}), 'n/a')", VARCHAR
        if data_type == BOOLEAN:
            return out, f"case when {column} then 1 else 0 end", INTEGER
        if data_type == DOUBLE:
            return out, f"cast({column} as double)", DOUBLE
        if data_type == TIMESTAMP:
            return out, f"cast({column} as date)", DATE
        return out, column, data_type  # DATE

    def aggregate(self, column: str, data_type: str) -> tuple[str, str]:
        roll = self.rng.random()
        if data_type == MONEY:
            return (f"cast(sum({column}) as decimal(18, 2))", MONEY) if roll < 0.6 else (f"max({column})", MONEY)
        if data_type == BIGINT:
            return (f"cast(sum({column}) as bigint)", BIGINT) if roll < 0.5 else (f"count(distinct {column})", BIGINT)
        if data_type == INTEGER:
            return (f"cast(sum({column}) as bigint)", BIGINT) if roll < 0.5 else (f"max({column})", INTEGER)
        if data_type == VARCHAR:
            return (f"max({column})", VARCHAR) if roll < 0.7 else (f"count(distinct {column})", BIGINT)
        if data_type == DOUBLE:
            return f"cast(avg({column}) as double)", DOUBLE
        if data_type == BOOLEAN:
            return f"bool_or({column})", BOOLEAN
        return f"min({column})", DATE

    def trim(self, columns: list[Col]) -> list[Col]:
        """15-25 output columns: the key and month always, then the rest in order."""
        want = self.rng.randint(15, 25)
        if len(columns) <= want:
            return columns
        keep = columns[:3] + columns[3:][-(want - 3):]
        return keep

    # --- files --------------------------------------------------------------------------------------

    def write(self, project: Project) -> None:
        files = dict(project.files)
        files["dbt_project.yml"] = (
            f"name: {project.name}\nversion: \"1.0.0\"\nconfig-version: 2\nprofile: {project.name}\n\n"
            "model-paths: [\"models\"]\nmacro-paths: [\"macros\"]\n"
        )
        attach = "".join(f"        - path: ../{up}/{up}.duckdb\n          read_only: true\n" for up in project.upstream)
        files["profiles.yml"] = (
            f"{project.name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"
            f"      path: {project.name}.duckdb\n      threads: 2\n" + (f"      attach:\n{attach}" if attach else "")
        )
        if project.upstream:
            files["dependencies.yml"] = "projects:\n" + "".join(f"  - name: {up}\n" for up in project.upstream)
            files["dbt_loom.config.yml"] = "manifests:\n" + "".join(
                f"  - name: {up}\n    type: file\n    config:\n      path: ../{up}/target/manifest.json\n"
                for up in project.upstream
            )
        root = self.out / project.name
        for rel, text in sorted(files.items()):
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
