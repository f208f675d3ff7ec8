"""What each fixable finding becomes: a planned edit of one file, or a reason it is left alone.

A plan never guesses: a column is declared only with a type inference is certain of (and that the
adapter's contract check accepts as written), a name is corrected only when one declared column is a
close match, and a ref moves to a newer version only when the newer version has every column the
consumer reads from it."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ruamel.yaml.nodes import Node, SequenceNode

from meshlint.analyse.columns import InferredColumn, match_key
from meshlint.analyse.contracts import contract_comparison
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode, ResolvedRef
from meshlint.analyse.identifiers import warehouse_name
from meshlint.analyse.types import display_type, same_type
from meshlint.diagnostics import Diagnostic, Location
from meshlint.fix.sql_refs import ref_version_edit
from meshlint.fix.yaml_splice import Splice, SpliceError, add_key, append_items, child, find_mapping, find_scalar, load_plain, replace_scalar
from meshlint.fix.yaml_text import block_item, scalar_text
from meshlint.project.dates import deprecation_of
from meshlint.project.facts import ModelNode
from meshlint.project.versions import latest_version_of, same_version, version_key
from meshlint.rules.base import written_name

# Builds the splices of one edit from the file's text and its composed YAML (None for a SQL file).
Builder = Callable[[str, "Node | None"], list[Splice]]


@dataclass(frozen=True)
class PlannedFix:
    code: str
    path: str  # absolute path of the file to edit
    what: str  # one sentence: what the edit does
    build: Builder
    findings: tuple[Diagnostic, ...]
    yaml: bool = True
    creates: bool = False  # the file does not exist yet: the edit writes all of it


@dataclass(frozen=True)
class Skipped:
    code: str
    location: Location
    why: str


Plan = Iterator["PlannedFix | Skipped"]


def certain_type(analysed: AnalysedNode, column: InferredColumn) -> str | None:
    """The column's type in the adapter's spelling, when inference is sure of it and the contract check
    accepts that spelling for it."""
    dialect = analysed.dialect
    if dialect is None or column.type is None:
        return None
    written = display_type(dialect, column.type)
    return written if same_type(dialect, written, column.type) is True else None


def _model_mapping(root: Node | None, node: ModelNode) -> tuple[Node, tuple[str | int, ...]]:
    """The YAML mapping that declares the node's columns: its version entry, else its model entry."""
    spec = node.spec
    assert spec is not None and root is not None
    if node.version_spec is not None:
        found = find_mapping(root, "v", node.version_spec.location.line, node.version_spec.location.column)
    else:
        found = find_mapping(root, "name", spec.location.line, spec.location.column)
    if found is None:
        raise SpliceError("its YAML entry is not written in this file (it comes through an alias)")
    return found


def _declare(node: ModelNode, columns: list[dict[str, object]]) -> Builder:
    def build(text: str, root: Node | None) -> list[Splice]:
        mapping, path = _model_mapping(root, node)
        existing = child(mapping, "columns")
        if existing is None:
            return [add_key(text, root, mapping, "columns", columns, path)]  # type: ignore[arg-type]
        if not isinstance(existing, SequenceNode):
            raise SpliceError("its `columns:` is not a list")
        return [append_items(text, root, existing, columns, (*path, "columns"))]  # type: ignore[arg-type]

    return build


def _where(analysed: AnalysedNode) -> str:
    version = f" v{analysed.node.version}" if analysed.node.version is not None else ""
    return f"`{analysed.node.name}`{version}"


