"""dbt_project.yml's `models:` tree: folder-level `+config` values, applied by fully qualified name."""

from __future__ import annotations

from collections.abc import Mapping


from meshlint.diagnostics import Location
from meshlint.project.facts import NodeConfig
from meshlint.project.yaml_spans import YamlMap, plain, value_location

# Config names dbt accepts without the `+` prefix in the models tree.
KNOWN_CONFIGS = frozenset(
    {
        "access", "group", "contract", "materialized", "enabled", "on_schema_change", "schema",
        "database", "alias", "tags", "meta", "docs", "persist_docs", "full_refresh",
        "incremental_strategy", "unique_key", "post-hook", "pre-hook", "grants", "sql_header",
        "deprecation_date", "static_analysis",
    }
)


def config_for(
    tree: object, fqn: list[str], path: str
) -> tuple[dict[str, object], dict[str, Location]]:
    """The configs that apply to a node with this fqn, inner folders overriding outer ones.

    >>> from meshlint.project.yaml_spans import load_yaml
    >>> tree, _ = load_yaml("dbt_project.yml", "p:\\n  +access: public\\n  staging:\\n    +access: private\\n")
    >>> config_for(tree, ["p", "staging", "stg_x"], "dbt_project.yml")[0]
    {'access': 'private'}
    >>> config_for(tree, ["p", "core", "fct"], "dbt_project.yml")[0]
    {'access': 'public'}
    """
    config: dict[str, object] = {}
    locations: dict[str, Location] = {}
    level = tree
    for part in fqn:
        if not isinstance(level, Mapping):
            break
        level = level.get(part)
        if not isinstance(level, YamlMap):
            break
        for key, value in level.items():
            key = str(key)
            name = key[1:] if key.startswith("+") else key
            if key.startswith("+") or (name in KNOWN_CONFIGS and not _is_folder(value, name)):
                config[name] = plain(value)
                locations[name] = value_location(level, key, path)
    return config, locations


def _is_folder(value: object, name: str) -> bool:
    # `contract: {enforced: true}` and `meta: {...}` are configs even though they are mappings.
    return isinstance(value, Mapping) and name not in {"contract", "meta", "docs", "persist_docs", "grants"}


def node_config(raw: Mapping[str, object], locations: Mapping[str, Location]) -> NodeConfig:
    """Read the governance keys of a merged config.

    >>> node_config({"contract": {"enforced": True}, "access": "public"}, {}).contract_enforced
    True
    """
    contract = raw.get("contract")
    enforced = isinstance(contract, Mapping) and contract.get("enforced") is True
    group = raw.get("group")
    on_schema_change = raw.get("on_schema_change")
    return NodeConfig(
        materialized=str(raw.get("materialized") or "view"),
        access=str(raw.get("access") or "protected"),
        group=str(group) if group else None,
        contract_enforced=enforced,
        on_schema_change=str(on_schema_change) if on_schema_change is not None else None,
        enabled=raw.get("enabled", True) is not False,
        raw=dict(raw),
        locations=dict(locations),
    )
