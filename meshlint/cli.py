"""The command line: the only module that reads argv, writes stdout and chooses the exit code
(0 clean, 1 findings at or above --fail-on, 2 usage or configuration error)."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from meshlint import __version__
from meshlint.build_info import version_line
from meshlint.diagnostics import Location, Severity
from meshlint.analyse.cache import default_cache_dir
from meshlint.project.git_tree import BaseRefError  # base_side itself is imported only with --base
from meshlint.engine import check
from meshlint.fix import command as fix_command
from meshlint.lineage import command as lineage_command
from meshlint.project.upstream import UpstreamSource
import importlib
from meshlint.report.model import Report
from meshlint.rules.registry import BY_CODE, BY_NAME, RULES
from meshlint.settings import Settings, SettingsError, find_settings_file, load_settings

class _Renderer:
    """A report format's `render`, its module imported when first used (a run writes one format)."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(self, report: Report) -> str:
        render: Callable[[Report], str] = importlib.import_module(f"meshlint.report.{self.module}").render
        return render(report)


FORMATS: dict[str, Callable[[Report], str]] = {
    name: _Renderer(module)
    for name, module in {
        "text": "text",
        "concise": "concise",
        "json": "json_format",
        "sarif": "sarif",
        "github": "github",
        "gitlab": "gitlab",
        "junit": "junit",
        "markdown": "markdown",
    }.items()
}
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
RULE_PAGES = Path(__file__).resolve().parent.parent / "rules"


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meshlint", description="Static linter and CI gate for dbt Mesh.")
    parser.add_argument("--version", action="version", version=version_line(__version__))
    commands = parser.add_subparsers(dest="command", required=True)

    check_cmd = commands.add_parser("check", help="check the dbt projects under PATH (default: .)")
    check_cmd.add_argument(
        "paths", nargs="*", type=Path, default=[Path(".")],
        help="folders with dbt projects; files (as a pre-commit hook passes them) limit the findings to what they touch",
    )
    check_cmd.add_argument("--format", choices=sorted(FORMATS), default="text")
    check_cmd.add_argument("--output", type=Path, help="write the report to this file instead of stdout")
    check_cmd.add_argument("--select", help="comma-separated codes, prefixes or names to check (replaces the defaults)")
    check_cmd.add_argument("--extend-select", help="comma-separated codes to check in addition")
    check_cmd.add_argument("--ignore", help="comma-separated codes, prefixes or names to skip")
    check_cmd.add_argument("--fail-on", choices=["error", "warning", "info"])
    check_cmd.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check_cmd.add_argument("--today", help="the date deprecations are judged against (YYYY-MM-DD; default: today, UTC)")
    check_cmd.add_argument("--dialect", help="SQL dialect when no dbt profile names one (snowflake, duckdb, ...)")
    check_cmd.add_argument("--strict-types", action="store_true", default=None, help="compare contract types exactly")
    check_cmd.add_argument("--config", type=Path, help="settings file (meshlint.toml or pyproject.toml)")
    check_cmd.add_argument("--profiles-dir", type=Path, help="where to find profiles.yml")
    check_cmd.add_argument("--vars", help="dbt vars as a YAML or JSON mapping")
    check_cmd.add_argument(
        "--upstream", action="append", default=[], metavar="NAME=PATH",
        help="metadata of an upstream project in another repository: a dbt manifest.json or a `meshlint export` file (path or URL)",
    )
    check_cmd.add_argument(
        "--base", metavar="REF",
        help="also compare with this git commit (a branch, tag or sha) and report what the change breaks (ML501-ML503)",
    )
    check_cmd.add_argument(
        "--downstream", action="append", default=[], metavar="NAME=PATH",
        help="with --base: a consumer's `meshlint export` file (path or URL), so that ML502 names its models too",
    )
    check_cmd.add_argument(
        "--catalog", action="append", default=[], type=Path, metavar="FILE",
        help="a dbt catalog.json: complete column lists for sources (and models) from the warehouse",
    )
    check_cmd.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
        help="processes for inference (default: the machine's cores); the output does not depend on it",
    )
    check_cmd.add_argument("--no-cache", action="store_true", help="do not read or write the analysis cache")
    check_cmd.add_argument("--statistics", action="store_true", help="print the number of findings per code instead")

    columns_cmd = commands.add_parser("columns", help="print the inferred columns of a node")
    columns_cmd.add_argument("node", help="unique id (model.analytics.fct_orders.v2) or model name")
    columns_cmd.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    columns_cmd.add_argument("--format", choices=["text", "json"], default="text")
    columns_cmd.add_argument("--dialect")
    columns_cmd.add_argument("--config", type=Path)
    columns_cmd.add_argument("--profiles-dir", type=Path)

    export_cmd = commands.add_parser("export", help="write a project's interface file for consumers in other repositories")
    export_cmd.add_argument("project", help="the dbt project name")
    export_cmd.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    export_cmd.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    export_cmd.add_argument(
        "--upstream", action="append", default=[], metavar="NAME=PATH",
        help="metadata of an upstream project in another repository (its column uses are exported too)",
    )
    export_cmd.add_argument("--dialect")
    export_cmd.add_argument("--config", type=Path)
    export_cmd.add_argument("--profiles-dir", type=Path)

    fix_command.add_commands(commands)
    commands.add_parser("rules", help="list the rule catalogue")
    rule_cmd = commands.add_parser("rule", help="print a rule's page")
    rule_cmd.add_argument("rule", help="code (ML101) or name (contract-column-missing)")
    lineage_command.add_parsers(commands)
    return parser


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else ()


