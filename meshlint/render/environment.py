"""The sandboxed Jinja environment and the macro catalogue: every project's, package's and
meshlint's built-in macros, compiled once per run and bound lazily into each render."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Protocol

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from meshlint import __version__
from meshlint.fingerprint import code_fingerprint
from meshlint.render.budget import RenderBudget, RenderLimits
from meshlint.render.state import CURRENT
from meshlint.render.values import UnknownValue

BUILTIN_PACKAGE = "dbt"
# Where meshlint's own macro files say they come from
BUILTIN_PATH = "<meshlint>/"

# dbt block tags that are not Jinja: tests become macros (as dbt does), the rest is skipped.
_TEST_BLOCK = re.compile(r"{%-?\s*test\s+(\w+)\s*\((.*?)\)\s*-?%}(.*?){%-?\s*endtest\s*-?%}", re.S)
_SKIPPED_BLOCKS = re.compile(
    r"{%-?\s*(materialization|docs|snapshot)\b.*?{%-?\s*end\1\s*-?%}", re.S
)


class MacroReturn(Exception):
    """Raised by `return()` inside a macro; the macro wrapper turns it into the call's value."""

    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value


# Python names dbt's context never provides: calling one is an attempt to reach files or the OS,
# so the render fails instead of tolerating it as an unknown macro.
_FORBIDDEN_CALLS = frozenset(
    {
        "open", "file", "eval", "exec", "compile", "__import__", "globals", "locals", "getattr",
        "setattr", "delattr", "input", "breakpoint", "os", "sys", "subprocess", "importlib",
        "builtins", "system", "popen", "shutil", "socket",
    }
)


class TolerantUndefined(jinja2.ChainableUndefined):
    """An unknown name: rendering goes on with an unknown value, and the model is marked open
    (its columns cannot be known) with the name as the reason."""

    def _report(self) -> None:
        state = CURRENT.get(None)
        if state is not None and self._undefined_name is not None:
            state.mark_open(f"unknown name `{self._undefined_name}`")

    def __str__(self) -> str:
        self._report()
        return str(UnknownValue(""))

    def __call__(self, *args: object, **kwargs: object) -> UnknownValue:  # type: ignore[override]
        if self._undefined_name in _FORBIDDEN_CALLS:
            raise SecurityError(f"`{self._undefined_name}` is not available in a dbt template")
        self._report()
        return UnknownValue(f"unknown macro `{self._undefined_name}`")

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._report()
        return iter(())


