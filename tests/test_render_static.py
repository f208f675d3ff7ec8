"""Templates of literal `ref()`, `source()` and `config()` calls are rendered without compiling them
(meshlint/render/static.py). The result must be the one Jinja gives, field by field, for every
template: those the fast path takes, and those it must leave to Jinja."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from meshlint.render import render as render_module
from meshlint.render.budget import RenderLimits
from meshlint.render.context import RenderInputs
from meshlint.render.render import ProjectMacros, Renderer
from meshlint.render.state import RenderResult
from meshlint.render.static import calls

INPUTS = RenderInputs("analytics", "m", "duckdb")
MACROS = ProjectMacros("analytics")


def _both(template: str, limits: RenderLimits = RenderLimits()) -> tuple[RenderResult, RenderResult, bool]:
    """(with the fast path, with Jinja only, whether the fast path took it)."""
    fast = Renderer(limits=limits).render("model", template, INPUTS, MACROS)
    original = render_module.calls
    render_module.calls = lambda source: None  # type: ignore[assignment]
    try:
        jinja = Renderer(limits=limits).render("model", template, INPUTS, MACROS)
    finally:
        render_module.calls = original
    return fast, jinja, calls(template) is not None


TAKEN = [
    "select 1",
    "",
    "{{ config(materialized='table') }}\nselect * from {{ ref('a') }}\n",
    "select *\nfrom {{ ref('a') }} as a\njoin {{ ref('a') }} as b on true\n  join {{ source('raw', 'orders') }} o",
    "{{ref('p','a',v=2)}} {{ ref('a', version=1) }} {{ ref( 'a' , v = 0 ) }} {{ ref('a', version='') }}",
    "{{ config(materialized=\"view\", tags='x', enabled=true, persist_docs=none, x=False) }}select 1",
    "select 1 as x\n-- {{ ref('commented_out') }} still a ref\n",
    "select 'é ☃ 😀' as t from {{ ref(\"ünï\") }}",
    "x}} {{ ref('a') }}}} y } {",
    "{{ ref('meshlint__unknown') }}",  # a name that marks the model open
    "{{ ref('a', 'b', 'c') }}",  # raises: Jinja reports it
    "{{ ref() }}",
    "{{ source('only_one') }}",
    "{{ ref(1) }}",
    "select {{ config(materialized='table') }}1\n\n\n{{ ref('z') }}\n",
]

LEFT_TO_JINJA = [
    "{{ ref('a') -}}\nselect",
    "{{- ref('a') }}",
    "{% if true %}{{ ref('a') }}{% endif %}",
    "{# c #}{{ ref('a') }}",
    "{{ ref(\n'a') }}",
    "{{ ref('a\\'b') }}",
    "{{ ref('a',) }}",
    "{{ ref(v=2, 'a') }}",
    "{{ ref(x) }}",
    "{{ var('x') }}",
    "{{ ref('a') ~ 'b' }}",
    "{{ ref('a').identifier }}",
    "{{ ref('a') }",
    "{{ ref('a', true=1) }}",
    "{{ ref('a', v=2.5) }}",
    "{{ config(007) }}",
    "{{ ref('a', v=1, v=2) }}",  # a Python syntax error in the compiled code: reported, not raised
    "{{ ref('{a}') }}",
    "select\r\n{{ ref('a') }}",
    "{{ this }}",
]


@pytest.mark.parametrize("template", TAKEN)
def test_the_fast_path_renders_as_jinja_does(template: str) -> None:
    fast, jinja, taken = _both(template)
    assert taken
    assert fast == jinja


@pytest.mark.parametrize("template", LEFT_TO_JINJA)
def test_other_templates_are_left_to_jinja(template: str) -> None:
    fast, jinja, taken = _both(template)
    assert not taken
    assert fast == jinja


def test_the_fast_path_keeps_to_the_output_budget() -> None:
    template = "select 1 from {{ ref('a') }}" + " " * 200
    fast, jinja, taken = _both(template, RenderLimits(max_chars=100))
    assert taken and fast.failure is not None and fast.failure.budget
    assert fast == jinja


def test_lines_of_calls_are_the_lines_jinja_reports() -> None:
    fast, _, _ = _both("{{ config(materialized='table') }}\n\nselect * from {{ ref('a') }}\njoin {{ source('s', 't') }}")
    assert [r.line for r in fast.refs] == [3]
    assert [s.line for s in fast.sources] == [4]
    assert fast.config_lines == {"materialized": 1}


_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t{}%#-'\"é,()=")), max_size=12)
_STRING = st.text(alphabet=st.sampled_from(list("ab_ é{}\\'\"")), max_size=5)
_VALUE = st.one_of(
    _STRING.map(lambda s: "'" + s + "'"),
    _STRING.map(lambda s: '"' + s + '"'),
    st.integers(min_value=0, max_value=300).map(str),
    st.sampled_from(["true", "false", "none", "True", "None", "x", "1.5", "-1", "''"]),
)
_ARG = st.one_of(_VALUE, st.tuples(st.sampled_from(["v", "version", "materialized", "enabled", "tags"]), _VALUE).map("=".join))
_CALL = st.tuples(
    st.sampled_from(["ref", "source", "config", "var", "this"]),
    st.lists(_ARG, max_size=4),
    st.sampled_from(["", " ", "  ", "\t", "-", "\n"]),
    st.sampled_from(["", " ", ",", "-"]),
).map(lambda t: "{{" + t[2] + t[0] + "(" + ", ".join(t[1]) + ")" + t[3] + "}}")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, _CALL), max_size=5), _TEXT)
def test_any_template_renders_the_same_with_and_without_the_fast_path(parts: list[tuple[str, str]], tail: str) -> None:
    template = "".join(text + call for text, call in parts) + tail
    fast, jinja, _ = _both(template)
    assert fast == jinja


_NAME = st.text(alphabet=st.sampled_from(list("abz_09é")), min_size=1, max_size=6)
_TAKEN_CALL = st.one_of(
    st.tuples(_NAME, st.sampled_from(["", ", v=2", ", version=1", ", v=0"])).map(lambda t: f"ref('{t[0]}'{t[1]})"),
    st.tuples(_NAME, _NAME).map(lambda t: f'ref("{t[0]}", "{t[1]}")'),
    st.tuples(_NAME, _NAME).map(lambda t: f"source('{t[0]}', '{t[1]}')"),
    st.sampled_from(["config(materialized='table')", "config(enabled=false)", "config(tags='a', x=none)"]),
)
_PLAIN_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t}%#-'\",()=")), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_PLAIN_TEXT, _TAKEN_CALL, st.sampled_from(["", " ", "  "])), max_size=5), _PLAIN_TEXT)
def test_templates_of_literal_calls_take_the_fast_path_and_render_the_same(parts: list[tuple[str, str, str]], tail: str) -> None:
    template = "".join(text + "{{" + space + call + space + "}}" for text, call, space in parts) + tail
    fast, jinja, taken = _both(template)
    assert taken
    assert fast == jinja
