"""meshlint on real dbt projects and packages: build a corpus folder from clones of public repositories
(each project with its packages installed under dbt_packages/, as `dbt deps` would, and its dialect
known), then lint every project and print, per project, how many models there are, how many render,
how many have all their columns known, the findings by code and the time taken.

    # clones (or bare mirrors) named owner+name, e.g. sources/dbt-labs+dbt-utils
    python benchmarks/corpus.py build --sources sources --out /tmp/corpus
    python benchmarks/corpus.py run /tmp/corpus [--json out.json] [--guess]
    python benchmarks/corpus.py parse-check /tmp/corpus [--dbt-python PY] [PROJECT ...]

The fetched code is never committed; this file only names the repositories.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

# Fivetran packages at the newest release whose macros fivetran_utils v0.4.10 has (newer ones call
# `fivetran_utils.union_connections`, from a fivetran_utils release the mirrors used here lack).
# hub name (packages.yml `package:`) or git URL -> repository (owner/name)
PACKAGE_REPOS = {
    "dbt-labs/dbt_utils": "dbt-labs/dbt-utils",
    "fishtown-analytics/dbt_utils": "dbt-labs/dbt-utils",
    "calogica/dbt_date": "calogica/dbt-date",
    "godatadriven/dbt_date": "godatadriven/dbt-date",
    "calogica/dbt_expectations": "calogica/dbt-expectations",
    "dbt-labs/dbt_project_evaluator": "dbt-labs/dbt-project-evaluator",
    "dbt-labs/codegen": "dbt-labs/dbt-codegen",
    "dbt-labs/audit_helper": "dbt-labs/dbt-audit-helper",
    "https://github.com/dbt-labs/dbt-audit-helper.git": "dbt-labs/dbt-audit-helper",
    "fivetran/fivetran_utils": "fivetran/dbt_fivetran_utils",
    "dbt-labs/spark_utils": "dbt-labs/spark-utils",
    "get-select/dbt_snowflake_query_tags": "get-select/dbt-snowflake-query-tags",
    "metaplane/dbt_expectations": "metaplane/dbt-expectations",
    "https://github.com/tuva-health/dbt-data-reliability.git": "tuva-health/dbt-data-reliability",
    "elementary-data/elementary": "elementary-data/dbt-data-reliability",
}


@dataclass(frozen=True)
class Entry:
    name: str  # folder in the corpus
    repo: str  # owner/name
    subdir: str = ""  # the dbt project inside the repository
    # written to the project's meshlint.toml, and its profiles.yml (CI targets read from env vars) dropped;
    # None: the project's own profile says it, or meshlint guesses it
    dialect: str | None = None
    local: bool = False  # an integration_tests project that installs its repository as a package (`local: ../`)
    ref: str = "HEAD"  # a release tag, where HEAD needs package versions that are not released yet


CORPUS = (
    Entry("jaffle-shop", "dbt-labs/jaffle-shop", dialect="snowflake"),
    Entry("jaffle_shop_duckdb", "dbt-labs/jaffle_shop_duckdb"),
    Entry("jaffle-shop-classic", "dbt-labs/jaffle-shop-classic", dialect="postgres"),
    Entry("jaffle-shop-expand", "DataRecce/jaffle-shop-expand"),
    Entry("mattermost-analytics", "mattermost/mattermost-data-warehouse", "transform/mattermost-analytics", "snowflake"),
    Entry("mattermost-snowflake-dbt", "mattermost/mattermost-data-warehouse", "transform/snowflake-dbt", "snowflake"),
    Entry("dbt_utils-integration", "dbt-labs/dbt-utils", "integration_tests", "postgres", local=True),
    Entry("dbt_date-integration", "godatadriven/dbt-date", "integration_tests", "duckdb", local=True),
    Entry("dbt_expectations-integration", "calogica/dbt-expectations", "integration_tests", "postgres", local=True),
    Entry("project_evaluator-integration", "dbt-labs/dbt-project-evaluator", "integration_tests", "duckdb", local=True),
    Entry("audit_helper-integration", "dbt-labs/dbt-audit-helper", "integration_tests", "snowflake", local=True),
    Entry("stripe", "fivetran/dbt_stripe", "integration_tests", "snowflake", local=True, ref="v1.4.0"),
    Entry("github", "fivetran/dbt_github", "integration_tests", "snowflake", local=True, ref="v1.0.0"),
    Entry("jira", "fivetran/dbt_jira", "integration_tests", "bigquery", local=True, ref="v1.1.0"),
    Entry("hubspot", "fivetran/dbt_hubspot", "integration_tests", "databricks", local=True, ref="v1.2.0"),
    Entry("jaffle-sl-template", "dbt-labs/jaffle-sl-template"),  # dbt Cloud, no profile: the dialect is guessed
    Entry("fivetran_utils-integration", "fivetran/dbt_fivetran_utils", "integration_tests", "snowflake", local=True),
    Entry("zendesk", "fivetran/dbt_zendesk", "integration_tests", "redshift", local=True, ref="v1.6.1"),
    Entry("codegen-integration", "dbt-labs/dbt-codegen", "integration_tests", "postgres", local=True),
    Entry("dbt_artifacts-integration", "brooklyn-data/dbt_artifacts", "integration_test_project", "snowflake", local=True),
    Entry("elementary-integration", "elementary-data/dbt-data-reliability", "integration_tests/dbt_project", "postgres", local=True),
    Entry("tuva-integration", "tuva-health/tuva", "integration_tests", "snowflake", local=True),
    Entry("meshify-split", "dbt-labs/dbt-meshify", "test-projects/split/split_proj"),  # the dialect from its profile or evidence
)


def _tree(sources: Path, repo: str) -> Path:
    """A clone (work tree) or a bare mirror (`<folder>/repo` or the folder itself) of `repo`."""
    folder = sources / repo.replace("/", "+")
    if not folder.exists():
        raise SystemExit(f"missing clone of {repo}: expected {folder}")
    return folder


def _export(sources: Path, repo: str, subdir: str, dest: Path, ref: str = "HEAD") -> None:
    """Copy `subdir` of the repository at `ref` into `dest` (from the git objects of a mirror, or a copy
    of a work tree)."""
    folder = _tree(sources, repo)
    git_dir = folder / "repo" if (folder / "repo").is_dir() else folder
    if (folder / ".git").exists() or not (git_dir / "HEAD").is_file():
        source = folder / subdir if subdir else folder
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".git"), dirs_exist_ok=True)
        return
    # blob by blob: a mirror may lack its largest files (big seed CSVs), which are skipped
    prefix = f"{subdir.rstrip('/')}/" if subdir else ""
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", ref, *([prefix] if prefix else [])],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    entries = [(line.split()[2], line.split("\t", 1)[1]) for line in listing if line.split()[1] == "blob"]
    batch = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        input="".join(f"{sha}\n" for sha, _ in entries).encode(), capture_output=True, check=True,
    ).stdout
    position = 0
    for sha, path in entries:
        header_end = batch.index(b"\n", position)
        header = batch[position:header_end].split()
        position = header_end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        content = batch[position:position + size]
        position += size + 1
        target = dest / path[len(prefix):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _git_dir(sources: Path, repo: str) -> Path:
    folder = _tree(sources, repo)
    return folder / "repo" if (folder / "repo").is_dir() else folder / ".git" if (folder / ".git").exists() else folder


def resolve_ref(sources: Path, repo: str, spec: object) -> str:
    """The tag `dbt deps` would install for a hub version spec (`1.3.3`, `[">=0.4.0", "<0.5.0"]`): the
    highest release tag that meets every bound; HEAD for a git revision or no version."""
    from packaging.specifiers import SpecifierSet
    from packaging.version import InvalidVersion, Version

    bounds = spec if isinstance(spec, list) else [spec] if spec is not None else []
    if not bounds:
        return "HEAD"
    specifier = SpecifierSet(",".join(b if str(b)[0] in "<>=!~" else f"=={b}" for b in map(str, bounds)))
    tags = subprocess.run(["git", f"--git-dir={_git_dir(sources, repo)}", "tag"], capture_output=True, text=True).stdout.split()
    versions = []
    for tag in tags:
        try:
            version = Version(tag.lstrip("v"))
        except InvalidVersion:
            continue
        if not version.is_prerelease and version in specifier:
            versions.append((version, tag))
    return max(versions)[1] if versions else "HEAD"


def _declared_packages(project: Path) -> list[tuple[str, object, str | None]]:
    """(hub name or git URL, version spec, git revision) of each package the project declares."""
    found = []
    for name in ("packages.yml", "dependencies.yml"):
        path = project / name
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text()) or {}
        for entry in data.get("packages") or []:
            if isinstance(entry, dict) and (entry.get("package") or entry.get("git")):
                revision = entry.get("revision")
                found.append((str(entry.get("package") or entry.get("git")), entry.get("version"),
                              str(revision) if revision is not None else None))
    return found


def _revision(sources: Path, repo: str, revision: str | None) -> str | None:
    """A git package's `revision` when the mirror has it (a tag, branch or commit), else None."""
    if revision is None:
        return None
    found = subprocess.run(["git", f"--git-dir={_git_dir(sources, repo)}", "rev-parse", "--verify", "--quiet",
                            f"{revision}^{{commit}}"], capture_output=True, text=True)
    return revision if found.returncode == 0 else None