class BudgetedCodeGenerator(CodeGenerator):
    """Compiles templates so that the render's budget sees what they do: each `{% for %}` item is a
    step, each piece of output (literal text included) is counted as it is written, and `~` checks
    the size of what it joins before joining it."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        items = nodes.Call(nodes.EnvironmentAttribute("meshlint_iterate"), [node.iter], [], None, None, lineno=node.iter.lineno)
        counted = nodes.For(node.target, items, node.body, node.else_, node.test, node.recursive, lineno=node.lineno)
        super().visit_For(counted, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.meshlint_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _output_const_repr(self, group: Iterable[object]) -> str:
        return f"environment.meshlint_write({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: object) -> None:
        self.write("environment.meshlint_write(")
        super()._output_child_pre(node, frame, finalize)  # type: ignore[arg-type]

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: object) -> None:
        super()._output_child_post(node, frame, finalize)  # type: ignore[arg-type]
        self.write(")")


_LIPSUM = DEFAULT_NAMESPACE["lipsum"]
# str methods whose result can be far larger than the string: the size they ask for is checked first
_PADDING_METHODS = frozenset({"ljust", "rjust", "center", "zfill"})


class DbtSandbox(SandboxedEnvironment):
    """jinja2's sandbox, stricter: reaching for an unsafe attribute (`__class__`, `__globals__`, ...)
    fails the render instead of yielding a tolerated unknown, no module object is reachable from a
    template (the ones dbt exposes under `modules` are allow-listed views), and every render keeps to
    a budget of steps, seconds and characters (budget.py).

    >>> make_environment().from_string("{{ ''.__class__ }}").render()
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: access to attribute `__class__` of a `str` object is not allowed
    >>> make_environment(RenderLimits(max_chars=1000)).from_string("{{ 'x' * 1001 }}").render()
    Traceback (most recent call last):
    ...
    meshlint.render.budget.RenderBudgetExceeded: render budget exceeded: a value of more than 1000 characters or items (limit `render-max-chars`)
    """

    code_generator_class = BudgetedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    budget: RenderBudget = RenderBudget()

    def meshlint_iterate(self, iterable: Iterable[object]) -> Iterable[object]:
        return self.budget.iterate(iterable)

    def meshlint_write(self, text: str) -> str:
        return self.budget.write(text)

    def meshlint_concat(self, values: tuple[object, ...]) -> str:
        texts = [str(v) for v in values]
        self.budget.size(sum(len(t) for t in texts))
        return "".join(texts)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: object, right: object) -> object:
        self.budget.binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: object, *args: object, **kwargs: object) -> object:  # noqa: N805
        budget = __self.budget
        budget.step()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps `str.format`
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str) and isinstance(method, types.BuiltinMethodType):
            args = __self._check_str_method(owner, method.__name__, args, kwargs)
        elif __obj is _LIPSUM:  # `lipsum(n)`: n paragraphs of up to `max` words
            paragraphs, words = (args + (5, True, 20, 100)[len(args):])[0], kwargs.get("max", 100)
            budget.size(paragraphs * words * 12 if isinstance(paragraphs, int) and isinstance(words, int) else 0)
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple, dict, set)):
            budget.size(len(result))
        if isinstance(owner, (list, dict, set)):  # `ns.items.extend(ns.items)`
            budget.size(len(owner))
        return result

    def _check_str_method(self, text: str, name: str, args: tuple[object, ...], kwargs: dict[str, object]) -> tuple[object, ...]:
        budget = self.budget
        if name in _PADDING_METHODS:
            width = args[0] if args else kwargs.get("width")
            if isinstance(width, int):
                budget.size(width)
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int):
                budget.size(len(text) + text.count("\t") * size)
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            count = text.count(args[0]) if args[0] else len(text) + 1
            budget.size(len(text) + count * max(len(args[1]) - len(args[0]), 0))
        elif name == "join" and args:
            items = list(args[0])  # type: ignore[call-overload]
            budget.size(sum(len(i) for i in items if isinstance(i, str)) + len(text) * max(len(items) - 1, 0))
            args = (items, *args[1:])
        elif name in ("format", "format_map"):
            budget.format_string(text, percent=False)
        return args

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        if isinstance(value, types.ModuleType) or isinstance(obj, types.ModuleType):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: object, attribute: str) -> jinja2.Undefined:
        raise SecurityError(f"access to attribute `{attribute}` of a `{type(obj).__name__}` object is not allowed")


def make_environment(limits: RenderLimits = RenderLimits()) -> DbtSandbox:
    env = DbtSandbox(
        undefined=TolerantUndefined,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        autoescape=False,
        keep_trailing_newline=True,
    )
    env.budget = RenderBudget(limits)
    for name, checked in _checked_filters(env).items():
        env.filters[name] = checked
    env.filters["as_bool"] = lambda v: str(v).lower() in {"true", "1", "yes"} if isinstance(v, str) else bool(v)
    env.filters["as_number"] = _as_number
    env.filters["as_text"] = lambda v: "" if v is None else str(v)
    env.filters["as_native"] = lambda v: v
    # `x is meshlint_unknown`: lets built-in macros pass an unknown value through untouched
    env.tests["meshlint_unknown"] = lambda v: isinstance(v, UnknownValue)
    return env


def _checked_filters(env: DbtSandbox) -> dict[str, Callable[..., object]]:
    """Filters whose output can be far larger than their input, with the size checked first."""
    original = dict(env.filters)

    def center(value: object, width: int = 80) -> object:
        env.budget.size(width if isinstance(width, int) else 0)
        return original["center"](value, width)

    def indent(value: object, width: object = 4, *args: object, **kwargs: object) -> object:
        text = str(value)
        env.budget.size(len(text) + (text.count("\n") + 1) * (width if isinstance(width, int) else len(str(width))))
        return original["indent"](value, width, *args, **kwargs)

    def format_(value: object, *args: object, **kwargs: object) -> object:
        env.budget.format_string(str(value), percent=True)
        return original["format"](value, *args, **kwargs)

    @jinja2.pass_eval_context
    def replace(eval_ctx: object, value: object, old: object, new: object, count: object = None) -> object:
        text, old_text, new_text = str(value), str(old), str(new)
        times = text.count(old_text) if old_text else len(text) + 1
        env.budget.size(len(text) + times * max(len(new_text) - len(old_text), 0))
        return original["replace"](eval_ctx, value, old, new, count)

    return {"center": center, "indent": indent, "format": format_, "replace": replace}


def _as_number(value: object) -> object:
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return float(value)
    return value


def preprocess(source: str) -> str:
    """Turn dbt's block tags into plain Jinja.

    >>> preprocess("{% test is_even(model, column_name) %}select 1{% endtest %}")
    '{% macro test_is_even(model, column_name) %}select 1{% endmacro %}'
    >>> preprocess("a{% docs x %}text{% enddocs %}b")
    'ab'
    """
    source = _SKIPPED_BLOCKS.sub("", source)
    return _TEST_BLOCK.sub(r"{% macro test_\1(\2) %}\3{% endmacro %}", source)


# Macros are compiled under a prefixed name, as dbt does: a macro calling another macro of the same
# file then reaches it through the render's context (with dispatch, `return()` and package overrides
# applied) rather than Jinja's direct binding, and macros whose names start with `_` stay reachable.
MACRO_PREFIX = "meshlint_macro__"


class MacroTemplate:
    """A compiled macro file; its modules show each macro under the name the file gives it. Given `load`
    instead of a template, the file is compiled when a render first calls one of its macros."""

    def __init__(self, template: jinja2.Template | None = None, load: Callable[[], jinja2.Template] | None = None) -> None:
        self._template = template
        self._load = load

    def make_module(self, vars: Mapping[str, object] | None = None, shared: bool = False) -> "MacroModule":
        if self._template is None:
            assert self._load is not None
            self._template = self._load()
        return MacroModule(self._template.make_module(vars=vars, shared=shared))


# The macros a file of meshlint's own defines, read without compiling it (tested against the compiler).
_MACRO_NAME = re.compile(r"\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")


def builtin_macro_names(text: str) -> tuple[str, ...]:
    """The macros a (preprocessed) file of meshlint's own defines, in order.

    >>> builtin_macro_names("{% macro a(x) %}{% endmacro %}\\n{%- macro b () -%}{%- endmacro %}")
    ('a', 'b')
    """
    return tuple(_MACRO_NAME.findall(text))


class MacroModule:
    def __init__(self, module: object) -> None:
        self._module = module

    def __getattr__(self, name: str) -> object:
        return getattr(self._module, MACRO_PREFIX + name)


@dataclass(frozen=True)
class MacroFile:
    path: str
    template: MacroTemplate


@dataclass(frozen=True)
class MacroProblem:
    path: str
    line: int
    message: str


# meshlint's own macro files compile once per process, whatever the number of renderers: the code
# does not depend on the environment it is later bound to
_BUILTIN_CODE: dict[tuple[str, str], tuple[types.CodeType, tuple[str, ...]]] = {}
# What compiled code depends on besides the file: the compiler (jinja2) and the bytecode format (Python).
_CODE_SALT = ("macro-code", __version__, code_fingerprint(), jinja2.__version__, sys.version, MACRO_PREFIX)


class CodeCache(Protocol):
    """Where compiled macro files are kept between runs (the analysis cache)."""

    def get(self, key: str) -> object | None: ...

    def put(self, key: str, value: object) -> None: ...


@dataclass
class MacroCatalog:
    """package name -> macro name -> the compiled file that defines it."""

    env: SandboxedEnvironment
    packages: dict[str, dict[str, MacroFile]] = field(default_factory=dict)
    problems: list[MacroProblem] = field(default_factory=list)
    stand_in_packages: frozenset[str] = frozenset()
    code_cache: CodeCache | None = None
    _pid: int = field(default_factory=os.getpid)  # the process that made it

    def add_file(self, package: str, path: str, source: str) -> None:
        text = preprocess(source)
        if path.startswith(BUILTIN_PATH):
            # meshlint's own file: compiled (once per process) when a render first calls one of its macros
            self._register(package, path, MacroTemplate(load=lambda: self._builtin_template(path, text)), builtin_macro_names(text))
            return
        try:
            code, defined = self._compile(path, text, self.code_cache)
            template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
        except jinja2.TemplateSyntaxError as error:
            self.problems.append(MacroProblem(path, error.lineno or 1, f"Jinja syntax error in macro file: {error.message}"))
            return
        self._register(package, path, MacroTemplate(template), defined)

    def _builtin_template(self, path: str, text: str) -> jinja2.Template:
        compiled = _BUILTIN_CODE.get((path, text))
        if compiled is None:
            # in a worker process forked from the one that made the catalogue, without the code cache: its
            # database connection is not to be used across a fork
            cache = self.code_cache if os.getpid() == self._pid else None
            compiled = _BUILTIN_CODE[(path, text)] = self._compile(path, text, cache)
        return self.env.template_class.from_code(self.env, compiled[0], self.env.make_globals(None))

    def _register(self, package: str, path: str, template: MacroTemplate, defined: tuple[str, ...]) -> None:
        macro_file = MacroFile(path, template)
        names = self.packages.setdefault(package, {})
        for name in defined:
            existing = names.get(name)
            # an installed package's own macro replaces meshlint's stand-in for it
            if existing is None or (existing.path.startswith(BUILTIN_PATH) and not path.startswith(BUILTIN_PATH)):
                names[name] = macro_file

    def _compile(self, path: str, text: str, code_cache: CodeCache | None) -> tuple[types.CodeType, tuple[str, ...]]:
        """A macro file's code and the macros it defines; from the code cache when it has them (Python
        bytecode, marshalled, as jinja2's own bytecode caches keep it)."""
        key = None
        if code_cache is not None:
            salt = (_CODE_SALT, sorted(self.env.extensions), type(self.env).__name__)
            key = hashlib.sha256(repr((salt, path, text)).encode()).hexdigest()
            stored = code_cache.get(key)
            if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes):
                try:
                    code = marshal.loads(stored[0])
                except (EOFError, ValueError, TypeError):
                    code = None
                if isinstance(code, types.CodeType):
                    return code, tuple(stored[1])
        tree = self.env.parse(text, name=path)
        defined = tuple(macro.name for macro in tree.find_all(nodes.Macro))
        for macro in tree.find_all(nodes.Macro):
            macro.name = MACRO_PREFIX + macro.name
        code = self.env.compile(tree, name=path, filename=path)
        if code_cache is not None and key is not None:
            code_cache.put(key, (marshal.dumps(code), defined))
        return code, defined

    def lookup(self, package: str, name: str) -> MacroFile | None:
        return self.packages.get(package, {}).get(name)


