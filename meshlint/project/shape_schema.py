"""Property files checked against the shapes dbt 1.11 accepts at parse (ML001).

The shapes are data, in `property_shapes.json` beside this module, written for meshlint from what real
dbt-core 1.11 accepts and rejects (tests/oracle/test_shape_bank.py runs dbt on each shape the file
claims). This module is the small interpreter of that file.

Type expressions (strings in the file):

* `str`, `bool`, `int`, `num`, `dict` (any mapping), `any`, or the name of a mapping type of the file;
* `[T]` a list of `T`; `T|U` either; `?T` also null (`null` is rejected unless said);
* `enum:a,b,c` one of the words.

A mapping type has `keys` (name -> expression), optional `required`, `extra` (whether other keys are
allowed: dbt accepts unknown keys on most entries, and refuses them on a few), `exclusive` (groups of
keys of which at most one may be given), `one_of_required` (at least one of these keys), `rendered`
(dbt renders Jinja in the values before it validates them, so a template string may be anything) and
`special` (a check the notation cannot say: a data test entry, a docs colour, a test's severity,
unit-test rows).

A value of the wrong type is reported once, at its own line, with its key path
(`models[2].versions[0].columns[1]`), and what is inside it is not checked further: one mistake, one
finding. A model entry with a shape dbt rejects also *covers* the model's nodes (cascades.py), so the
findings that follow from meshlint's lenient reading of it are not reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.yaml_spans import YamlMap, item_location, key_location, node_location, value_location
from meshlint.rules.input_failures import YAML_INVALID

SCHEMA_FILE = Path(__file__).with_name("property_shapes.json")
DBT_FAILS = "dbt's parse fails on this file"


@dataclass(frozen=True)
class _Type:
    kind: str  # scalar name, "list", "union", "enum", "map"
    nullable: bool = False
    item: _Type | None = None
    options: tuple[_Type, ...] = ()
    words: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class _MapType:
    name: str
    keys: dict[str, _Type]
    required: tuple[str, ...]
    extra: bool
    exclusive: tuple[tuple[str, ...], ...]
    one_of_required: tuple[str, ...]
    special: str | None
    rendered: bool  # dbt renders Jinja in its values before it validates them (configs)


class Schema:
    def __init__(self, data: dict[str, object]) -> None:
        self.describe: dict[str, str] = dict(data.get("describe", {}))  # type: ignore[arg-type]
        self.colours = frozenset(str(c).lower() for c in data.get("colours", []))  # type: ignore[union-attr]
        raw_types: dict[str, dict[str, object]] = data["types"]  # type: ignore[assignment]
        self.maps: dict[str, _MapType] = {}
        for name, spec in raw_types.items():
            self.maps[name] = _MapType(
                name=name,
                keys={key: self.parse(str(expr)) for key, expr in dict(spec.get("keys", {})).items()},  # type: ignore[call-overload]
                required=tuple(spec.get("required", ())),  # type: ignore[call-overload]
                extra=bool(spec.get("extra", True)),
                exclusive=tuple(tuple(group) for group in spec.get("exclusive", ())),  # type: ignore[union-attr]
                one_of_required=tuple(spec.get("one_of_required", ())),  # type: ignore[call-overload]
                special=spec.get("special"),  # type: ignore[arg-type]
                rendered=bool(spec.get("rendered", False)),
            )
        self.top: dict[str, str] = dict(data["top"])  # type: ignore[call-overload]
        self.test_args = self.parse("data_test_args")

    def parse(self, expr: str) -> _Type:
        expr = expr.strip()
        if "|" in expr and not expr.startswith("["):
            options = tuple(self.parse(part) for part in _split_union(expr))
            return _Type("union", nullable=any(o.nullable for o in options), options=options)
        if expr.startswith("?"):
            inner = self.parse(expr[1:])
            return _Type(inner.kind, True, inner.item, inner.options, inner.words, inner.name)
        if expr.startswith("[") and expr.endswith("]"):
            return _Type("list", item=self.parse(expr[1:-1]))
        if expr.startswith("enum:"):
            return _Type("enum", words=tuple(expr[5:].split(",")))
        if expr in ("str", "bool", "int", "num", "dict", "any"):
            return _Type(expr)
        return _Type("map", name=expr)


def _split_union(expr: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in expr:
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


@cache
def schema() -> Schema:
    return Schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


_LEAVES = frozenset({"str", "bool", "int", "num", "dict", "any", "enum"})


class _Checker:
    """Walks a file against the schema. Paths and locations are built only for what is reported or
    descended into: a large, valid file costs little more than its walk."""

    def __init__(self, path: str, schema: Schema) -> None:
        self.path = path
        self.schema = schema
        self.found: list[tuple[str, str, Location]] = []  # (key path, message, location)

    def report(self, where: str, message: str, location: Location) -> None:
        self.found.append((where, message, location))

    def value(self, value: object, expected: _Type, parent: str, key: object, container: object, item: bool) -> None:
        """The value of `container[key]` (a list item when `item`), whose container is at `parent`."""
        if value is None:
            if not expected.nullable and expected.kind != "any":
                where = f"{parent}[{key}]" if item else f"{parent}.{key}"
                self.report(where, f"`{where}` is empty (null), expected {self.name(expected)}", self.at(container, key, item))
            return
        chosen: _Type | None = expected
        if expected.kind == "union":
            chosen = next((o for o in expected.options if self.matches(value, o)), None)
        elif not self.matches(value, expected):
            chosen = None
        if chosen is None:
            where = f"{parent}[{key}]" if item else f"{parent}.{key}"
            self.report(where, f"`{where}` is {_show(value)}, expected {self.name(expected)}", self.at(container, key, item))
        elif chosen.kind not in _LEAVES:
            self.descend(value, chosen, f"{parent}[{key}]" if item else f"{parent}.{key}")

    def at(self, container: object, key: object, item: bool) -> Location:
        return item_location(container, key, self.path) if item else key_location(container, key, self.path)  # type: ignore[arg-type]

    def matches(self, value: object, expected: _Type) -> bool:
        kind = expected.kind
        if kind == "str":
            return isinstance(value, str)
        if kind == "any":
            return True
        if kind in ("dict", "map"):
            return isinstance(value, dict)
        if kind == "list":
            if not isinstance(value, list):
                return False
            item = expected.item
            if item is None or item.kind in ("map", "any", "union"):
                return True
            return all(v is None and item.nullable or v is not None and self.matches(v, item) for v in value)
        if kind == "bool":
            return isinstance(value, bool)
        if kind == "union":
            return any(self.matches(value, o) for o in expected.options)
        if kind == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        if kind == "num":
            return isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind == "enum":
            return isinstance(value, str) and value in expected.words
        return True

    def descend(self, value: object, expected: _Type, where: str) -> None:
        if expected.kind == "union":
            chosen = next((o for o in expected.options if self.matches(value, o)), None)
            if chosen is not None and chosen.kind not in _LEAVES:
                self.descend(value, chosen, where)
        elif expected.kind == "list" and isinstance(value, list) and expected.item is not None and expected.item.kind in ("map", "union"):
            for index, item in enumerate(value):
                self.value(item, expected.item, where, index, value, True)
        elif expected.kind == "map" and isinstance(value, YamlMap):
            self.mapping(value, self.schema.maps[expected.name], where)

    def mapping(self, value: YamlMap, spec: _MapType, where: str) -> None:
        if spec.special == "data_test":
            self.data_test(value, where)
            return
        if spec.special == "version_column":  # an include/exclude element, or a column
            chosen = "version_selection" if "include" in value or "exclude" in value else "column"
            self.mapping(value, self.schema.maps[chosen], where)
            return
        for key in spec.required:
            if key not in value:
                self.report(where, f"`{where}` has no `{key}`, which dbt requires", node_location(value, self.path))
                return
        if spec.one_of_required and not any(value.get(k) is not None for k in spec.one_of_required):
            keys = " or ".join(f"`{k}`" for k in spec.one_of_required)
            self.report(where, f"`{where}` has neither {keys}, expected at least one", node_location(value, self.path))
            return
        for group in spec.exclusive:
            given = [k for k in group if value.get(k) is not None]
            if len(given) > 1:
                both = " and ".join(f"`{k}`" for k in given)
                self.report(f"{where}.{given[-1]}", f"`{where}` has both {both}, expected at most one of them",
                            key_location(value, given[-1], self.path))
        keys = spec.keys
        for key, item in value.items():
            expected = keys.get(key) if isinstance(key, str) else None
            if expected is None:
                if not spec.extra:
                    child = f"{where}.{key}"
                    allowed = ", ".join(f"`{k}`" for k in keys)
                    self.report(child, f"`{child}` is not a key dbt accepts here (one of {allowed})",
                                key_location(value, key, self.path))
                continue
            if type(item) is str and (expected.kind == "str" or spec.rendered and ("{{" in item or "{%" in item)):
                continue  # the common case without a call; or a template, whose rendered value is not known here
            self.value(item, expected, where, key, value, False)
        if spec.special is not None:
            self.special(value, spec.special, where)

    def special(self, value: YamlMap, special: str, where: str) -> None:
        severity = value.get("severity")
        if special == "test_config" and isinstance(severity, str) and severity.lower() not in ("warn", "error") and "{" not in severity:
            child = f"{where}.severity"
            self.report(child, f"`{child}` is `{severity}`, expected `warn` or `error`", value_location(value, "severity", self.path))
        rows = value.get("rows")
        if special == "unit_rows" and value.get("format", "dict") == "dict" and rows is not None and not isinstance(rows, list):
            child = f"{where}.rows"
            self.report(child, f"`{child}` is {_show(rows)}, expected a list of rows (mappings) for `format: dict`",
                        value_location(value, "rows", self.path))
        colour = value.get("node_color")
        if special == "docs" and isinstance(colour, str) and not _HEX_COLOUR.fullmatch(colour) and colour.lower() not in self.schema.colours:
            child = f"{where}.node_color"
            self.report(child, f"`{child}` is `{colour}`, neither an HTML colour name nor a hex code",
                        value_location(value, "node_color", self.path))

    def data_test(self, value: YamlMap, where: str) -> None:
        """A data test entry: `name: {args...}` (exactly one key), or the `test_name:` form."""
        if "test_name" in value:
            self.mapping(value, self.schema.maps["data_test_named"], where)
            return
        if len(value) != 1:
            keys = ", ".join(f"`{k}`" for k in value)
            self.report(where, f"`{where}` has {len(value)} keys ({keys}), expected exactly one: the test's name",
                        node_location(value, self.path))
            return
        ((name, args),) = value.items()
        self.value(args, self.schema.test_args, where, name, value, False)

    def name(self, expected: _Type) -> str:
        kind = expected.kind
        if kind == "union":
            return " or ".join(self.name(o) for o in expected.options)
        if kind == "list":
            return f"a list, each item {self.name(expected.item)}" if expected.item is not None else "a list"
        if kind == "enum":
            return "one of " + ", ".join(f"`{w}`" for w in expected.words)
        if kind == "map":
            return self.schema.describe.get(expected.name, "a mapping")
        return {"str": "a string", "bool": "true or false", "int": "a whole number", "num": "a number",
                "dict": "a mapping", "any": "a value"}[kind]


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    text = repr(value) if isinstance(value, str) else str(value)
    return f"`{text[:60]}`"


def check_property_file(
    data: object, path: str, node_ids: dict[tuple[str, int], tuple[str, ...]] | None = None
) -> list[Diagnostic]:
    """The shapes of a property file dbt's parse rejects, each once, at its line with its key path.
    `node_ids` names, per (top-level key, index) entry, the nodes a finding in that entry covers.

    >>> from meshlint.project.yaml_spans import load_yaml
    >>> data, _ = load_yaml("m.yml", "models:\\n  - name: m\\n    description:\\n    columns: {id: {}}\\n")
    >>> [(d.location.line, d.message) for d in check_property_file(data, "m.yml")]  # doctest: +NORMALIZE_WHITESPACE
    [(3, '`models[0].description` is empty (null), expected a string'),
     (4, '`models[0].columns` is a mapping, expected a list, each item a column (a mapping with `name`)')]
    """
    if data is None:
        return []  # an empty file: dbt skips it
    if not isinstance(data, YamlMap):
        return [YAML_INVALID.diagnostic(f"The property file is {_show(data)}, expected a mapping (`models:`, `sources:`, ...)",
                                        node_location(data, path), help="dbt's parse fails (\"Dictionary expected\")")]
    shapes = schema()
    checker = _Checker(path, shapes)
    result: list[Diagnostic] = []

    def flush(covers: tuple[str, ...]) -> None:
        for where, message, location in checker.found:
            result.append(YAML_INVALID.diagnostic(message, location, help=f"{DBT_FAILS}; fix the value at `{where}`", covers=covers))
        checker.found.clear()

    for key, type_name in shapes.top.items():
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, list):
            shown = "empty (null)" if value is None else _show(value)
            checker.report(key, f"`{key}` is {shown}, expected a list of entries", value_location(data, key, path))
            flush(())
            continue
        for index, item in enumerate(value):
            where = f"{key}[{index}]"
            if not isinstance(item, dict):
                shown = "empty (null)" if item is None else _show(item)
                checker.report(where, f"`{where}` is {shown}, expected an entry with a `name`", item_location(value, index, path))
            elif item.get("name") is None:
                checker.report(where, f"`{where}` has no `name`", item_location(value, index, path))
            elif type_name in shapes.maps and isinstance(item, YamlMap):
                checker.mapping(item, shapes.maps[type_name], where)
            flush((node_ids or {}).get((key, index), ()))
    return result
