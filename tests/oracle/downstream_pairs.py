"""Cross-project base/head pairs for ML502: an upstream project `up` changes a public model, a
downstream project `down` (in another repository: dbt-loom reads `up`'s manifest) reads it, and real
dbt decides whether the downstream build fails once the change is built.

Every pair is one upstream model `uNN` and one consumer `dNN`; the base side of all pairs forms one
`up` + `down` mesh, the head side another (`down` is the same on both sides). `fails` is what the
pair is written to show for the downstream build against the head; the base always builds.
`divergence` documents a pair where meshlint deliberately says more than the build does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

UP, DOWN = "up", "down"


@dataclass(frozen=True)
class Pair:
    name: str  # the consumer's name; the upstream model is `u` + its number
    up_base: dict[str, str]  # file name under up/models -> text
    up_head: dict[str, str]
    down_sql: str
    fails: bool
    divergence: str = ""

    @property
    def upstream(self) -> str:
        return "u" + self.name[1:3]


def _public(name: str, versions: str = "") -> str:
    return f"models:\n  - name: {name}\n    access: public\n{versions}"


def _plain(number: str, slug: str, base_sql: str, head_sql: str, down_sql: str, fails: bool, divergence: str = "") -> Pair:
    up = f"u{number}"
    return Pair(
        f"d{number}_{slug}",
        {f"{up}.sql": base_sql, f"{up}.yml": _public(up)},
        {f"{up}.sql": head_sql, f"{up}.yml": _public(up)},
        down_sql.replace("UP", f"{{{{ ref('up', '{up}') }}}}"),
        fails,
        divergence,
    )


BASE = "select 1 as id, 'placed' as status, 10 as amount"
PAIRS: tuple[Pair, ...] = (
    _plain("01", "removed_qualified", BASE, "select 1 as id, 'placed' as status", "select u.id, u.amount\nfrom UP as u", True),
    _plain("02", "renamed_unqualified", BASE, "select 1 as id, 'placed' as status, 10 as total_amount",
           "select id, amount\nfrom UP", True),
    _plain("03", "removed_unused", BASE, "select 1 as id, 10 as amount", "select id, amount\nfrom UP", False),
    _plain("04", "added", BASE, BASE + ", current_date as placed_on", "select id, amount\nfrom UP", False),
    _plain("05", "retyped_in_arithmetic", BASE, "select 1 as id, 'placed' as status, '10' as amount",
           "select id, amount + 1 as next_amount\nfrom UP", True),
    _plain("06", "case_only", BASE, "select 1 as id, 'placed' as status, 10 as Amount", "select id, amount\nfrom UP", False),
    _plain("07", "removed_through_cte", BASE, "select 1 as id, 'placed' as status",
           "with orders as (\n    select * from UP\n)\n\nselect orders.id, orders.amount\nfrom orders", True),
    _plain("08", "removed_in_where", BASE, "select 1 as id, 10 as amount", "select id\nfrom UP\nwhere status = 'placed'", True),
    Pair(
        "d09_new_version_keeps_pinned_one",
        {"u09_v1.sql": BASE, "u09.yml": _public("u09", "    latest_version: 1\n    versions:\n      - v: 1\n")},
        {"u09_v1.sql": BASE, "u09_v2.sql": "select 1 as id, 'placed' as status",
         "u09.yml": _public("u09", "    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n")},
        "select id, amount\nfrom {{ ref('up', 'u09', v=1) }}",
        False,
    ),
    Pair(
        "d10_unpinned_ref_moves_to_new_latest",
        {"u10_v1.sql": BASE, "u10.yml": _public("u10", "    latest_version: 1\n    versions:\n      - v: 1\n")},
        {"u10_v1.sql": BASE, "u10_v2.sql": "select 1 as id, 'placed' as status",
         "u10.yml": _public("u10", "    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n")},
        "select id, amount\nfrom {{ ref('up', 'u10') }}",
        True,
    ),
    _plain("11", "retyped_selected_only", BASE, "select 1 as id, 'placed' as status, '10' as amount",
           "select id, amount\nfrom UP", False,
           divergence="the build passes (the view just passes the text through), but the consumer's own output "
           "changed type: ML502 reports every read of a retyped column"),
)


def write_mesh(root: Path, head: bool) -> None:
    """`up` and `down` under `root`, with every pair's base (or head) upstream files."""
    up, down = root / UP, root / DOWN
    for folder in (up / "models", down / "models"):
        folder.mkdir(parents=True, exist_ok=True)
    for name, folder in ((UP, up), (DOWN, down)):
        (folder / "dbt_project.yml").write_text(f"name: {name}\nversion: '1.0.0'\nconfig-version: 2\nprofile: {name}\n")
    (up / "profiles.yml").write_text("up:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: up.duckdb\n      threads: 1\n")
    (down / "profiles.yml").write_text(
        "down:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: down.duckdb\n      threads: 1\n"
        "      attach:\n        - path: ../up/up.duckdb\n          read_only: true\n"
    )
    (down / "dependencies.yml").write_text("projects:\n  - name: up\n")
    (down / "dbt_loom.config.yml").write_text(
        "manifests:\n  - name: up\n    type: file\n    config:\n      path: ../up/target/manifest.json\n"
    )
    for pair in PAIRS:
        for name, text in (pair.up_head if head else pair.up_base).items():
            (up / "models" / name).write_text(text + "\n")
        (down / "models" / f"{pair.name}.sql").write_text(pair.down_sql + "\n")