def _settings(args: argparse.Namespace) -> Settings:
    config = args.config
    if config is not None and not config.is_file():
        raise UsageError(f"settings file not found: {config}")
    if config is None:
        config = find_settings_file(args.paths[0] if args.paths else Path("."))
    settings = load_settings(config)
    overrides: dict[str, object] = {}
    if getattr(args, "dialect", None):
        overrides["dialect"] = args.dialect
    if getattr(args, "select", None):
        overrides["select"] = _split(args.select)
    if getattr(args, "extend_select", None):
        overrides["extend_select"] = settings.extend_select + _split(args.extend_select)
    if getattr(args, "ignore", None):
        overrides["ignore"] = settings.ignore + _split(args.ignore)
    if getattr(args, "fail_on", None):
        overrides["fail_on"] = args.fail_on
    if getattr(args, "strict_types", None):
        overrides["strict_types"] = True
    for selector in (*overrides.get("select", ()), *overrides.get("ignore", ()), *overrides.get("extend_select", ())):  # type: ignore[misc]
        if not any(r.code.startswith(selector.upper()) or r.name == selector for r in RULES):
            raise UsageError(f"unknown rule selector `{selector}` (see `meshlint rules`)")
    return settings.model_copy(update=overrides)


def _today(value: str | None) -> datetime.date:
    if value is None:
        return datetime.datetime.now(datetime.timezone.utc).date()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today must be YYYY-MM-DD, got `{value}`") from None


def _vars(value: str | None) -> dict[str, object]:
    if not value:
        return {}
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError as error:
        raise UsageError(f"--vars is not YAML or JSON: {error}") from None
    if not isinstance(parsed, dict):
        raise UsageError("--vars must be a mapping, e.g. '{start_date: 2024-01-01}'")
    return parsed


def _upstreams(values: list[str], flag: str = "--upstream") -> tuple[UpstreamSource, ...]:
    sources = []
    for value in values:
        name, sep, location = value.partition("=")
        if not sep or not name or not location:
            raise UsageError(f"{flag} takes NAME=PATH or NAME=URL, got `{value}`")
        sources.append(UpstreamSource(name, location, Location("<command line>", 1, 1)))
    return tuple(sources)


def _check_paths(paths: list[Path]) -> None:
    for path in paths:
        if not path.exists():
            raise UsageError(f"path not found: {path}")


def _read_sources(paths: set[str]) -> dict[str, str]:
    sources = {}
    for path in sorted(paths):
        try:
            sources[path] = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return sources


