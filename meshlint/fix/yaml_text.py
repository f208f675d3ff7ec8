"""How values are written as YAML text: plain where both loaders (PyYAML, as dbt reads, and ruamel.yaml)
read the text back as the same value, else quoted; mappings as a flow item or a block list item."""

from __future__ import annotations

import datetime
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError

_PYYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SpliceError(Exception):
    """The edit cannot be written safely; the message says why (one sentence)."""


def scalar_text(value: object, flow: bool = False, style: str | None = None) -> str:
    """A scalar as YAML text: plain where it reads back as the same value in both loaders, else quoted
    (in `style` when the neighbour is quoted).

    >>> scalar_text("decimal(18,3)"), scalar_text("decimal(18,3)", flow=True), scalar_text("yes"), scalar_text(2)
    ('decimal(18,3)', "'decimal(18,3)'", "'yes'", '2')
    """
    if isinstance(value, bool) or value is None:
        raise SpliceError(f"cannot write `{value}`")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()  # a YAML date, as dbt's docs write `deprecation_date`
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if style == '"':
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style != "'" and text and not re.search(r"[\x00-\x1f]", text) and _reads_back(text, flow):
        return text
    return "'" + text.replace("'", "''") + "'"


def _reads_back(text: str, flow: bool) -> bool:
    document = f"k: [{text}]" if flow else f"k: {text}"
    try:
        loaded = yaml.load(document, Loader=_PYYAML)
        again = YAML(typ="safe", pure=True).load(document)
    except (yaml.YAMLError, RuamelError):
        return False
    want = [text] if flow else text
    return bool(loaded == {"k": want} and again == {"k": want})


def flow_mapping(item: dict[str, object]) -> str:
    return "{" + ", ".join(f"{k}: {scalar_text(v, flow=True)}" for k, v in item.items()) + "}"


def block_item(item: dict[str, object], dash_column: int, content_column: int) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(item.items()):
        prefix = " " * dash_column + "-" + " " * (content_column - dash_column - 1) if index == 0 else " " * content_column
        lines.append(f"{prefix}{key}: {scalar_text(value)}")
    return lines