def _install(sources: Path, project: Path, root_packages: Path, seen: set[str], notes: list[str]) -> None:
    """Install the packages `project` declares (and theirs) into `root_packages`, as `dbt deps` does:
    one flat folder per package, named after its dbt_project.yml `name`."""
    for declared, version, revision in _declared_packages(project):
        repo = PACKAGE_REPOS.get(declared)
        if repo is None:
            notes.append(f"not installed (no repository known): {declared}")
            continue
        if repo in seen:
            continue
        seen.add(repo)
        staging = root_packages / f".staging-{repo.replace('/', '+')}"
        ref = _revision(sources, repo, revision) or resolve_ref(sources, repo, version)
        if revision is not None and ref != revision:
            notes.append(f"revision {revision} not in the mirror, HEAD instead")
        _export(sources, repo, "", staging, ref)
        name = yaml.safe_load((staging / "dbt_project.yml").read_text())["name"]
        notes.append(f"{name} {ref}")
        target = root_packages / name
        if target.exists():
            shutil.rmtree(staging)
        else:
            staging.rename(target)
            for extra in ("integration_tests", "integration_tests_2", "docs", ".github"):
                shutil.rmtree(target / extra, ignore_errors=True)
        _install(sources, target, root_packages, seen, notes)


def build(sources: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for entry in CORPUS:
        dest = out / entry.name
        if dest.exists():
            shutil.rmtree(dest)
        ref = entry.ref
        _export(sources, entry.repo, entry.subdir, dest, ref)
        packages = dest / "dbt_packages"
        shutil.rmtree(packages, ignore_errors=True)
        packages.mkdir()
        notes: list[str] = []
        seen: set[str] = set()
        if entry.local:  # `local: ../`: the package under test, installed like any other
            staging = packages / ".self"
            _export(sources, entry.repo, "", staging, ref)
            name = yaml.safe_load((staging / "dbt_project.yml").read_text())["name"]
            for extra in ("integration_tests", "integration_tests_2", ".github"):
                shutil.rmtree(staging / extra, ignore_errors=True)
            staging.rename(packages / name)
            seen.add(entry.repo)
            _install(sources, packages / name, packages, seen, notes)
            _strip_local(dest)
        _install(sources, dest, packages, seen, notes)
        _link_local(dest, packages, notes)
        if entry.dialect:
            (dest / "meshlint.toml").write_text(f'dialect = "{entry.dialect}"\n')
            (dest / "profiles.yml").unlink(missing_ok=True)
        installed = sorted(p.name for p in packages.iterdir())
        print(f"{entry.name}: packages {', '.join(installed) or '-'} ({'; '.join(notes)})")


def _link_local(project: Path, packages: Path, notes: list[str]) -> None:
    """`local:` packages inside the project, linked into dbt_packages/ under their name as `dbt deps` does."""
    for name in ("packages.yml", "dependencies.yml"):
        path = project / name
        data = (yaml.safe_load(path.read_text()) or {}) if path.is_file() else {}
        for entry in data.get("packages") or []:
            if isinstance(entry, dict) and "local" in entry:
                folder = (project / str(entry["local"])).resolve()
                package = yaml.safe_load((folder / "dbt_project.yml").read_text())["name"]
                link = packages / package
                if not link.exists():
                    link.symlink_to(folder, target_is_directory=True)
                    notes.append(f"{package} local")


def _strip_local(project: Path) -> None:
    """Drop the `local:` entries that leave the project (`../`, the package under test, installed above);
    keep those inside it (dbt_project_evaluator's `exclude_package/`), which dbt loads from where they are."""

    def outside(entry: object) -> bool:
        if not (isinstance(entry, dict) and "local" in entry):
            return False
        target = (project / str(entry["local"])).resolve()
        return not target.is_relative_to(project.resolve())

    for name in ("packages.yml", "dependencies.yml"):
        path = project / name
        if path.is_file():
            data = yaml.safe_load(path.read_text()) or {}
            kept = [e for e in data.get("packages") or [] if not outside(e)]
            data["packages"] = kept
            path.write_text(yaml.safe_dump(data, sort_keys=False))


def run(corpus: Path, as_json: Path | None, guess: bool = False) -> int:
    """Lint every project; with `guess`, ignore the corpus' meshlint.toml files, so each dialect comes
    from the project's profile or from evidence (what a user without settings gets)."""
    from meshlint.engine import check
    from meshlint.settings import find_settings_file, load_settings

    rows = []
    for project in sorted(p for p in corpus.iterdir() if (p / "dbt_project.yml").is_file()):
        settings = load_settings(find_settings_file(project) if (project / "meshlint.toml").is_file() and not guess else None)
        started = time.perf_counter()
        try:
            result = check([project], settings, datetime.date(2026, 11, 23), project)
        except Exception as error:  # a traceback is a finding of this benchmark
            rows.append({"project": project.name, "traceback": f"{type(error).__name__}: {error}"})
            continue
        seconds = time.perf_counter() - started
        # the project's models and those of its packages, which dbt builds too
        linted = [n for n in result.analysed.nodes if n.node.resource_type == "model" and n.node.sql is not None
                  and n.node.sql.path.endswith(".sql")]
        rendered = sum(1 for n in linted if n.render is not None and n.render.failure is None and n.render.sql is not None)
        closed = sum(1 for n in linted if n.columns is not None and n.columns.closed)
        codes = collections.Counter(d.code for d in result.diagnostics if d.severity.value != "info")
        roots = [p for p in result.analysed.mesh.projects if p.package_of is None]
        dialects = sorted({f"{p.dialect or '-'} ({_origin_kind(p.dialect_origin)})" for p in roots})
        rows.append({
            "project": project.name, "dialect": ",".join(dialects),
            "dialect_origin": "; ".join(sorted({p.dialect_origin for p in roots})),
            "models": len(linted), "rendered": rendered,
            "closed": closed, "findings": dict(sorted(codes.items())), "seconds": round(seconds, 2),
            "errors": [f"{d.code} {d.location.path}:{d.location.line} {d.message}" for d in result.diagnostics
                       if d.severity.value == "error"],
            "warnings": [f"{d.code} {d.location.path}:{d.location.line} {d.message}" for d in result.diagnostics
                         if d.severity.value == "warning"],
        })
    print("| project | dialect (origin) | models | rendered | closed | errors | warnings | findings by code (error/warning) | seconds |")
    print("|---|---|---:|---:|---:|---:|---:|---|---:|")
    totals = collections.Counter()
    for row in rows:
        if "traceback" in row:
            print(f"| {row['project']} | TRACEBACK: {row['traceback']} | | | | | | | |")
            continue
        findings = ", ".join(f"{code}×{count}" for code, count in row["findings"].items()) or "-"
        print(f"| {row['project']} | {row['dialect']} | {row['models']} | {row['rendered']} | {row['closed']} "
              f"| {len(row['errors'])} | {len(row['warnings'])} | {findings} | {row['seconds']} |")
        totals.update({"models": row["models"], "rendered": row["rendered"], "closed": row["closed"],
                       "errors": len(row["errors"]), "warnings": len(row["warnings"])})
        totals.update(row["findings"])
    linted = [r for r in rows if "traceback" not in r]
    codes = ", ".join(f"{c}×{n}" for c, n in sorted(totals.items()) if c.startswith("ML")) or "-"
    print(f"| **{len(rows)} projects** ({len(rows) - len(linted)} tracebacks) | | {totals['models']} | {totals['rendered']} "
          f"| {totals['closed']} | {totals['errors']} | {totals['warnings']} | {codes} "
          f"| {round(sum(r['seconds'] for r in linted), 1)} |")
    if as_json is not None:
        as_json.write_text(json.dumps(rows, indent=2))
    return 1 if any("traceback" in r for r in rows) else 0


def parse_check(corpus: Path, dbt_python: str, names: list[str]) -> int:
    """Real `dbt parse` (on DuckDB, on a copy of each project) against meshlint: the same models, by
    unique id, enabled and disabled as dbt decides (vars, `enabled` configs, packages). Needs dbt-core
    and dbt-duckdb in `dbt_python`; a project dbt cannot parse is reported with dbt's last lines."""
    import os
    import tempfile

    from meshlint.engine import check
    from meshlint.settings import find_settings_file, load_settings

    failed = 0
    projects = sorted(p for p in corpus.iterdir() if (p / "dbt_project.yml").is_file() and (not names or p.name in names))
    for project in projects:
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / project.name
            shutil.copytree(project, copy, symlinks=True)
            profile = (yaml.safe_load((copy / "dbt_project.yml").read_text()) or {}).get("profile") or "default"
            (copy / "profiles.yml").write_text(yaml.safe_dump(
                {profile: {"target": "dev", "outputs": {"dev": {"type": "duckdb", "path": str(copy / "parse.duckdb")}}}}))
            env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
            env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
            ran = subprocess.run(
                [dbt_python, "-m", "dbt.cli.main", "parse", "--project-dir", str(copy), "--profiles-dir", str(copy),
                 "--no-version-check", "--no-use-colors", "--no-partial-parse"],
                cwd=copy, env=env, capture_output=True, text=True, timeout=1800,
            )
            manifest = copy / "target" / "manifest.json"
            if ran.returncode != 0 or not manifest.is_file():
                lines = ran.stdout.strip().splitlines()
                at = next((i for i, line in enumerate(lines) if "Encountered an error" in line), len(lines) - 3)
                print(f"{project.name}: dbt parse failed: {' / '.join(line.strip() for line in lines[at:at + 4])}")
                continue
            theirs = {uid for uid, n in json.loads(manifest.read_text())["nodes"].items() if n["resource_type"] == "model"}
        settings = load_settings(find_settings_file(project) if (project / "meshlint.toml").is_file() else None)
        result = check([project], settings, datetime.date(2026, 11, 23), project)
        ours = {n.unique_id for n in result.analysed.nodes if n.node.resource_type == "model"}
        same = ours == theirs
        failed += not same
        print(f"{project.name}: dbt {len(theirs)} models, meshlint {len(ours)}"
              + ("" if same else f"; only meshlint {sorted(ours - theirs)[:5]}, only dbt {sorted(theirs - ours)[:5]}"))
    return 1 if failed else 0


def _origin_kind(origin: str) -> str:
    """profile, setting, evidence or none: where a project's dialect came from."""
    if origin.startswith("adapter `"):
        return "profile"
    if origin.startswith("setting `dialect`"):
        return "setting"
    if origin.startswith("guessed"):
        return "evidence"
    return "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="make the corpus folder from clones")
    build_cmd.add_argument("--sources", type=Path, required=True, help="folder of clones or mirrors named owner+name")
    build_cmd.add_argument("--out", type=Path, required=True)
    run_cmd = commands.add_parser("run", help="lint every project of a corpus folder")
    run_cmd.add_argument("corpus", type=Path)
    run_cmd.add_argument("--json", type=Path, help="also write the rows, with every error-level finding, here")
    run_cmd.add_argument("--guess", action="store_true", help="ignore the corpus' `dialect` settings: profile or evidence only")
    check_cmd = commands.add_parser("parse-check", help="compare each project's models with real `dbt parse` on DuckDB")
    check_cmd.add_argument("corpus", type=Path)
    check_cmd.add_argument("--dbt-python", default=sys.executable, help="a Python that has dbt-core and dbt-duckdb")
    check_cmd.add_argument("projects", nargs="*", help="only these corpus folders")
    args = parser.parse_args(argv)
    if args.command == "parse-check":
        return parse_check(args.corpus, args.dbt_python, args.projects)
    if args.command == "build":
        build(args.sources, args.out)
        return 0
    return run(args.corpus, args.json, args.guess)


if __name__ == "__main__":
    sys.exit(main())
