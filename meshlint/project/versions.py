"""dbt's version semantics on the declared side: identity, ordering, the latest version, and the
columns each version declares after `include`/`exclude`."""

from __future__ import annotations

from meshlint.project.facts import ColumnSpec, ModelSpec, NamedItem, VersionSpec, VersionValue


def version_key(v: VersionValue) -> str:
    """The string dbt uses in unique ids and lookups (`v: 2` -> "2", `v: 1.5` -> "1.5").

    >>> version_key(2), version_key(2.0), version_key("beta")
    ('2', '2.0', 'beta')
    """
    return str(v)


def _as_float(v: VersionValue) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def version_sort_key(v: VersionValue) -> tuple[int, float, str]:
    """dbt compares versions as floats when both parse as floats, else as strings; this key agrees
    with that for every pair drawn from one model's versions in practice.

    >>> sorted([10, 9, "2", "beta"], key=version_sort_key)
    ['2', 9, 10, 'beta']
    """
    number = _as_float(v)
    if number is not None:
        return (0, number, str(v))
    return (1, 0.0, str(v))


def declared_latest(spec: ModelSpec) -> VersionValue | None:
    """`latest_version` as written, when it is a version value at all (not a list, a mapping or a bool)."""
    raw = spec.latest_version.raw if spec.latest_version is not None else None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        return None
    return raw


def latest_version_of(spec: ModelSpec) -> VersionValue | None:
    """The latest version: `latest_version` when it is one of the declared versions, else the greatest
    declared version. dbt's parse fails on an unusable `latest_version` (ML202); the rest of the analysis
    goes on as if it were unset, so that one mistake yields one finding.

    >>> from meshlint.diagnostics import Location
    >>> from meshlint.project.facts import Dated
    >>> def spec(latest, *vs):
    ...     return ModelSpec("p", "m", "m.yml", Location("m.yml"), versions=tuple(VersionSpec(v, Location("m.yml")) for v in vs),
    ...                      latest_version=Dated(latest, Location("m.yml")) if latest is not None else None)
    >>> latest_version_of(spec(1, 1, 2)), latest_version_of(spec("2", 1, 2)), latest_version_of(spec(3, 1, 2))
    (1, 2, 2)
    """
    declared = declared_latest(spec)
    if declared is not None and any(same_version(declared, v.v) for v in spec.versions):
        return declared
    if not spec.versions:
        return None
    return max((v.v for v in spec.versions), key=version_sort_key)


def same_version(a: VersionValue | None, b: VersionValue | None) -> bool:
    """dbt matches the latest version with `==`, so `latest_version: 2.0` is `v: 2`, but `"2"` is not.

    >>> same_version(2.0, 2), same_version("2", 2), same_version("beta", "beta")
    (True, False, True)
    """
    return a is not None and b is not None and not isinstance(a, bool) and not isinstance(b, bool) and a == b


def is_latest(spec: ModelSpec, version: VersionSpec) -> bool:
    return same_version(latest_version_of(spec), version.v)


def version_columns(spec: ModelSpec, version: VersionSpec) -> tuple[ColumnSpec, ...]:
    """The model's columns filtered by the version's include/exclude, then the version's own
    columns (a same-named one replaces the inherited column in place), as dbt resolves them."""
    selection = version.include_exclude[0] if version.include_exclude else None
    include = selection.include if selection is not None else "all"
    excluded = {item.value for item in selection.exclude} if selection is not None else set()
    if isinstance(include, tuple):
        included = {item.value for item in include}
        columns = [c for c in spec.columns if c.name in included and c.name not in excluded]
    elif include in (None, "all", "*"):
        columns = [c for c in spec.columns if c.name not in excluded]
    else:
        columns = list(spec.columns)  # an invalid include (ML205): dbt rejects the file anyway
    for own in version.columns:
        names = [c.name for c in columns]
        if own.name in names:
            columns[names.index(own.name)] = own
        else:
            columns.append(own)
    return tuple(columns)


def selection_names(version: VersionSpec) -> list[tuple[str, NamedItem]]:
    """Every column name a version's include/exclude lists, with the key it is under."""
    named: list[tuple[str, NamedItem]] = []
    for selection in version.include_exclude:
        if isinstance(selection.include, tuple):
            named += [("include", item) for item in selection.include]
        named += [("exclude", item) for item in selection.exclude]
    return named


def unknown_selection_names(spec: ModelSpec, version: VersionSpec) -> list[tuple[str, NamedItem]]:
    """The include/exclude names that are not columns of the model (dbt ignores them silently)."""
    declared = {c.name for c in spec.columns}
    return [(key, item) for key, item in selection_names(version) if item.value not in declared]