def builtin_macro_sources() -> Iterable[tuple[str, str, str]]:
    """(package, file name, source) of the macros meshlint ships: dbt's cross-database macros as the
    `dbt` package, and stand-ins for packages a project may not have installed."""
    root = resources.files("meshlint.render") / "macros"
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            package = entry.name[: -len(".sql")].split("__")[0]
            yield package, f"{BUILTIN_PATH}{entry.name}", entry.read_text(encoding="utf-8")


def new_catalog(env: SandboxedEnvironment, code_cache: CodeCache | None = None) -> MacroCatalog:
    catalog = MacroCatalog(env, code_cache=code_cache)
    stand_ins = set()
    for package, path, source in builtin_macro_sources():
        catalog.add_file(package, path, source)
        if package != BUILTIN_PACKAGE:
            stand_ins.add(package)
    catalog.stand_in_packages = frozenset(stand_ins)
    return catalog


class MacroCallable:
    """A macro bound to a render: `return()` inside it becomes its value, as in dbt."""

    def __init__(self, macro: Callable[..., object], name: str) -> None:
        self._macro = macro
        self.name = name

    def __call__(self, *args: object, **kwargs: object) -> object:
        try:
            return self._macro(*args, **kwargs)
        except MacroReturn as returned:
            return returned.value


