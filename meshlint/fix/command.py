"""`meshlint fix` and `meshlint version new`: their arguments and handlers (meshlint/cli.py only hooks
them in)."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from meshlint.engine import RunResult, check

# The fix modules (and ruamel.yaml) are imported by the handlers, so `meshlint check` does not load them.

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fix_cmd = commands.add_parser("fix", help="write the fixes for what `check` finds (contracts, versions, refs)")
    fix_cmd.add_argument("paths", nargs="*", type=Path, default=[Path(".")], help="folders with dbt projects (default: .)")
    fix_cmd.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that change what a model builds or reads")
    fix_cmd.add_argument("--diff", action="store_true", help="print a unified diff and write nothing (exit 1 when there is something to fix)")
    fix_cmd.add_argument("--select", help="comma-separated codes, prefixes or names to fix (as in check)")
    fix_cmd.add_argument("--ignore", help="comma-separated codes, prefixes or names to leave alone")
    _common(fix_cmd)

    version_cmd = commands.add_parser("version", help="manage model versions")
    actions = version_cmd.add_subparsers(dest="version_command", required=True)
    new_cmd = actions.add_parser("new", help="start a new version of MODEL: copy its latest SQL, declare the version")
    new_cmd.add_argument("model", help="model name, or project.model")
    new_cmd.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    new_cmd.add_argument("--make-latest", action="store_true", help="make the new version the latest (unpinned refs move to it)")
    new_cmd.add_argument("--deprecate-previous", metavar="DATE", help="give the previous latest version this deprecation_date (YYYY-MM-DD)")
    new_cmd.add_argument("--diff", action="store_true", help="print what would change and write nothing")
    _common(new_cmd)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", help="the date deprecations are judged against (YYYY-MM-DD)")
    parser.add_argument("--dialect", help="SQL dialect when no dbt profile names one")
    parser.add_argument("--config", type=Path, help="settings file (meshlint.toml or pyproject.toml)")
    parser.add_argument("--profiles-dir", type=Path, help="where to find profiles.yml")
    parser.add_argument("--vars", help="dbt vars as a YAML or JSON mapping")
    parser.add_argument("--upstream", action="append", default=[], metavar="NAME=PATH", help="metadata of an upstream project")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the analysis cache")


def _run(args: argparse.Namespace) -> RunResult:
    from meshlint import cli  # the shared argument handling; imported here because cli imports this module

    cli._check_paths(args.paths)
    roots = [p for p in args.paths if p.is_dir() or p.name == "dbt_project.yml"]
    if len(roots) != len(args.paths):
        raise cli.UsageError("give folders with dbt projects (or their dbt_project.yml), not single files")
    settings = cli._settings(args)
    from meshlint.analyse.cache import default_cache_dir

    result = check(
        roots, settings, cli._today(args.today), Path.cwd(), args.profiles_dir, cli._vars(args.vars), None,
        cli._upstreams(args.upstream), (), None if args.no_cache else default_cache_dir(), 1,
    )
    if result.summary.projects == 0:
        raise cli.UsageError(f"no dbt project (dbt_project.yml) found under {', '.join(str(p) for p in roots)}")
    return result


def _relative(path: str) -> str:
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _inside(path: str, roots: list[Path]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r + os.sep) for r in (os.path.realpath(root if root.is_dir() else root.parent) for root in roots))


def cmd_fix(args: argparse.Namespace) -> int:
    from meshlint.fix.fixes import make_edits, plan_all, skipped_line, unified_diff
    from meshlint.fix.plans import Skipped

    result = _run(args)
    planned, skipped, unsafe_available = plan_all(result.diagnostics, result.analysed, args.unsafe_fixes)
    outside = [f for f in planned if not _inside(f.path, args.paths)]
    planned = [f for f in planned if f not in outside]
    files, not_made = make_edits(planned, _read, _relative)
    skipped += not_made
    skipped += [Skipped(f.code, f.findings[0].location, "the file is outside the checked folders") for f in outside]
    out = sys.stdout
    fixed = sum(len(f.findings) for file in files for f in file.fixes)
    if args.diff:
        for file in files:
            out.write(unified_diff(file, _relative(file.path), new_file=file.created))
    else:
        for file in files:
            _write(file.path, file.after)
            for fix in file.fixes:
                out.write(f"{_relative(file.path)}: {fix.code} fixed: {fix.what}\n")
    for item in sorted(skipped, key=lambda s: (s.location.path, s.location.line, s.location.column, s.code, s.why)):
        sys.stderr.write(skipped_line(item) + "\n")
    verb = "would fix" if args.diff else "fixed"
    summary = f"meshlint: {verb} {fixed} finding(s) in {len(files)} file(s); {len(skipped)} not fixable automatically"
    if unsafe_available:
        summary += f"; {unsafe_available} more with --unsafe-fixes"
    sys.stderr.write(summary + "\n")
    return EXIT_FINDINGS if args.diff and files else EXIT_CLEAN


def cmd_version(args: argparse.Namespace) -> int:
    from meshlint import cli
    from meshlint.fix.fixes import FileFix, unified_diff
    from meshlint.fix.version_new import find_spec, plan_new_version
    from meshlint.fix.yaml_splice import SpliceError

    deprecate = None
    if args.deprecate_previous is not None:
        try:
            deprecate = datetime.date.fromisoformat(args.deprecate_previous)
        except ValueError:
            raise cli.UsageError(f"--deprecate-previous must be YYYY-MM-DD, got `{args.deprecate_previous}`") from None
        if not args.make_latest:
            raise cli.UsageError("--deprecate-previous needs --make-latest: the latest version cannot carry a deprecation date (ML404)")
    args.select = args.ignore = None
    result = _run(args)
    found = find_spec(result.analysed.mesh.projects, args.model)
    if not found:
        raise cli.UsageError(f"no YAML entry for model `{args.model}` in the mesh (a new version needs one in a properties file)")
    if len(found) > 1:
        raise cli.UsageError(f"`{args.model}` is in several projects; name it as project.model")
    project, spec = found[0]
    if not _inside(spec.path, args.paths):
        raise cli.UsageError(f"{_relative(spec.path)} is outside the checked folders")
    try:
        planned = plan_new_version(project, spec, _read(spec.path), args.make_latest, deprecate)
    except SpliceError as error:
        raise cli.UsageError(f"cannot add a version to `{spec.name}`: {error}") from None
    except OSError as error:
        raise cli.UsageError(f"cannot read {_relative(spec.path)}: {error}") from None
    if os.path.exists(planned.sql_path):
        raise cli.UsageError(f"{_relative(planned.sql_path)} exists already; remove it or declare the version by hand")
    if args.diff:
        sys.stdout.write(unified_diff(FileFix(spec.path, planned.yaml_before, planned.yaml_after), _relative(spec.path)))
        sys.stdout.write(unified_diff(FileFix(planned.sql_path, "", planned.sql_text), _relative(planned.sql_path), new_file=True))
        return EXIT_FINDINGS
    _write(planned.sql_path, planned.sql_text)
    _write(spec.path, planned.yaml_after)
    latest = planned.version if args.make_latest else planned.previous
    sys.stdout.write(
        f"{_relative(planned.sql_path)}: created from v{planned.previous}'s SQL\n"
        f"{_relative(spec.path)}: declared `{spec.name}` v{planned.version}; the latest version is v{latest}\n"
    )
    return EXIT_CLEAN


COMMANDS = {"fix": cmd_fix, "version": cmd_version}
