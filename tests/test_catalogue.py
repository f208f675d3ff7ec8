"""The rule catalogue has one home, the registry (meshlint/rules/registry.py); these tests keep the
rule pages and cases under rules/ in step with it, both ways, and name the file to fix.

* every registered rule has rules/<CODE>-<name>/README.md, and every folder there is a registered rule;
* every page has the fixed headings, in order, and links its references;
* every page's "Fix" section says what the fix catalogue (meshlint/fix/fixes.py) knows: "Safe fix",
  "Unsafe fix" or "No automatic fix";
* every rule with a check has at least one bad-* and one good-* case; a rule without a check (a
  code a stage emits) has them too, unless its page says under "Known limitations" that it
  "has no cases" (and why); a case a page names (`limitation-...`) exists;
* the Example and Use instead snippets are taken from the rule's cases, line for line (markers
  aside, `...` elides), so the docs cannot drift from what the suite runs; a ```text block (a
  command, meshlint's output) is not a snippet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meshlint.fix.fixes import FIXES_BY_CODE
from meshlint.rules.base import Rule
from meshlint.rules.registry import BY_CODE, RULES

REPO = Path(__file__).resolve().parent.parent
RULES_DIR = REPO / "rules"
HEADINGS = (
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## Options",
    "## Fix",
    "## Known limitations",
    "## References",
)
SNIPPET_SECTIONS = ("## Example", "## Use instead")
# Code blocks that show a command or what meshlint prints, not case files.
OUTPUT_BLOCKS = frozenset({"text", "console", "shell", "sh", "bash"})
CASE_NAME = re.compile(r"^(bad|good|limitation)-[a-z0-9]+(?:-[a-z0-9]+)*$")
NO_CASES = re.compile(r"\bhas no cases\b", re.IGNORECASE)
# The end-of-line expectation markers of a case file (see tests/test_rule_cases.py).
MARKER = re.compile(r"\s*(?:--|\{#|#)\s*(?:todo-expect|todo-ok|expect):\s*ML\d{3}(?:\s*,\s*ML\d{3})*\s*(?:#\})?\s*$")
ELISION = re.compile(r"^(?:\.\.\.|…|--\s*\.\.\.|#\s*\.\.\.)$")


def folder(rule: Rule) -> Path:
    return RULES_DIR / f"{rule.code}-{rule.name}"


def page(rule: Rule) -> Path:
    return folder(rule) / "README.md"


def where(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def sections(text: str) -> dict[str, str]:
    """Level-2 sections of a page by heading (headings inside code fences do not count)."""
    result: dict[str, str] = {}
    current: str | None = None
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            current = line.rstrip()
            result.setdefault(current, "")
            continue
        if current is not None:
            result[current] += line + "\n"
    return result


def headings(text: str) -> list[str]:
    return list(sections(text))


def code_blocks(section: str) -> list[list[str]]:
    """The fenced code blocks of a section, except those showing a command or its output."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    info = ""
    for line in section.splitlines():
        if line.lstrip().startswith("```"):
            if current is None:
                current, info = [], line.strip().strip("`").strip().lower()
            else:
                if info not in OUTPUT_BLOCKS:
                    blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def normalise(line: str) -> str:
    return MARKER.sub("", line).strip()


def cases_of(rule: Rule) -> list[Path]:
    cases_dir = folder(rule) / "cases"
    return sorted(p for p in cases_dir.iterdir() if p.is_dir()) if cases_dir.is_dir() else []


def rule_ids(rules: tuple[Rule, ...]) -> list[str]:
    return [r.code for r in rules]