def _split_changed(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Folders (and dbt_project.yml files) to search for projects, and other files: the changed
    files a pre-commit hook passes, which limit the findings but not the analysis."""
    roots = [p for p in paths if p.is_dir() or p.name == "dbt_project.yml"]
    changed = [p for p in paths if p not in roots]
    return roots or [Path(".")], changed


def cmd_check(args: argparse.Namespace) -> int:
    _check_paths(args.paths)
    roots, changed = _split_changed(args.paths)
    args.paths = roots
    if args.downstream and not args.base:
        raise UsageError("--downstream needs --base: it names the consumers of what changed since the base")
    settings = _settings(args)
    today = _today(args.today)
    result = check(
        roots, settings, today, Path.cwd(), args.profiles_dir, _vars(args.vars), changed, _upstreams(args.upstream),
        tuple(args.catalog), None if args.no_cache else default_cache_dir(), max(args.jobs, 1),
        _progress() if args.format in ("text", "concise") and args.output is None else None,
        args.base, _upstreams(args.downstream, "--downstream"), reuse_findings=True,
    )
    _progress_done()
    if result.summary.projects == 0:
        # a wrong path must not turn a CI gate green forever
        raise UsageError(f"no dbt project (dbt_project.yml) found under {', '.join(str(p) for p in roots)}")
    sources = _read_sources({d.location.path for d in result.diagnostics}) if args.format == "text" else {}
    report = Report(
        diagnostics=result.diagnostics,
        rules=RULES,
        summary=result.summary,
        version=__version__,
        sources=sources,
        node_paths=result.node_paths,
        notes=result.notes,
        changes=result.changes,
    )
    output = FORMATS[args.format](report)
    if args.statistics:
        output = _statistics(report)
    _write(output, args.output)
    if args.exit_zero:
        return EXIT_CLEAN
    threshold = Severity(settings.fail_on).rank
    failing = any(d.severity.rank >= threshold for d in result.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _progress() -> Callable[[int, int], None] | None:
    """A one-line progress count on a terminal's stderr, for runs that take more than a moment."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started > 2:
            sys.stderr.write(f"\rmeshlint: analysed {done}/{total} models")
            sys.stderr.flush()

    return show


def _progress_done() -> None:
    if sys.stderr.isatty() and not os.environ.get("CI"):
        sys.stderr.write("\r\033[K")


def _statistics(report: Report) -> str:
    counts: dict[str, int] = {}
    for diagnostic in report.diagnostics:
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
    lines = [f"{count:>5}  {code}  {BY_CODE[code].name}" for code, count in sorted(counts.items())]
    return "\n".join([*lines, f"{len(report.diagnostics):>5}  total"]) + "\n"


def cmd_columns(args: argparse.Namespace) -> int:
    _check_paths(args.paths)
    settings = _settings(args)
    result = check(args.paths, settings, _today(None), Path.cwd(), args.profiles_dir)
    nodes = [n for n in result.analysed.nodes if n.unique_id == args.node or n.node.name == args.node]
    if not nodes:
        raise UsageError(f"no model `{args.node}` in the mesh")
    documents = []
    for analysed in nodes:
        columns = analysed.columns
        dialect = analysed.dialect or ""
        documents.append(
            {
                "node": analysed.unique_id,
                "closed": bool(columns and columns.closed),
                "reasons": list(columns.reasons) if columns else ["the SQL was not inferred (see `meshlint check`)"],
                "columns": [
                    {"name": c.name, "type": c.type.sql(dialect).lower() if c.type else None, "reason": c.reason}
                    for c in (columns.columns if columns else ())
                ],
            }
        )
    if args.format == "json":
        sys.stdout.write(json.dumps(documents[0] if len(documents) == 1 else documents, indent=2) + "\n")
        return EXIT_CLEAN
    for document in documents:
        state = "closed" if document["closed"] else "open"
        sys.stdout.write(f"{document['node']} ({state})\n")
        for column in document["columns"]:  # type: ignore[attr-defined]
            kind = column["type"] or f"unknown ({column['reason']})"
            sys.stdout.write(f"  {column['name']}: {kind}\n")
        for reason in document["reasons"]:  # type: ignore[attr-defined]
            sys.stdout.write(f"  open because {reason}\n")
    return EXIT_CLEAN


def cmd_export(args: argparse.Namespace) -> int:
    _check_paths(args.paths)
    settings = _settings(args)
    result = check(args.paths, settings, _today(None), Path.cwd(), args.profiles_dir, upstreams=_upstreams(args.upstream))
    project = result.analysed.project(args.project)
    if project is None or project.external:
        raise UsageError(f"no project `{args.project}` under {', '.join(str(p) for p in args.paths)}")
    # an export without its upstreams lists no column uses: consumers would be silently unprotected
    unusable = [d for d in result.diagnostics if d.code == "ML006" and d.severity is Severity.ERROR]
    if unusable:
        raise UsageError("; ".join(f"{d.location.path}: {d.message}" for d in unusable))
    from meshlint.export import render_interface  # only for `export`

    _write(render_interface(result.analysed, args.project), args.output)
    return EXIT_CLEAN


def _write(output: str, path: Path | None) -> None:
    if path is None:
        sys.stdout.write(output)
        return
    try:
        path.write_text(output, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error}") from None


def cmd_rules(_: argparse.Namespace) -> int:
    for rule in RULES:
        note = "" if rule.default_enabled else " (off unless selected)"
        sys.stdout.write(f"{rule.code}  {rule.name:<38} {rule.severity.value:<8} {rule.summary}{note}\n")
    return EXIT_CLEAN


def cmd_rule(args: argparse.Namespace) -> int:
    rule = BY_CODE.get(args.rule.upper()) or BY_NAME.get(args.rule)
    if rule is None:
        raise UsageError(f"unknown rule `{args.rule}` (see `meshlint rules`)")
    page = RULE_PAGES / f"{rule.code}-{rule.name}" / "README.md"
    if page.is_file():
        sys.stdout.write(page.read_text(encoding="utf-8"))
    else:
        sys.stdout.write(f"# {rule.code} {rule.name}\n\n{rule.summary}.\n\nDefault severity: {rule.severity.value}.\nMore: {rule.help_uri}\n")
    return EXIT_CLEAN


COMMANDS = {"check": cmd_check, "columns": cmd_columns, "export": cmd_export, "rules": cmd_rules, "rule": cmd_rule}
COMMANDS.update(fix_command.COMMANDS)
COMMANDS.update(lineage_command.COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (UsageError, SettingsError, BaseRefError) as error:
        sys.stderr.write(f"meshlint: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_USAGE
    except Exception as error:  # never a traceback for the user
        sys.stderr.write(f"meshlint: internal error: {type(error).__name__}: {error}\n(this is a bug in meshlint; please report it)\n")
        return EXIT_USAGE


def run() -> None:
    """The `meshlint` command: `main`, then the process ends at once, its output flushed. Tearing down the
    modules and freeing what the run built serves nothing when the process ends, and took a tenth of a
    second of a warm run; anything that cleans up (the cache, worker processes) has done so inside `main`.
    Should the output not flush (a closed pipe), the usual exit reports it as it always did."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
