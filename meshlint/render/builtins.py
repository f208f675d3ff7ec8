"""The objects and functions dbt's Jinja context gives every template whatever the model: `execute`,
`config`, `exceptions`, `modules`, and the value functions (tojson, fromyaml, zip, set, local_md5...).
What they record goes to the render's state. (The built-in *macros* are SQL files under macros/.)"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import re
import types
import zoneinfo
from collections.abc import Callable, Iterable, Mapping

import jinja2
import yaml
from jinja2.exceptions import SecurityError

from meshlint.project.yaml_spans import load_yaml
from meshlint.render.state import RenderState
from meshlint.render.values import UnknownValue


class CompilerError(Exception):
    """`exceptions.raise_compiler_error(...)` from a template: dbt would fail the compile."""


class TemplateRaised(CompilerError):
    """Raised by the template's own code (`exceptions.raise_compiler_error`, `raise_not_implemented`), which
    may depend on the adapter (a macro that rejects adapters it does not support)."""


class ExecuteFlag:
    """`execute`: false in the parse pass, true in the compile pass; reading it is recorded, since
    a template that branches on it renders differently in the two passes.

    >>> state = RenderState("model")
    >>> flag = ExecuteFlag(state, False)
    >>> state.used_execute, bool(flag), state.used_execute
    (False, False, True)
    """

    def __init__(self, state: RenderState, value: bool) -> None:
        self._state = state
        self._value = value

    def __bool__(self) -> bool:
        self._state.used_execute = True
        return self._value

    def __str__(self) -> str:
        return str(bool(self))


class ConfigFunction:
    """`config(...)` records keys; `config.get` / `config.require` read them back.

    >>> config = ConfigFunction(RenderState("model"))
    >>> config(materialized="table"), config.get("materialized"), config.require("schema")
    ('', 'table', UnknownValue('config `schema` is required'))
    """

    def __init__(self, state: RenderState) -> None:
        self._state = state

    def __call__(self, *args: object, **kwargs: object) -> str:
        if args and isinstance(args[0], Mapping):
            kwargs = {**args[0], **kwargs}
        line = self._state.template_line()
        for key, value in kwargs.items():
            self._state.config[key] = value
            self._state.config_lines[key] = line
        return ""

    def get(self, key: str, default: object = None, validator: object = None) -> object:
        return self._state.config.get(key, default)

    def require(self, key: str, validator: object = None) -> object:
        if key in self._state.config:
            return self._state.config[key]
        return UnknownValue(f"config `{key}` is required")

    def set(self, key: str, value: object) -> str:
        self._state.config[key] = value
        return ""

    def persist_relation_docs(self) -> bool:
        return False

    def persist_column_docs(self) -> bool:
        return False


class Exceptions:
    """`exceptions`: the raising ones fail the compile as dbt would; warnings say nothing.

    >>> Exceptions().raise_compiler_error("no such column")
    Traceback (most recent call last):
    ...
    meshlint.render.builtins.TemplateRaised: no such column
    """

    def raise_compiler_error(self, message: object, node: object = None) -> None:
        raise TemplateRaised(str(message))

    def warn(self, message: object, node: object = None) -> str:
        return ""

    def raise_not_implemented(self, message: object) -> None:
        raise TemplateRaised(str(message))

    def raise_contract_error(self, *args: object) -> None:
        raise CompilerError("contract error")


class ModuleView:
    """What `modules.<name>` shows a template: the listed attributes of one module and nothing else.
    The module object itself stays out of reach, since its other attributes lead to `sys` and `os`.

    >>> view = ModuleView(datetime, ["date"])
    >>> view.date(2024, 2, 29).isoformat()
    '2024-02-29'
    >>> view.sys
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: `modules.datetime.sys` is not available in meshlint's sandbox
    """

    def __init__(self, module: types.ModuleType, names: Iterable[str]) -> None:
        self._module = module
        self._names = frozenset(names)

    def __getattr__(self, name: str) -> object:
        if name in self._names:
            value = getattr(self._module, name)
            return _Guarded(value) if callable(value) else value
        if name.startswith("_"):
            raise AttributeError(name)
        raise SecurityError(f"`modules.{self._module.__name__}.{name}` is not available in meshlint's sandbox")


class _Guarded:
    """A module's function or class as a template sees it: called with an unknown argument it gives an
    unknown (`modules.datetime.datetime(..., tzinfo=<unknown zone>)`) instead of failing the render;
    its public attributes (`datetime.datetime.strptime`) are guarded the same way.

    >>> from meshlint.render.values import UnknownValue
    >>> date = _Guarded(datetime.date)
    >>> date(2024, 1, 2).isoformat(), date(UnknownValue("x"), 1, 2), date.fromisoformat("2024-01-02").day
    ('2024-01-02', UnknownValue('x'), 2)
    """

    def __init__(self, target: Callable[..., object]) -> None:
        self._target = target

    def __call__(self, *args: object, **kwargs: object) -> object:
        unknown = next((a for a in (*args, *kwargs.values()) if isinstance(a, (UnknownValue, jinja2.Undefined))), None)
        if unknown is not None:  # an unknown value, or a name the template does not have (`target.http_path`)
            return unknown if isinstance(unknown, UnknownValue) else UnknownValue("an undefined value")
        return self._target(*args, **kwargs)

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        return _Guarded(value) if callable(value) else value


class _PytzZone(zoneinfo.ZoneInfo):
    """A time zone as pytz gives it (`localize`, `normalize`, `zone`), built on the standard library."""

    def localize(self, value: datetime.datetime, is_dst: object = False) -> datetime.datetime:
        return value.replace(tzinfo=self)

    def normalize(self, value: datetime.datetime) -> datetime.datetime:
        return value.astimezone(self)

    @property
    def zone(self) -> str:
        return self.key


class _Pytz:
    """`modules.pytz` (dbt ships pytz): `timezone(name)`, `utc` and `UTC`.

    >>> zone = _Pytz().timezone("Europe/Amsterdam")
    >>> zone.localize(datetime.datetime(2024, 7, 1)).isoformat(), zone.zone
    ('2024-07-01T00:00:00+02:00', 'Europe/Amsterdam')
    """

    __name__ = "pytz"

    def timezone(self, name: object) -> object:
        if isinstance(name, UnknownValue):
            return name
        try:
            return _PytzZone(str(name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise CompilerError(f"Unknown time zone: {name}") from error

    @property
    def utc(self) -> datetime.tzinfo:
        return _PytzZone("UTC")

    UTC = utc


_DATETIME_NAMES = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo", "MINYEAR", "MAXYEAR")
_RE_NAMES = (
    "compile", "search", "match", "fullmatch", "split", "findall", "finditer", "sub", "subn", "escape",
    "error", "Pattern", "Match", "A", "ASCII", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE",
    "S", "DOTALL", "U", "UNICODE", "X", "VERBOSE",
)


def modules() -> dict[str, ModuleView]:
    """`modules`: the standard-library modules dbt offers templates, each behind a `ModuleView`.

    >>> sorted(modules()), modules()["re"].sub("-", "_", "a-b")
    (['datetime', 'itertools', 'pytz', 're'], 'a_b')
    """
    return {
        "pytz": _Pytz(),
        "datetime": ModuleView(datetime, _DATETIME_NAMES),
        "re": ModuleView(re, _RE_NAMES),
        "itertools": ModuleView(itertools, (n for n in dir(itertools) if not n.startswith("_"))),
    }


def _tojson(value: object, default: object = None, sort_keys: bool = False) -> object:
    try:
        return json.dumps(value, sort_keys=sort_keys)
    except (TypeError, ValueError):
        return default


def _toyaml(value: object, default: object = None, sort_keys: bool = False) -> object:
    try:
        return yaml.safe_dump(value, sort_keys=sort_keys)
    except yaml.YAMLError:
        return default


def _set(value: object = (), default: object = None) -> object:
    try:
        return set(value)  # type: ignore[call-overload]
    except TypeError:
        return default


def _zip(*args: object, default: object = None) -> object:
    try:
        return list(zip(*args))  # type: ignore[call-overload]
    except TypeError:
        return default


def _fromjson(text: object, default: object = None) -> object:
    try:
        return json.loads(str(text))
    except ValueError:
        return default


def _fromyaml(text: object, default: object = None) -> object:
    # with the YAML budget of files: aliases a template expands (a "billion laughs" handed to `tojson`)
    # stop at a finding's worth, not at the machine's memory
    data, failure = load_yaml("<fromyaml>", str(text))
    return default if failure is not None else data


# dbt's context functions that only convert values, by their name in the context.
VALUE_FUNCTIONS: Mapping[str, Callable[..., object]] = {
    "tojson": _tojson,
    "fromjson": _fromjson,
    "fromyaml": _fromyaml,
    "toyaml": _toyaml,
    "zip": _zip,
    "set": _set,
    "set_strict": lambda value: set(value),
    "local_md5": lambda value: hashlib.md5(str(value).encode(), usedforsecurity=False).hexdigest(),
}
