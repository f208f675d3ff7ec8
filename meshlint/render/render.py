"""Render one model: compile its template once, bind the dbt context and macros, and return the
SQL with everything the render recorded. Never raises for a problem in the template."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2
from jinja2.runtime import new_context

from meshlint.render.budget import RenderBudgetExceeded, RenderLimits, Timer
from meshlint.render.context import ColumnsOf, CompilerError, RenderInputs, build_context
from meshlint.render.builtins import TemplateRaised
from meshlint.render.environment import (
    BUILTIN_PACKAGE,
    CodeCache,
    LazyContext,
    MacroCallable,
    MacroCatalog,
    PackageNamespace,
    make_environment,
    new_catalog,
    preprocess,
)
from meshlint.render.line_map import map_lines
from meshlint.render.static import StaticCall, calls
from meshlint.render.state import CURRENT, RenderFailure, RenderResult, RenderState

# A relation's token right after a word (`left join{{ ref('x') }}`): a space keeps them two words.
_GLUED_RELATION = re.compile(r"(?<=\w)(?=meshlint__(?:ref_|src_|this\b))")


@dataclass(frozen=True)
class ProjectMacros:
    """Which macros a project's templates can reach: its own package, the packages it has
    installed, and the dispatch search order from its dbt_project.yml."""

    project: str
    installed: frozenset[str] = frozenset()
    search_order: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


class Renderer:
    """Holds the environment and macro catalogue for a run; renders any model of the mesh."""

    def __init__(self, code_cache: CodeCache | None = None, limits: RenderLimits = RenderLimits()) -> None:
        self.env = make_environment(limits)
        self.catalog: MacroCatalog = new_catalog(self.env, code_cache)
        self._templates: dict[str, jinja2.Template | jinja2.TemplateSyntaxError] = {}

    def add_macro_file(self, package: str, path: str, source: str) -> None:
        self.catalog.add_file(package, path, source)

    def _compile(self, name: str, source: str) -> jinja2.Template | jinja2.TemplateSyntaxError:
        cached = self._templates.get(name)
        if cached is None:
            try:
                code = self.env.compile(preprocess(source), name=name, filename=name)
                cached = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            except jinja2.TemplateSyntaxError as error:
                cached = error
            except SyntaxError as error:  # what Jinja passes on to Python unchecked: `ref('a', v=1, v=2)`
                cached = jinja2.TemplateSyntaxError(error.msg, 1, name)
            self._templates[name] = cached
        return cached

    def render(
        self,
        name: str,
        source: str,
        inputs: RenderInputs,
        macros: ProjectMacros,
        columns_of: ColumnsOf | None = None,
    ) -> RenderResult:
        static = calls(source) if name not in self._templates else None
        if static is not None:
            result = self._render_static(name, source, *static, inputs, macros, columns_of)
            if result is not None:
                return result
        template = self._compile(name, source)
        if isinstance(template, jinja2.TemplateSyntaxError):
            return RenderResult(None, failure=RenderFailure(f"Jinja syntax error: {template.message}", template.lineno or 1))
        state = RenderState(template_name=name)
        token = CURRENT.set(state)
        budget = self.env.budget
        budget.start()
        try:
            with Timer(budget):
                context = self._context(inputs, macros, state, columns_of)
                sql = "".join(template.root_render_func(template.new_context(context, shared=True)))
            # dbt renders a relation as `"db"."schema"."table"`, so `join{{ ref('x') }}` is valid SQL there
            sql = _GLUED_RELATION.sub(" ", sql)
        except RenderBudgetExceeded as error:
            return self._failed(state, f"Jinja error while rendering: {error}", budget=True)
        except CompilerError as error:
            return self._failed(state, f"Compilation error raised by the template: {error}", raised=isinstance(error, TemplateRaised))
        except jinja2.TemplateError as error:
            return self._failed(state, f"Jinja error while rendering: {error}")
        except RecursionError:
            return self._failed(state, "Jinja error while rendering: macros call each other without end")
        except Exception as error:  # a template can raise anything a builtin raises
            return self._failed(state, f"Jinja error while rendering: {type(error).__name__}: {error}")
        finally:
            CURRENT.reset(token)
        return self._rendered(state, source, sql)

    def _render_static(
        self,
        name: str,
        source: str,
        pieces: list[str],
        found: list[StaticCall],
        inputs: RenderInputs,
        macros: ProjectMacros,
        columns_of: ColumnsOf | None,
    ) -> RenderResult | None:
        """The render of a template of literal calls only (static.py) without compiling it: what Jinja's
        compiled code does, call by call (each call through the sandbox, each piece of output counted). None when
        anything raises or is not as expected: then Jinja renders it, and says what went wrong where."""
        state = RenderState(template_name=name)
        token = CURRENT.set(state)
        budget = self.env.budget
        budget.start()
        try:
            context = self._context(inputs, macros, state, columns_of)
            # the context Jinja's compiled code would call through: the sandbox's checks and budget, as there
            jinja_context = new_context(self.env, name, {}, context, shared=True)
            out: list[str] = []
            for piece, call in zip(pieces, found):
                if piece:
                    out.append(budget.write(piece))
                state.static_line = call.line
                value = self.env.call(jinja_context, context[call.name], *call.args, **dict(call.kwargs))
                state.static_line = 0
                out.append(budget.write(str(value)))
            if pieces[-1]:
                out.append(budget.write(pieces[-1]))
            sql = _GLUED_RELATION.sub(" ", "".join(out))
        except Exception:  # Jinja renders it again, and reports the failure where it happens
            return None
        finally:
            CURRENT.reset(token)
        return self._rendered(state, source, sql)

    @staticmethod
    def _rendered(state: RenderState, source: str, sql: str) -> RenderResult:
        """A finished render: its SQL and everything the render recorded."""
        return RenderResult(
            sql=sql,
            refs=tuple(state.refs),
            sources=tuple(state.sources),
            config=dict(state.config),
            config_lines=dict(state.config_lines),
            open_reasons=tuple(state.open_reasons),
            used_execute=state.used_execute,
            used_graph=state.used_graph,
            stand_ins=tuple(sorted(set(state.stand_ins))),
            line_map=map_lines(source, sql),
        )

    @staticmethod
    def _failed(state: RenderState, message: str, budget: bool = False, raised: bool = False) -> RenderResult:
        help = "a loop, a recursive macro or a long string runs away; raise the limit under `[tool.meshlint.limits]` if the template is meant to do this much" if budget else None
        return RenderResult(
            None,
            refs=tuple(state.refs),
            sources=tuple(state.sources),
            config=dict(state.config),
            failure=RenderFailure(message, state.template_line_after_error(), help=help, budget=budget, raised=raised),
        )

    def _context(
        self,
        inputs: RenderInputs,
        macros: ProjectMacros,
        state: RenderState,
        columns_of: ColumnsOf | None,
    ) -> LazyContext:
        contexts: dict[str, LazyContext] = {}
        modules: dict[tuple[str, str], object] = {}

        def bind(package: str, name: str) -> MacroCallable | None:
            found = self.catalog.lookup(package, name)
            if found is None:
                return None
            if package in self.catalog.stand_in_packages and package not in macros.installed and not (
                name.startswith("_") or "__" in name
            ):
                state.stand_ins.append(f"{package}.{name}")
            key = (package, found.path)
            module = modules.get(key)
            if module is None:
                module = found.template.make_module(vars=context_for(package), shared=True)
                modules[key] = module
            macro = getattr(module, name, None)
            return MacroCallable(macro, name) if macro is not None else None

        def packages_for_local(local: str) -> tuple[str, ...]:
            return (local, macros.project, BUILTIN_PACKAGE) if local != macros.project else (local, BUILTIN_PACKAGE)

        def find_macro(name: str, package: str | None, local: str = macros.project) -> MacroCallable | None:
            for candidate in packages_for_local(local) if package is None else (package,):
                found = bind(candidate, name)
                if found is not None:
                    return found
            return None

        def context_for(local: str) -> LazyContext:
            existing = contexts.get(local)
            if existing is not None:
                return existing

            def resolve(name: str) -> object | None:
                found = find_macro(name, None, local)
                if found is not None:
                    return found
                if name in macros.installed or name in self.catalog.packages:
                    return PackageNamespace(name, lambda macro: find_macro(macro, name))
                return None

            created = LazyContext(base, resolve)
            contexts[local] = created
            return created

        def render_text(text: str) -> object:
            template = self._compile(f"<var>{text}", text)
            if isinstance(template, jinja2.TemplateSyntaxError):
                raise template
            return "".join(template.root_render_func(template.new_context(context_for(macros.project), shared=True)))

        base = build_context(
            inputs, state, lambda n, p: find_macro(n, p), columns_of, macros.search_order, render_text
        )
        return context_for(macros.project)
