"""The YAML splicer over real-world styles: each edit changes only the edited node's text, byte for byte
(comments everywhere, anchors and aliases, flow lists, quoted keys and values, CRLF, tabs in comments,
indentation styles, block scalars, no newline at the end), and an edit that would change more than its
node is refused."""

from __future__ import annotations

import difflib

import pytest

from meshlint.fix.yaml_splice import (
    SpliceError,
    add_key,
    append_items,
    child,
    compose,
    edit,
    find_mapping,
    find_scalar,
    load_plain,
    replace_scalar,
)

NEW = [{"name": "order_status", "data_type": "varchar"}]


def _columns_of(text: str, model: str):  # type: ignore[no-untyped-def]
    root = compose(text)
    models = child(root, "models")
    for index, entry in enumerate(models.value):
        if child(entry, "name").value == model:
            return root, child(entry, "columns"), ("models", index, "columns")
    raise AssertionError(model)


def _only_inserted(before: str, after: str) -> list[str]:
    """The text added; fails if anything of `before` changed or moved."""
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {before[i1:i2]!r} -> {after[j1:j2]!r}"
        if tag == "insert":
            added.append(after[j1:j2])
    return added


COMMENTED = """\
# Properties of the core models.   
version: 2  # dbt ignores this

models:
  # the fact table
  - name: fct_orders  # owned by analytics
    config:
      contract: {enforced: true}  # flow map
    columns:
      # identifiers first
      - name: order_id   # the key
        data_type: int

      - name: order_date
        data_type: date  # day, not timestamp
      # a comment that closes the list
  # next model
  - name: dim_customers
"""


def test_append_to_a_commented_list() -> None:
    root, columns, path = _columns_of(COMMENTED, "fct_orders")
    after = edit(COMMENTED, [append_items(COMMENTED, root, columns, NEW, path)])
    assert after == COMMENTED.replace(
        "        data_type: date  # day, not timestamp\n",
        "        data_type: date  # day, not timestamp\n      - name: order_status\n        data_type: varchar\n",
    )


def test_flow_list_gets_a_flow_item() -> None:
    text = "models:\n  - name: fct_orders\n    columns: [{name: order_id, data_type: int},  # ids\n      {name: day, data_type: date}]   # end\n"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, [{"name": "amount", "data_type": "decimal(18,2)"}], path)])
    assert _only_inserted(text, after) == [", {name: amount, data_type: 'decimal(18,2)'}"]


def test_empty_flow_list() -> None:
    text = "models:\n  - name: fct_orders\n    columns: []  # none yet\n"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, NEW, path)])
    assert after == "models:\n  - name: fct_orders\n    columns: [{name: order_status, data_type: varchar}]  # none yet\n"


def test_crlf_and_tabs_in_comments() -> None:
    # (a tab before a comment is a syntax error for every YAML loader, dbt's included; tabs inside are fine)
    text = "models:\r\n  - name: fct_orders # tab\tinside\r\n    columns:\r\n      #\tindented\twith tabs\r\n      - name: order_id #\tkey\r\n        data_type: int\r\n"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, NEW, path)])
    assert after == text + "      - name: order_status\r\n        data_type: varchar\r\n"
    assert "\n" not in after.replace("\r\n", "")


def test_no_newline_at_end_of_file() -> None:
    text = "models:\n  - name: fct_orders\n    columns:\n      - name: order_id"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, NEW, path)])
    assert after == text + "\n      - name: order_status\n        data_type: varchar"


def test_dash_at_the_key_column_and_wide_indents() -> None:
    text = "models:\n- name: fct_orders\n  columns:\n  -   name: order_id\n      data_type: int\n"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, NEW, path)])
    assert after == text + "  -   name: order_status\n      data_type: varchar\n"