def plan_extra_columns(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML102: declare the columns the SQL produces and the contract lacks, with their types."""
    for node_id, group in _by_node(findings):
        analysed = mesh.by_id.get(node_id)
        comparison = contract_comparison(analysed, mesh) if analysed is not None else None
        if analysed is None or comparison is None or analysed.node.spec is None:
            yield from (Skipped(d.code, d.location, "the model has no YAML entry to declare the column in") for d in group)
            continue
        declared: list[dict[str, object]] = []
        fixed: list[Diagnostic] = []
        wanted = {d.column_name for d in group}
        for column in comparison.extra:
            spelled = written_name(analysed, column.name, column.line)
            name = declared_name(analysed, column)
            finding = next((d for d in group if d.column_name == spelled), None)
            if spelled not in wanted or finding is None:
                continue
            data_type = certain_type(analysed, column)
            if data_type is None:
                yield Skipped(finding.code, finding.location, f"the type of `{name}` is not known for certain; declare it by hand")
            elif not _matches(analysed, name, column):
                yield Skipped(finding.code, finding.location, f"`{name}` would need `quote: true` to match; declare it by hand")
            else:
                declared.append({"name": name, "data_type": data_type})
                fixed.append(finding)
        if declared:
            names = ", ".join(f"`{c['name']}`" for c in declared)
            yield PlannedFix("ML102", analysed.node.spec.path, f"declare {names} in the contract of {_where(analysed)}",
                             _declare(analysed.node, declared), tuple(fixed))


def declared_name(analysed: AnalysedNode, column: InferredColumn) -> str:
    """The name to declare: as the SQL spells it, else lower-case where the warehouse folds it back the same."""
    name = written_name(analysed, column.name, column.line)
    folded = name == column.name and name != name.lower()  # not spelled in the SQL: the warehouse's form
    return name.lower() if folded and _matches(analysed, name.lower(), column) else name


def _matches(analysed: AnalysedNode, name: str, column: InferredColumn) -> bool:
    dialect = analysed.dialect or ""
    return match_key(warehouse_name(name, dialect, False), dialect) == match_key(column.name, dialect)


def plan_missing_columns(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML110: an enforced contract without columns gets every column the SQL produces."""
    for finding in findings:
        analysed = mesh.by_id.get(finding.node or "")
        node = analysed.node if analysed is not None else None
        if analysed is None or node is None or (node.spec is None and (node.sql is None or node.version_spec is not None)):
            yield Skipped(finding.code, finding.location, "the model has no YAML entry to declare columns in")
            continue
        if node.version_spec is not None and node.spec.columns:
            yield Skipped(finding.code, finding.location, "the version's `include`/`exclude` leaves no columns; fix the selection by hand")
            continue
        columns = analysed.columns
        if columns is None or not columns.closed or not columns.columns:
            yield Skipped(finding.code, finding.location, "not every column of the SQL is known (see `meshlint columns`)")
            continue
        declared = []
        for column in columns.columns:
            name = declared_name(analysed, column)
            data_type = certain_type(analysed, column)
            if data_type is None or not _matches(analysed, name, column):
                declared = []
                break
            declared.append({"name": name, "data_type": data_type})
        if not declared:
            yield Skipped(finding.code, finding.location, "not every column's type is known for certain (see `meshlint columns`)")
            continue
        if node.spec is None:
            assert node.sql is not None
            path = os.path.splitext(node.sql.path)[0] + ".yml"
            yield PlannedFix("ML110", path, f"declare the {len(declared)} columns of {_where(analysed)} in a new properties file",
                             _new_properties(node.name, declared), (finding,), yaml=False, creates=True)
            continue
        yield PlannedFix("ML110", node.spec.path, f"declare the {len(declared)} columns of {_where(analysed)}",
                         _declare(node, declared), (finding,))


def _new_properties(model: str, columns: list[dict[str, object]]) -> Builder:
    """A properties file with the model's entry, for a contract configured outside YAML."""
    def build(text: str, root: Node | None) -> list[Splice]:
        lines = ["models:", f"  - name: {scalar_text(model)}", "    columns:"]
        lines += [line for column in columns for line in block_item(column, 6, 8)]
        written = "\n".join(lines) + "\n"
        if load_plain(written) != {"models": [{"name": model, "columns": columns}]}:
            raise SpliceError("the new properties file would not read back as written")
        return [Splice(0, 0, written)]

    return build


def plan_missing_data_types(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML104: fill a declared column's `data_type` from its inferred type."""
    for finding in findings:
        analysed = mesh.by_id.get(finding.node or "")
        spec = next((c for c in analysed.node.columns if c.name == finding.column_name), None) if analysed else None
        if analysed is None or spec is None or analysed.columns is None or analysed.dialect is None:
            yield Skipped(finding.code, finding.location, "the model's columns were not inferred")
            continue
        produced = analysed.columns.by_key(analysed.dialect).get(
            match_key(warehouse_name(spec.name, analysed.dialect, spec.quote), analysed.dialect)
        )
        data_type = certain_type(analysed, produced) if produced is not None else None
        if data_type is None:
            yield Skipped(finding.code, finding.location, f"the type of `{spec.name}` is not known for certain; write it by hand")
            continue
        location = spec.location

        def build(text: str, root: Node | None, location: Location = location, data_type: str = data_type) -> list[Splice]:
            found = find_mapping(root, "name", location.line, location.column) if root is not None else None
            if found is None:
                raise SpliceError("the column's entry is not written in this file (it comes through an alias)")
            return [add_key(text, root, found[0], "data_type", data_type, found[1])]

        yield PlannedFix("ML104", location.path, f"set the `data_type` of `{spec.name}` to `{data_type}`", build, (finding,))


def plan_type_changes(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML103 (unsafe): write the inferred type over the contract's `data_type`."""
    for finding in findings:
        analysed = mesh.by_id.get(finding.node or "")
        spec = next((c for c in analysed.node.columns if c.name == finding.column_name), None) if analysed else None
        if analysed is None or spec is None or analysed.columns is None or analysed.dialect is None or spec.type_location is None:
            yield Skipped(finding.code, finding.location, "the model's columns were not inferred")
            continue
        produced = analysed.columns.by_key(analysed.dialect).get(
            match_key(warehouse_name(spec.name, analysed.dialect, spec.quote), analysed.dialect)
        )
        data_type = certain_type(analysed, produced) if produced is not None else None
        if data_type is None:
            yield Skipped(finding.code, finding.location, f"the type of `{spec.name}` in the SQL is not known for certain")
            continue
        yield PlannedFix(
            "ML103", spec.type_location.path, f"change the `data_type` of `{spec.name}` from `{spec.data_type}` to `{data_type}`",
            _replace_at(spec.type_location, data_type), (finding,),
        )


def _replace_at(location: Location, value: str) -> Builder:
    def build(text: str, root: Node | None) -> list[Splice]:
        found = find_scalar(root, location.line, location.column) if root is not None else None
        if found is None:
            raise SpliceError("the value is not written in this file (it comes through an alias)")
        return [replace_scalar(text, found[0], value, found[1])]

    return build


def plan_selection_names(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML201: correct an include/exclude name when exactly one declared column is a close match."""
    for finding in findings:
        node = _declared_node(mesh, finding.node or "")
        if node is None or node.spec is None or node.version_spec is None or finding.column_name is None:
            yield Skipped(finding.code, finding.location, "the version is not known")
            continue
        declared = [c.name for c in node.spec.columns]
        wrong = finding.column_name
        close = sorted({n for n in declared if n.lower() == wrong.lower()} | set(difflib.get_close_matches(wrong, declared, n=3, cutoff=0.8)))
        if len(close) != 1:
            yield Skipped(finding.code, finding.location, f"{'no' if not close else 'more than one'} declared column is close to `{wrong}`")
            continue
        listed = {item.value for s in node.version_spec.include_exclude for item in (*s.exclude, *(s.include if isinstance(s.include, tuple) else ()))}
        if close[0] in listed:
            yield Skipped(finding.code, finding.location, f"`{close[0]}` is already listed; remove `{wrong}` by hand")
            continue
        location = Location(node.spec.path, finding.location.line, finding.location.column)
        yield PlannedFix("ML201", node.spec.path, f"correct `{wrong}` to `{close[0]}`", _replace_at(location, close[0]), (finding,))


def _declared_node(mesh: AnalysedMesh, unique_id: str) -> ModelNode | None:
    analysed = mesh.by_id.get(unique_id)
    if analysed is not None:
        return analysed.node
    for project in mesh.mesh.projects:
        for node in project.nodes:
            if node.unique_id == unique_id:
                return node
    return None


def _ref_edit(analysed: AnalysedNode, ref: ResolvedRef, version: object) -> Builder:
    call = ref.call

    def build(text: str, root: Node | None) -> list[Splice]:
        start, end, written = ref_version_edit(text, call.line, call.package, call.name, version)  # type: ignore[arg-type]
        return [Splice(start, end, written)]

    return build


def plan_pins(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML309 (unsafe): pin an unpinned cross-project ref to the version it resolves to now."""
    for finding in findings:
        analysed = mesh.by_id.get(finding.node or "")
        refs = [r for r in analysed.refs if r.target is not None and r.target.unique_id == finding.target
                and not r.call.version_given] if analysed is not None else []
        if analysed is None or analysed.node.sql is None or not refs:
            yield Skipped(finding.code, finding.location, "the ref is not known")
            continue
        for ref in refs:
            assert ref.target is not None and ref.target.version is not None
            yield PlannedFix("ML309", analysed.node.sql.path, f"pin the ref to `{ref.call.name}` to v{ref.target.version}",
                             _ref_edit(analysed, ref, ref.target.version), (finding,), yaml=False)


def plan_deprecated_refs(findings: list[Diagnostic], mesh: AnalysedMesh) -> Plan:
    """ML401/ML402 (unsafe): move a ref off a deprecated version to the latest one, when the latest
    has every column the consumer reads from it."""
    for finding in findings:
        analysed = mesh.by_id.get(finding.node or "")
        refs = [r for r in analysed.refs if r.target is not None and r.target.unique_id == finding.target] if analysed else []
        if analysed is None or analysed.node.sql is None or not refs:
            yield Skipped(finding.code, finding.location, "the ref is not known")
            continue
        for ref in refs:
            target = ref.target
            assert target is not None
            newer, why = _newer_version(target, mesh)
            if newer is None:
                yield Skipped(finding.code, finding.location, why)
                continue
            missing = _columns_lost(target, newer, mesh)
            if missing is None:
                yield Skipped(finding.code, finding.location, f"the columns of v{target.version} or v{newer.version} are not all known")
                continue
            blocked = _reads_any(analysed, ref, missing)
            if blocked:
                yield Skipped(finding.code, finding.location, f"v{newer.version} lacks {', '.join(f'`{c}`' for c in sorted(missing))}, and {blocked}")
                continue
            yield PlannedFix(finding.code, analysed.node.sql.path,
                             f"move the ref to `{target.name}` from v{target.version} to v{newer.version}",
                             _ref_edit(analysed, ref, newer.version), (finding,), yaml=False)


def _newer_version(target: ModelNode, mesh: AnalysedMesh) -> tuple[ModelNode | None, str]:
    spec = target.spec
    latest = latest_version_of(spec) if spec is not None else None
    if spec is None or target.version is None or latest is None or same_version(latest, target.version):
        return None, f"`{target.name}` has no newer version to move to"
    newer = _declared_node(mesh, f"model.{target.project}.{target.name}.v{version_key(latest)}")
    if newer is None:
        return None, f"the latest version of `{target.name}` is not known"
    if deprecation_of(newer) is not None:
        return None, f"the latest version of `{target.name}` is deprecated too"
    return newer, ""


def _columns(node: ModelNode, mesh: AnalysedMesh) -> set[str] | None:
    analysed = mesh.by_id.get(node.unique_id)
    if analysed is not None and analysed.columns is not None and analysed.columns.closed:
        return {c.name.lower() for c in analysed.columns.columns}
    if node.published_columns is not None and node.published_closed:
        return {name.lower() for name, _ in node.published_columns}
    return None


def _columns_lost(old: ModelNode, new: ModelNode, mesh: AnalysedMesh) -> set[str] | None:
    before, after = _columns(old, mesh), _columns(new, mesh)
    if before is None or after is None:
        return None
    return before - after


def _reads_any(analysed: AnalysedNode, ref: ResolvedRef, missing: set[str]) -> str:
    """Why the consumer may read one of `missing` from the ref ("" when it cannot): a column qualified by
    the ref (or a pass-through of it), unqualified where the ref is among the relations, or passed on by `*`."""
    if not missing:
        return ""
    if analysed.column_uses is None or analysed.columns is None or not analysed.columns.closed:
        return f"not every column `{analysed.node.name}` reads is known"
    hits = missing & {c.name.lower() for c in analysed.columns.columns}
    for select in analysed.column_uses:
        aliases = {alias for alias, shape in select.sources if shape is not None and shape.table == ref.call.token}
        if not aliases:
            continue
        for use in select.columns:
            if use.name.lower() in missing and (use.qualifier in aliases or use.qualifier == ""):
                hits.add(use.name.lower())
    if not hits:
        return ""
    return f"`{analysed.node.name}` may read {', '.join(f'`{n}`' for n in sorted(hits))}"


def _by_node(findings: Iterable[Diagnostic]) -> list[tuple[str, list[Diagnostic]]]:
    grouped: dict[str, list[Diagnostic]] = {}
    for finding in findings:
        grouped.setdefault(finding.node or "", []).append(finding)
    return sorted(grouped.items())
