"""Run every rule case under rules/<CODE>-<name>/cases/ and compare meshlint's findings with the
markers written in the case's files (rules/README.md explains how a case is written).

A case is a small dbt mesh. The runner lints it with meshlint's engine, as `meshlint check` would
from the case folder (the case's own `meshlint.toml`, `today` from its `case.toml`), keeps the
findings of the rule under test, of the input-failure codes ML001-ML004 and every error or warning
of any rule (so one mistake that yields a cascade of findings fails its case), and compares the set
of (file, line, code) with the markers, exactly:

* `expect: CODE` at the end of a line: meshlint must report CODE on that line;
* `todo-expect: CODE`: meshlint should report CODE there but does not yet (a known miss);
* `todo-ok: CODE`: meshlint reports CODE there but should not (a known false alarm).

A case about a change (ML5xx, `check --base`) holds the base in a `base/` folder: a whole copy of the
case's projects as they were. The runner commits `base/` in a new git repository, puts the rest of the
case (the head) in its work tree, and runs with `base_ref="HEAD"` from there. A finding in a file the
head no longer has is compared with the markers of that file under `base/`.

`bad-*` cases carry at least one `expect:` and no `todo-` marker, `good-*` cases carry no marker
of the rule under test (an error or warning of another rule that the case needs is marked too),
`limitation-*` cases carry at least one `todo-` marker. A todo marker that stops being true fails
its case, so the "Known limitations" of a rule page never outlive the limitation.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from meshlint.diagnostics import Severity
from meshlint.engine import check
from meshlint.settings import Settings, find_settings_file, load_settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
DEFAULT_TODAY = datetime.date(2026, 11, 23)
# Input failures: always compared, whatever the rule under test.
STAGE_CODES = ("ML001", "ML002", "ML003", "ML004")
# ...and every finding of these severities, whatever its rule: a case's findings are exactly its markers.
COMPARED_SEVERITIES = (Severity.ERROR, Severity.WARNING)
KINDS = ("bad", "good", "limitation")
MARKED_SUFFIXES = (".sql", ".yml", ".yaml", ".toml")
CASE_TOML_KEYS = frozenset({"today"})

# A marker is a comment at the end of a line with code before it: `-- expect: ML101` (SQL),
# `# expect: ML201` (YAML), `{# expect: ML002 #}` (inside a template, where `--` would be SQL).
MARKER = re.compile(
    r"(?:--|\{#|#)\s*(?P<kind>todo-expect|todo-ok|expect):\s*"
    r"(?P<codes>ML\d{3}(?:\s*,\s*ML\d{3})*)\s*(?:#\})?\s*$"
)
# Anything that looks like a marker must parse as one: a typo must not silently drop an expectation.
MARKER_LIKE = re.compile(r"\b(?:todo-expect|todo-ok|expect)\s*:", re.IGNORECASE)

Finding = tuple[str, int, str]  # (path relative to the case folder, line, code)


@dataclass(frozen=True)
class Markers:
    expect: frozenset[Finding]
    todo_expect: frozenset[Finding]
    todo_ok: frozenset[Finding]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    rule_dir: Path
    path: Path

    @property
    def code(self) -> str:
        return self.rule_dir.name.split("-", 1)[0]

    @property
    def kind(self) -> str:
        return self.path.name.split("-", 1)[0]

    @property
    def id(self) -> str:
        return f"{self.code}/{self.path.name}"


def parse_markers(relative: str, text: str) -> Markers:
    """The markers of one file.

    >>> m = parse_markers("m.sql", "select a,  -- expect: ML102, ML103\\n  b -- todo-expect: ML101\\n")
    >>> sorted(m.expect), sorted(m.todo_expect), m.problems
    ([('m.sql', 1, 'ML102'), ('m.sql', 1, 'ML103')], [('m.sql', 2, 'ML101')], ())
    >>> parse_markers("s.yml", "# expect: ML201\\n").problems[0]
    's.yml:1: a marker goes at the end of the line it is about, after the code (rules/README.md)'
    >>> parse_markers("s.yml", "a: 1  # expect ML201\\nb: 2  # Expect: ml201\\n").problems[1]
    's.yml:2: malformed marker (write `expect: ML101`, `todo-expect: ML101` or `todo-ok: ML101`)'
    """
    found: dict[str, set[Finding]] = {"expect": set(), "todo-expect": set(), "todo-ok": set()}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = MARKER.search(line)
        if match is None:
            if MARKER_LIKE.search(line) or re.search(r"\bexpect\b\s+ML\d", line, re.IGNORECASE):
                problems.append(
                    f"{relative}:{number}: malformed marker (write `expect: ML101`, `todo-expect: ML101` or `todo-ok: ML101`)"
                )
            continue
        if not line[: match.start()].strip():
            problems.append(
                f"{relative}:{number}: a marker goes at the end of the line it is about, after the code (rules/README.md)"
            )
            continue
        for code in match.group("codes").split(","):
            found[match.group("kind")].add((relative, number, code.strip()))
    return Markers(
        frozenset(found["expect"]), frozenset(found["todo-expect"]), frozenset(found["todo-ok"]), tuple(problems)
    )


def case_markers(case_dir: Path) -> Markers:
    expect: set[Finding] = set()
    todo_expect: set[Finding] = set()
    todo_ok: set[Finding] = set()
    problems: list[str] = []
    for file in sorted(case_dir.rglob("*")):
        if not file.is_file() or not file.name.endswith(MARKED_SUFFIXES):
            continue
        markers = parse_markers(file.relative_to(case_dir).as_posix(), file.read_text(encoding="utf-8"))
        expect |= markers.expect
        todo_expect |= markers.todo_expect
        todo_ok |= markers.todo_ok
        problems.extend(markers.problems)
    return Markers(frozenset(expect), frozenset(todo_expect), frozenset(todo_ok), tuple(problems))


def case_today(case_dir: Path) -> datetime.date:
    file = case_dir / "case.toml"
    if not file.is_file():
        return DEFAULT_TODAY
    data = tomllib.loads(file.read_text(encoding="utf-8"))
    unknown = sorted(set(data) - CASE_TOML_KEYS)
    assert not unknown, f"{file}: unknown key(s) {unknown}; case.toml knows only {sorted(CASE_TOML_KEYS)}"
    today = data.get("today", DEFAULT_TODAY)
    if isinstance(today, str):
        today = datetime.date.fromisoformat(today)
    assert isinstance(today, datetime.date) and not isinstance(today, datetime.datetime), (
        f"{file}: `today` must be a date like 2026-11-23"
    )
    return today


def case_settings(case_dir: Path, code: str) -> Settings:
    """The case's own settings file (never one above the case folder), with the rule under test
    switched on even when it is off by default."""
    found = find_settings_file(case_dir)
    if found is not None and found.parent != case_dir:
        found = None
    settings = load_settings(found)
    return settings.model_copy(update={"extend_select": (*settings.extend_select, code)})


def discover_cases() -> list[Case]:
    cases = []
    if not RULES_DIR.is_dir():
        return cases
    for rule_dir in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()):
        cases_dir = rule_dir / "cases"
        if cases_dir.is_dir():
            cases.extend(Case(rule_dir, p) for p in sorted(cases_dir.iterdir()) if p.is_dir())
    return cases


def _show(findings: set[Finding], messages: dict[Finding, str] | None = None) -> str:
    lines = []
    for path, line, code in sorted(findings):
        message = (messages or {}).get((path, line, code))
        lines.append(f"    {path}:{line}: {code}" + (f"  {message}" if message else ""))
    return "\n".join(lines)


CASES = discover_cases()
BASE_DIR = "base"


def run_with_base(case_dir: Path, settings: Settings, today: datetime.date, work: Path) -> list[tuple[Finding, str, Severity]]:
    """Commit the case's `base/` in a new git repository at `work`, put the head in its work tree, and
    check it against HEAD; findings with paths relative to `work` (or `base/...` for a file the head
    no longer has)."""
    git = ["git", "-c", "user.name=meshlint", "-c", "user.email=meshlint@example.com", "-c", "commit.gpgsign=false"]
    shutil.copytree(case_dir / BASE_DIR, work)
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=work, check=True)
    for entry in work.iterdir():
        if entry.name != ".git":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.copytree(case_dir, work, dirs_exist_ok=True, ignore=lambda folder, _: [BASE_DIR, "case.toml"] if Path(folder) == case_dir else [])
    result = check([work], settings, today, work, base_ref="HEAD")
    found = []
    for diagnostic in result.diagnostics:
        path = diagnostic.location.path
        if not (work / path).exists():
            path = f"{BASE_DIR}/{path}"
        found.append(((path, diagnostic.location.line, diagnostic.code), diagnostic.message, diagnostic.severity))
    return found


@pytest.fixture
def isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A case's dialect comes from its own files only, never from the machine's ~/.dbt/profiles.yml."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case, isolated_home: None, tmp_path: Path) -> None:
    case_dir = case.path.resolve()
    where = case.path.relative_to(RULES_DIR.parent).as_posix()
    assert case.kind in KINDS and "-" in case.path.name, (
        f"{where}: a case folder is named bad-<slug>, good-<slug> or limitation-<slug>"
    )
    assert any(case_dir.rglob("dbt_project.yml")), f"{where}: a case needs at least one dbt_project.yml"

    markers = case_markers(case_dir)
    assert not markers.problems, f"{where}: fix these markers:\n" + "\n".join(markers.problems)
    checked = {case.code, *STAGE_CODES}
    every = markers.expect | markers.todo_expect | markers.todo_ok
    todos = markers.todo_expect | markers.todo_ok
    own = {f for f in every if f[2] == case.code}
    if case.kind == "bad":
        assert {f for f in markers.expect if f[2] == case.code}, (
            f"{where}: a bad-* case needs at least one `expect: {case.code}` marker"
        )
        assert not todos, f"{where}: todo markers belong in a limitation-* case"
    elif case.kind == "good":
        assert not own and not todos, f"{where}: a good-* case carries no {case.code} or todo markers:\n{_show(own | todos)}"
    else:
        assert todos, f"{where}: a limitation-* case needs a `todo-expect:` or `todo-ok:` marker"

    settings = case_settings(case_dir, case.code)
    if (case_dir / BASE_DIR).is_dir():
        found = run_with_base(case_dir, settings, case_today(case_dir), tmp_path / "repo")
    else:
        result = check([case_dir], settings, case_today(case_dir), case_dir)
        found = [((d.location.path, d.location.line, d.code), d.message, d.severity) for d in result.diagnostics]
    messages: dict[Finding, str] = {}
    for key, message, severity in found:
        if key[2] in checked or severity in COMPARED_SEVERITIES:
            messages.setdefault(key, message)
    actual = set(messages)

    failures = []
    now_found = markers.todo_expect & actual
    if now_found:
        failures.append(
            "meshlint now reports these known misses: make them `expect:`, rename the case to bad-*, "
            "and update the page's Known limitations\n" + _show(now_found, messages)
        )
    now_quiet = markers.todo_ok - actual
    if now_quiet:
        failures.append(
            "meshlint no longer reports these known false alarms: remove the `todo-ok:` markers, rename "
            "the case to good-* (or bad-*), and update the page's Known limitations\n" + _show(now_quiet)
        )
    missing = markers.expect - actual
    if missing:
        failures.append("expected, not reported:\n" + _show(missing))
    unexpected = actual - markers.expect - markers.todo_expect - markers.todo_ok
    if unexpected:
        failures.append("reported, not expected (add a marker or fix the case):\n" + _show(unexpected, messages))
    if failures:
        pytest.fail(f"{where} ({case.code}, today {case_today(case_dir)}):\n  " + "\n  ".join(failures), pytrace=False)