def test_quoted_keys_and_values_are_kept() -> None:
    text = "\"models\":\n  - 'name': \"fct_orders\"\n    'columns':\n      - \"name\": 'order_id'\n        \"data_type\": 'varchar'\n"
    root = compose(text)
    scalar, path = find_scalar(root, 5, 22)  # type: ignore[misc]
    after = edit(text, [replace_scalar(text, scalar, "int", path)])
    assert after == text.replace("'varchar'", "'int'")
    double = text.replace("'varchar'", '"varchar"')
    scalar, path = find_scalar(compose(double), 5, 22)  # type: ignore[misc]
    assert edit(double, [replace_scalar(double, scalar, "int", path)]) == double.replace('"varchar"', '"int"')


def test_block_scalar_last_in_the_mapping() -> None:
    text = "models:\n  - name: fct_orders\n    columns:\n      - name: order_id\n        description: |\n          The key.\n\n          Unique.\n\n  - name: other\n"
    root = compose(text)
    mapping, path = find_mapping(root, "name", 4, 15)  # type: ignore[misc]
    after = edit(text, [add_key(text, root, mapping, "data_type", "int", path)])
    assert after == text.replace("          Unique.\n", "          Unique.\n        data_type: int\n")


def test_a_key_after_an_empty_value() -> None:
    text = "models:\n  - name: fct_orders\n    description:\n    # later\n"
    root = compose(text)
    mapping, path = find_mapping(root, "name", 2, 11)  # type: ignore[misc]
    after = edit(text, [add_key(text, root, mapping, "latest_version", 1, path)])
    assert after == "models:\n  - name: fct_orders\n    description:\n    latest_version: 1\n    # later\n"


def test_new_columns_key_follows_the_files_list_style() -> None:
    text = "models:\n- name: stg\n  columns:\n  - name: id\n- name: fct_orders  # here\n  config:\n    materialized: table\n"
    root = compose(text)
    mapping, path = find_mapping(root, "name", 5, 9)  # type: ignore[misc]
    after = edit(text, [add_key(text, root, mapping, "columns", NEW, path)])
    assert after == text + "  columns:\n  - name: order_status\n    data_type: varchar\n"


ANCHORED = """\
defaults: &contracted
  config:
    contract: {enforced: true}
column_defaults: &col {data_type: int}
models:
  - name: fct_orders
    <<: *contracted
    columns:
      - name: order_id
        <<: *col
      - &shared
        name: customer_id
  - name: fct_returns
    <<: *contracted
    columns:
      - *shared
"""


def test_anchors_and_aliases_around_the_edit_are_kept() -> None:
    root, columns, path = _columns_of(ANCHORED, "fct_orders")
    after = edit(ANCHORED, [append_items(ANCHORED, root, columns, NEW, path)])
    assert after == ANCHORED.replace(
        "        name: customer_id\n", "        name: customer_id\n      - name: order_status\n        data_type: varchar\n"
    )
    plain = load_plain(after)
    assert plain["models"][1]["columns"] == [{"name": "customer_id"}]  # the alias still means the same


def test_an_edit_of_an_anchored_node_that_aliases_share_is_refused() -> None:
    root = compose(ANCHORED)
    mapping, path = find_mapping(root, "name", 12, 15)  # type: ignore[misc]  # customer_id, shared by fct_returns
    with pytest.raises(SpliceError, match="anchor or alias"):
        edit(ANCHORED, [add_key(ANCHORED, root, mapping, "data_type", "int", path)])


def test_an_alias_is_not_found_as_the_node() -> None:
    root = compose(ANCHORED)
    # fct_returns' list item is `*shared`: searching by position finds only the anchored original
    found = find_mapping(root, "name", 12, 15)
    assert found is not None and found[1] == ("models", 0, "columns", 1)


def test_two_edits_at_one_place_go_deepest_first() -> None:
    text = "models:\n  - name: fct_orders\n    columns:\n      - name: order_id\n"
    root, columns, path = _columns_of(text, "fct_orders")
    mapping, column_path = find_mapping(root, "name", 4, 15)  # type: ignore[misc]
    after = edit(text, [
        append_items(text, root, columns, NEW, path),
        add_key(text, root, mapping, "data_type", "int", column_path),
    ])
    assert after == text + "        data_type: int\n      - name: order_status\n        data_type: varchar\n"


