"""`deprecation_date` values: dbt accepts anything dateutil parses; a naive value is read as UTC
(as dbt v2 does), a bare date as midnight UTC."""

from __future__ import annotations

import datetime

from meshlint.project.facts import Dated, ModelNode


def parse_deprecation_date(raw: object) -> datetime.datetime | None:
    """The instant a deprecation date names, or None when it is not a date.

    >>> parse_deprecation_date("2024-06-30 00:00:00.00+00:00").isoformat()
    '2024-06-30T00:00:00+00:00'
    >>> parse_deprecation_date(datetime.date(2030, 1, 5)).isoformat()
    '2030-01-05T00:00:00+00:00'
    >>> parse_deprecation_date("end of Q2") is None
    True
    """
    if isinstance(raw, datetime.datetime):
        value = raw
    elif isinstance(raw, datetime.date):
        value = datetime.datetime.combine(raw, datetime.time())
    elif isinstance(raw, str):
        from dateutil import parser as date_parser  # imported by the runs that meet a date written as text

        try:
            value = date_parser.parse(raw)
        except (ValueError, OverflowError):
            return None
    else:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    # a plain aware datetime, whatever datetime subclass the value came as
    return datetime.datetime(
        value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond, value.tzinfo
    )


def start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), datetime.timezone.utc)


def deprecation_cutoff(today: datetime.date) -> datetime.datetime:
    """A date is past once it is before the end of `today` (UTC): dbt compares with the clock, so on
    the deprecation day itself it already says "has passed".

    >>> deprecation_cutoff(datetime.date(2024, 6, 30)).isoformat()
    '2024-07-01T00:00:00+00:00'
    """
    return start_of(today + datetime.timedelta(days=1))


def deprecation_of(node: ModelNode) -> tuple[datetime.datetime, Dated] | None:
    """A node's own deprecation date: per version for versioned models (no inheritance from the
    model, as in dbt), the model's for unversioned ones."""
    dated = node.version_spec.deprecation_date if node.version_spec is not None else (
        node.spec.deprecation_date if node.spec is not None else None
    )
    if dated is None:
        return None
    parsed = parse_deprecation_date(dated.raw)
    return (parsed, dated) if parsed is not None else None