def test_every_folder_is_a_registered_rule() -> None:
    problems = []
    for path in sorted(RULES_DIR.iterdir()) if RULES_DIR.is_dir() else []:
        if not path.is_dir() or path.name.startswith((".", "_")):
            continue
        code, _, name = path.name.partition("-")
        rule = BY_CODE.get(code)
        if rule is None:
            problems.append(f"{where(path)}: {code} is not in meshlint/rules/registry.py (RULES); register it or remove the folder")
        elif rule.name != name:
            problems.append(f"{where(path)}: {code} is `{rule.name}` in the registry; rename the folder to {where(folder(rule))}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_rule_has_a_page(rule: Rule) -> None:
    assert page(rule).is_file(), (
        f"{where(page(rule))} is missing: every rule in meshlint/rules/registry.py has a page "
        f"({rule.code} {rule.name}: {rule.summary})"
    )


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_page_has_the_headings_in_order(rule: Rule) -> None:
    if not page(rule).is_file():
        pytest.skip("no page (test_rule_has_a_page fails)")
    found = headings(page(rule).read_text(encoding="utf-8"))
    missing = [h for h in HEADINGS if h not in found]
    assert not missing, f"{where(page(rule))}: add the heading(s) {missing}"
    doubled = [h for h in HEADINGS if found.count(h) > 1]
    assert not doubled, f"{where(page(rule))}: the heading(s) {doubled} appear more than once"
    order = [h for h in found if h in HEADINGS]
    assert order == list(HEADINGS), f"{where(page(rule))}: put the headings in this order: {list(HEADINGS)} (found {order})"


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_rule_has_bad_and_good_cases(rule: Rule) -> None:
    cases = cases_of(rule)
    kinds = {c.name.split("-", 1)[0] for c in cases}
    has_check = rule.check_node is not None or rule.check_mesh is not None or rule.check_change is not None
    text = page(rule).read_text(encoding="utf-8") if page(rule).is_file() else ""
    exempt = bool(NO_CASES.search(sections(text).get("## Known limitations", "")))
    cases_dir = where(folder(rule) / "cases")
    if exempt:
        assert not has_check, (
            f"{where(page(rule))}: {rule.code} has a check, so it needs cases; remove \"has no cases\" "
            f"and add {cases_dir}/bad-*/ and {cases_dir}/good-*/"
        )
        assert not cases, (
            f"{where(page(rule))} says {rule.code} has no cases, but {cases_dir} has some: update the page"
        )
        return
    for kind in ("bad", "good"):
        assert kind in kinds, (
            f"{cases_dir}: add a {kind}-<slug>/ case for {rule.code} {rule.name}"
            + ("" if has_check else f" (or, if no input can trigger it, say why it \"has no cases\" under Known limitations in {where(page(rule))})")
        )


def test_case_folders_are_well_formed() -> None:
    problems = []
    for rule_dir in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()) if RULES_DIR.is_dir() else []:
        cases_dir = rule_dir / "cases"
        if not cases_dir.is_dir():
            continue
        for case in sorted(cases_dir.iterdir()):
            if case.name.startswith("."):
                continue
            if not case.is_dir():
                problems.append(f"{where(case)}: only case folders belong in cases/")
            elif not CASE_NAME.match(case.name):
                problems.append(f"{where(case)}: name a case bad-<slug>, good-<slug> or limitation-<slug> (lowercase, dashes)")
            elif not any(case.rglob("dbt_project.yml")):
                problems.append(f"{where(case)}: a case is a dbt mesh; it needs at least one dbt_project.yml")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_snippets_come_from_the_cases(rule: Rule) -> None:
    if not page(rule).is_file():
        pytest.skip("no page (test_rule_has_a_page fails)")
    cases = cases_of(rule)
    if not cases:
        pytest.skip("no cases to take snippets from")
    known = {
        normalise(line)
        for case in cases
        for file in case.rglob("*")
        if file.is_file()
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines()
    }
    found = sections(page(rule).read_text(encoding="utf-8"))
    problems = []
    for heading in SNIPPET_SECTIONS:
        for block in code_blocks(found.get(heading, "")):
            for line in block:
                text = normalise(line)
                if text and not ELISION.match(text) and text not in known:
                    problems.append(f"  {heading}: `{line.strip()}`")
    assert not problems, (
        f"{where(page(rule))}: these snippet lines are not in any case under {where(folder(rule) / 'cases')} "
        "(copy snippets from the cases; elide with `...`):\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_references_link_somewhere(rule: Rule) -> None:
    if not page(rule).is_file():
        pytest.skip("no page (test_rule_has_a_page fails)")
    references = sections(page(rule).read_text(encoding="utf-8")).get("## References", "")
    assert re.search(r"\]\(https?://", references), (
        f"{where(page(rule))}: link the docs (dbt's, usually) under ## References as [title](https://...)"
    )


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_cases_named_on_the_page_exist(rule: Rule) -> None:
    """A page that points at a case (`limitation-float-latest-version`) keeps pointing at a real one
    after cases are renamed, e.g. when a limitation is fixed and its case becomes good-*."""
    if not page(rule).is_file():
        pytest.skip("no page (test_rule_has_a_page fails)")
    named = set(re.findall(r"`((?:bad|good|limitation)-[a-z0-9]+(?:-[a-z0-9]+)*)`", page(rule).read_text(encoding="utf-8")))
    existing = {c.name for c in cases_of(rule)}
    missing = sorted(named - existing)
    assert not missing, (
        f"{where(page(rule))} names case(s) {missing} that {where(folder(rule) / 'cases')} does not have: "
        "update the page (or the case's name)"
    )


@pytest.mark.parametrize("rule", RULES, ids=rule_ids(RULES))
def test_fix_section_agrees_with_the_fix_catalogue(rule: Rule) -> None:
    if not page(rule).is_file():
        pytest.skip("no page (test_rule_has_a_page fails)")
    text = sections(page(rule).read_text(encoding="utf-8")).get("## Fix", "").strip()
    fix = FIXES_BY_CODE.get(rule.code)
    expected = "No automatic fix" if fix is None else ("Safe fix" if fix.safe else "Unsafe fix")
    assert text.startswith(expected), (
        f"{where(page(rule))}: start the ## Fix section with \"{expected}\" (meshlint/fix/fixes.py FIX_RULES "
        f"says {rule.code} has {'no fix' if fix is None else ('a safe' if fix.safe else 'an unsafe') + ' fix'})"
    )