def test_values_that_yaml_would_read_otherwise_are_quoted() -> None:
    text = "models:\n  - name: fct_orders\n    columns:\n      - name: order_id\n"
    root, columns, path = _columns_of(text, "fct_orders")
    after = edit(text, [append_items(text, root, columns, [{"name": "yes", "data_type": "number(38,0)"}, {"name": "on: x", "data_type": "date"}], path)])
    assert load_plain(after)["models"][0]["columns"][1:] == [{"name": "yes", "data_type": "number(38,0)"}, {"name": "on: x", "data_type": "date"}]
    assert "- name: 'yes'" in after and "- name: 'on: x'" in after


def test_unparseable_file_is_an_error_not_a_crash() -> None:
    with pytest.raises(SpliceError, match="cannot read"):
        compose("models: [\n")


# --- generated styles ------------------------------------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402


@st.composite
def styled_file(draw: st.DrawFn) -> tuple[str, int]:
    """A properties file in a drawn style, and the index of the model to edit."""
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    step = draw(st.sampled_from([2, 4]))
    dash = draw(st.sampled_from([0, step]))
    comment = st.sampled_from(["", "  # note", " #\ttabbed\tcomment", "   # ünïcode"])
    quote = st.sampled_from(["{}", "'{}'", '"{}"'])
    lines = [draw(st.sampled_from(["", "# header", "version: 2"]))]
    lines.append("models:" + draw(comment))
    models = draw(st.integers(1, 3))
    for m in range(models):
        base = " " * dash
        lines.append(f"{base}- name: {draw(quote).format(f'model_{m}')}{draw(comment)}")
        inner = base + " " * 2
        if draw(st.booleans()):
            lines.append(f"{inner}description: |")
            lines.append(f"{inner}  Some text{draw(st.sampled_from(['', ' # not a comment']))}")
        if draw(st.booleans()):
            lines.append(f"{inner}columns: [{{name: id, data_type: int}}]{draw(comment)}")
        else:
            lines.append(f"{inner}columns:{draw(comment)}")
            for c in range(draw(st.integers(1, 3))):
                if draw(st.booleans()):
                    lines.append(f"{inner}{' ' * (step if dash else 0)}# column {c}")
                lines.append(f"{inner}{' ' * (step if dash else 0)}- name: {draw(quote).format(f'c{c}')}{draw(comment)}")
                lines.append(f"{inner}{' ' * (step if dash else 0)}  data_type: int")
        if draw(st.booleans()):
            lines.append("")
    text = nl.join(lines) + draw(st.sampled_from([nl, ""]))
    return text, draw(st.integers(0, models - 1))


@settings(max_examples=100, deadline=None)
@given(styled_file())
def test_generated_styles_change_only_the_edited_list(case: tuple[str, int]) -> None:
    text, index = case
    root = compose(text)
    columns = child(child(child(root, "models"), index), "columns")
    splice = append_items(text, root, columns, NEW, ("models", index, "columns"))
    after = edit(text, [splice])
    assert after[: splice.start] + after[splice.start + len(splice.text):] == text  # one insertion, nothing else
    assert load_plain(after)["models"][index]["columns"][-1] == NEW[0]
    if "\r\n" in text:
        assert "\n" not in after.replace("\r\n", "")


def test_a_key_added_to_a_flow_mapping_item() -> None:
    text = "models:\n  - name: fct_orders\n    columns:\n      - {name: order_id}   # flow\n      - {name: day, data_type: date}\n"
    root = compose(text)
    mapping, path = find_mapping(root, "name", 4, 16)  # type: ignore[misc]
    after = edit(text, [add_key(text, root, mapping, "data_type", "decimal(10,2)", path)])
    assert after == text.replace("{name: order_id}", "{name: order_id, data_type: 'decimal(10,2)'}")
