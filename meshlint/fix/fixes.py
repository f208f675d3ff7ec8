"""The fix catalogue (which rules have a fix, and whether it is safe) and how planned fixes become new
file contents: per file, every edit is spliced into the original text and the result is checked
before anything is written."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import jinja2

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Location
from meshlint.fix import plans
from meshlint.fix.plans import PlannedFix, Skipped
from meshlint.fix.yaml_splice import Splice, SpliceError, apply, compose, edit


@dataclass(frozen=True)
class FixRule:
    code: str
    safe: bool
    plan: Callable[[list[Diagnostic], AnalysedMesh], plans.Plan]
    does: str  # what the fix writes, for `meshlint rules` and the rule pages


# The one home of "which rule has a fix, and is it safe" (tests/test_catalogue.py checks the pages say so).
FIX_RULES = (
    FixRule("ML102", True, plans.plan_extra_columns, "declares the column with its inferred type"),
    FixRule("ML103", False, plans.plan_type_changes, "writes the inferred type over the contract's `data_type`"),
    FixRule("ML104", True, plans.plan_missing_data_types, "writes the inferred type as the column's `data_type`"),
    FixRule("ML110", True, plans.plan_missing_columns, "declares every column the SQL produces, with its type"),
    FixRule("ML201", True, plans.plan_selection_names, "corrects the name to the one close declared column"),
    FixRule("ML309", False, plans.plan_pins, "pins the ref to the version it resolves to now"),
    FixRule("ML401", False, plans.plan_deprecated_refs, "moves the ref to the latest version when it has every column the model reads"),
    FixRule("ML402", False, plans.plan_deprecated_refs, "moves the ref to the latest version when it has every column the model reads"),
)
FIXES_BY_CODE = {f.code: f for f in FIX_RULES}


@dataclass
class FileFix:
    path: str
    before: str
    after: str
    fixes: list[PlannedFix] = field(default_factory=list)
    created: bool = False


@dataclass
class FixOutcome:
    files: list[FileFix]
    skipped: list[Skipped]
    unsafe_available: int  # fixable findings left alone because they need --unsafe-fixes

    @property
    def fixed(self) -> int:
        return sum(len(f.findings) for file in self.files for f in file.fixes)


def plan_all(diagnostics: Iterable[Diagnostic], mesh: AnalysedMesh, unsafe: bool) -> tuple[list[PlannedFix], list[Skipped], int]:
    by_rule: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code in FIXES_BY_CODE:
            by_rule.setdefault(diagnostic.code, []).append(diagnostic)
    planned: list[PlannedFix] = []
    skipped: list[Skipped] = []
    unsafe_available = 0
    for rule in FIX_RULES:
        found = by_rule.get(rule.code, [])
        if not found:
            continue
        if not rule.safe and not unsafe:
            unsafe_available += len(found)
            continue
        for item in rule.plan(found, mesh):
            (planned if isinstance(item, PlannedFix) else skipped).append(item)  # type: ignore[arg-type]
    return planned, skipped, unsafe_available


def make_edits(planned: list[PlannedFix], read: Callable[[str], str], relative: Callable[[str], str]) -> tuple[list[FileFix], list[Skipped]]:
    """New contents per file, every edit checked; an edit that cannot be made safely is skipped and said."""
    by_file: dict[str, list[PlannedFix]] = {}
    for fix in planned:
        by_file.setdefault(fix.path, []).append(fix)
    files: list[FileFix] = []
    skipped: list[Skipped] = []
    for path in sorted(by_file):
        fixes = by_file[path]
        creates = fixes[0].creates
        if creates and (len(fixes) > 1 or os.path.exists(path)):
            skipped += [_skip(f, f"{relative(path)} exists already; declare the model there by hand") for f in fixes]
            continue
        try:
            text = "" if creates else read(path)
        except (OSError, UnicodeDecodeError) as error:
            skipped += [_skip(f, f"cannot read {relative(path)}: {error}") for f in fixes]
            continue
        made, failed = _edit_file(text, fixes)
        skipped += failed
        if made is not None and made.after != text:
            made.path, made.created = path, creates
            files.append(made)
    return files, skipped


def _edit_file(text: str, fixes: list[PlannedFix]) -> tuple[FileFix | None, list[Skipped]]:
    skipped: list[Skipped] = []
    try:
        root = compose(text) if fixes[0].yaml else None
    except SpliceError as error:
        return None, [_skip(f, str(error)) for f in fixes]
    built: list[tuple[PlannedFix, list[Splice]]] = []
    for fix in fixes:
        try:
            built.append((fix, fix.build(text, root)))
        except SpliceError as error:
            skipped.append(_skip(fix, str(error)))
    built = _drop_conflicts(built, skipped)
    for attempt in range(2):
        try:
            after = _combine(text, built, fixes[0].yaml)
            return FileFix("", text, after, [f for f, _ in built]), skipped
        except SpliceError as error:
            if attempt == 1 or len(built) == 1:
                return None, skipped + [_skip(f, str(error)) for f, _ in built]
            kept = []
            for fix, splices in built:  # find the edits that fail on their own; keep the rest
                try:
                    _combine(text, [(fix, splices)], fixes[0].yaml)
                    kept.append((fix, splices))
                except SpliceError as alone:
                    skipped.append(_skip(fix, str(alone)))
            built = kept
            if not built:
                return None, skipped
    return None, skipped


def _combine(text: str, built: list[tuple[PlannedFix, list[Splice]]], is_yaml: bool) -> str:
    splices = [s for _, group in built for s in group]
    return edit(text, splices) if is_yaml else _edit_template(text, splices)


def _edit_template(text: str, splices: list[Splice]) -> str:
    """A SQL template edited: refused if Jinja could parse it before and cannot after."""
    result = apply(text, splices)
    environment = jinja2.Environment()
    try:
        environment.parse(text)
    except jinja2.TemplateSyntaxError:
        return result  # it did not parse before either (ML002 says so); the edit is no worse
    try:
        environment.parse(result)
    except jinja2.TemplateSyntaxError as error:
        raise SpliceError(f"the edited template would not parse: {error.message}") from None
    return result


def _drop_conflicts(built: list[tuple[PlannedFix, list[Splice]]], skipped: list[Skipped]) -> list[tuple[PlannedFix, list[Splice]]]:
    """Two fixes that set the same key: one edit when they agree, neither when they do not."""
    seen: dict[tuple[object, ...], tuple[PlannedFix, Splice]] = {}
    result: list[tuple[PlannedFix, list[Splice]]] = []
    conflicting: set[int] = set()
    for fix, splices in built:
        kept = []
        for splice in splices:
            op = splice.op
            if op is None or op.kind != "set":
                kept.append(splice)
                continue
            key = (op.path, op.key)
            if key in seen:
                other_fix, other = seen[key]
                if other.text != splice.text or other.start != splice.start:
                    conflicting |= {id(fix), id(other_fix)}
                continue  # the same edit again
            seen[key] = (fix, splice)
            kept.append(splice)
        result.append((fix, kept))
    for fix, _ in result:
        if id(fix) in conflicting:
            skipped.append(_skip(fix, "another finding asks for a different value at the same place; decide by hand"))
    return [(f, s) for f, s in result if id(f) not in conflicting]


def _skip(fix: PlannedFix, why: str) -> Skipped:
    finding = fix.findings[0]
    return Skipped(fix.code, finding.location, why)


def unified_diff(file: FileFix, shown_as: str, new_file: bool = False) -> str:
    lines = difflib.unified_diff(
        file.before.splitlines(keepends=True), file.after.splitlines(keepends=True),
        "/dev/null" if new_file else f"a/{shown_as}", f"b/{shown_as}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def skipped_line(item: Skipped) -> str:
    location: Location = item.location
    return f"{location.path}:{location.line}:{location.column}: {item.code} not fixed: {item.why}"