class PackageNamespace:
    """`dbt_utils.star(...)`: the macros of one package, resolved on attribute access."""

    def __init__(self, name: str, resolve: Callable[[str], object | None]) -> None:
        self._name = name
        self._resolve = resolve

    def __getattr__(self, macro: str) -> object:
        if macro.startswith("_"):
            raise AttributeError(macro)
        found = self._resolve(macro)
        if found is not None:
            return found
        state = CURRENT.get(None)
        if state is not None:
            state.mark_open(f"unknown macro `{self._name}.{macro}`")
        return UnknownValue(f"unknown macro `{self._name}.{macro}`")

    def __getitem__(self, macro: str) -> object:
        # the sandbox looks an attribute up by item when attribute access fails, as it does for dbt's
        # own namespaces (dicts): that is how `dbt._split_part_negative(...)` reaches a private macro
        found = self._resolve(macro)
        if found is None:
            raise KeyError(macro)
        return found


class LazyContext(dict):  # type: ignore[type-arg]
    """The context dict a template renders with. Builtins are plain entries; macro names and
    package namespaces are bound on first use, so a render only pays for the macros it calls."""

    def __init__(self, builtins: Mapping[str, object], resolve: Callable[[str], object | None]) -> None:
        super().__init__(builtins)
        self._resolve = resolve

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        if isinstance(key, str):
            value = self._resolve(key)
            if value is not None:
                self[key] = value
                return True
        return False

    def __missing__(self, key: str) -> object:
        value = self._resolve(key)
        if value is None:
            raise KeyError(key)
        self[key] = value
        return value
