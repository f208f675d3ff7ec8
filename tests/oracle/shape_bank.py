"""A bank of small property-file shapes, each a one-project dbt project, with what dbt-core 1.11's
parse does with it (`rejects`) and the code meshlint reports when it does (`code`: ML001 unless a rule
of its own owns the mistake). Each rejected shape holds exactly one mistake.

test_shape_bank.py checks meshlint against the recorded verdicts (always) and the recorded verdicts
against real dbt (marked `dbt`), so meshlint agrees with dbt shape by shape. The verdicts were first
learned by running dbt 1.11.16 on each shape.
"""

from __future__ import annotations

import datetime
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

BASE_FILES = {
    "dbt_project.yml": "name: shapes\nversion: '1.0'\nprofile: shapes\nconfig-version: 2\n",
    "profiles.yml": "shapes:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: db.duckdb\n",
    "models/m.sql": "select 1 as id\n",
    "models/n.sql": "select 1 as id\n",
}
PROPS = "models/props.yml"
#: codes a rejected shape may be reported under: ML001, or the rule that owns that mistake
PARSE_CODES = frozenset({"ML001", "ML106", "ML202", "ML205", "ML306"})


@dataclass(frozen=True)
class Shape:
    id: str
    props: str
    rejects: bool
    code: str = "ML001"
    files: dict[str, str | None] = field(default_factory=dict)
    where: str = "props.yml"  # the file the finding is in

    def write(self, folder: Path) -> Path:
        root = folder / self.id
        for path, text in {**BASE_FILES, PROPS: self.props, **self.files}.items():
            if text is not None:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_text(text, encoding="utf-8")
        return root


SHAPES: list[Shape] = []
#: a versioned model `m` (v1, v2) instead of the plain one; `__` stands for `/` in these keyword names
V = {"models__m.sql": None, "models__m_v1.sql": "select 1 as id\n", "models__m_v2.sql": "select 1 as id\n"}
MACRO = {"macros__mac.sql": "{% macro mac(a) %}{{ a }}{% endmacro %}\n"}
SEED = {"seeds__sd.csv": "id\n1\n"}


def ok(id: str, props: str, **files: str | None) -> None:
    SHAPES.append(Shape(id, props, False, files=_paths(files)))


def bad(id: str, props: str, code: str = "ML001", where: str = "props.yml", **files: str | None) -> None:
    SHAPES.append(Shape(id, props, True, code, files=_paths(files), where=where))


def _paths(files: dict[str, str | None]) -> dict[str, str | None]:
    return {key.replace("__", "/"): value for key, value in files.items()}


M = "models:\n  - name: m\n"
C = M + "    columns:\n      - name: id\n"
VM = "models:\n  - name: m\n    columns:\n      - name: id\n    versions:\n      - v: 1\n"
S = "sources:\n  - name: s\n    tables:\n      - name: t\n"
E = "exposures:\n  - name: e\n    type: dashboard\n    owner: {email: a@b.c}\n"
G = "groups:\n  - name: g\n    owner: {name: x}\n"
U = "unit_tests:\n  - name: ut\n    model: m\n    given: []\n    expect:\n      rows: [{id: 1}]\n"

# the file and its top-level lists
ok("file_minimal", M)
ok("file_empty", "")
ok("file_version_3", "version: 3\n" + M)
ok("file_unknown_top_key", "foo: 1\n" + M)
bad("file_is_a_list", "- name: m\n")
bad("models_is_a_mapping", "models:\n  m: {description: x}\n")
bad("models_is_null", "models:\n")
bad("models_item_is_a_string", "models:\n  - m\n")
bad("model_without_name", "models:\n  - description: x\n")
bad("model_name_is_a_number", "models:\n  - name: 1\n")
# model entries
ok("model_unknown_key", M + "    owner: me\n")
ok("model_tags_top_level", M + "    tags: [a]\n")
ok("model_config_meta_and_tags", M + "    config:\n      meta: {a: 1}\n      tags: [x]\n")
ok("model_config_tags_string", M + "    config:\n      tags: a\n")
ok("model_config_unknown_key", M + "    config: {owner: x}\n")
ok("model_contract_top_level", M + "    contract: {enforced: false}\n")
ok("model_docs_hex_colour", M + "    docs: {node_color: '#abcdef'}\n")
ok("model_docs_named_colour", M + "    docs: {show: true, node_color: red}\n")
ok("model_time_spine", M + "    time_spine: {standard_granularity_column: id}\n    columns:\n      - name: id\n        granularity: day\n")
bad("model_description_number", M + "    description: 123\n")
bad("model_description_list", M + "    description: [a]\n")
bad("model_description_null", M + "    description:\n")
bad("model_meta_string", M + "    meta: x\n")
bad("model_meta_null", M + "    meta:\n")
bad("model_columns_mapping", M + "    columns:\n      id: {description: x}\n")
bad("model_columns_null", M + "    columns:\n")
bad("model_config_null", M + "    config:\n")
bad("model_config_list", M + "    config: [a]\n")
bad("model_config_meta_string", M + "    config:\n      meta: x\n")
bad("model_config_tags_number", M + "    config:\n      tags: 1\n")
bad("model_config_tags_mixed", M + "    config:\n      tags: [a, 1]\n")
bad("model_config_enabled_string", M + "    config:\n      enabled: 'no'\n")
bad("model_config_materialized_number", M + "    config:\n      materialized: 1\n")
bad("model_config_alias_number", M + "    config:\n      alias: 1\n")
bad("model_config_persist_docs_string", M + "    config:\n      persist_docs: x\n")
bad("model_config_pre_hook_number", M + "    config:\n      pre_hook: 1\n")
bad("model_config_unique_key_number", M + "    config:\n      unique_key: 1\n")
bad("model_contract_true", M + "    config:\n      contract: true\n")
bad("model_contract_enforced_string", M + "    config:\n      contract: {enforced: 'maybe'}\n")
bad("model_contract_top_level_string", M + "    contract: x\n")
bad("model_docs_show_string", M + "    docs: {show: 'yes'}\n")
bad("model_docs_unknown_key", M + "    docs: {show: true, owner: x}\n")
bad("model_docs_bad_colour", M + "    docs: {node_color: notacolor}\n")
bad("model_config_docs_bad_colour", M + "    config:\n      docs: {node_color: notacolor}\n")
bad("model_docs_in_config_and_top_level", M + "    docs: {show: true}\n    config: {docs: {show: false}}\n")
bad("model_time_spine_string", M + "    time_spine: x\n")
bad("model_constraints_mapping", M + "    constraints: {type: check}\n")
bad("model_tests_and_data_tests", M + "    data_tests: []\n    tests: [{unique: {column_name: id}}]\n")
ok("model_empty_tests_and_data_tests", M + "    data_tests: [{unique: {column_name: id}}]\n    tests: []\n")
bad("model_access_invalid", M + "    config: {access: secret}\n")
bad("model_group_number", M + "    config: {group: 1}\n", "ML306")
# columns
ok("column_unknown_key", C + "        owner: me\n")
ok("column_data_type_null", C + "        data_type:\n")
ok("column_config_meta_and_tags", C + "        config: {meta: {b: 1}, tags: [y]}\n")
ok("column_meta_in_config_and_top_level", C + "        meta: {a: 1}\n        config: {meta: {b: 1}}\n")
bad("column_item_string", M + "    columns:\n      - id\n")
bad("column_without_name", M + "    columns:\n      - description: x\n")
bad("column_name_number", M + "    columns:\n      - name: 5\n")
bad("column_data_type_number", C + "        data_type: 1\n")
bad("column_description_null", C + "        description:\n")
bad("column_quote_string", C + "        quote: 'yes'\n")
bad("column_meta_list", C + "        meta: [a]\n")
bad("column_tags_string", C + "        tags: a\n")
bad("column_config_list", C + "        config: [a]\n")
# data tests (1.10+ `arguments:`)
ok("test_arguments", C + "        data_tests:\n          - accepted_values:\n              arguments: {values: [1]}\n")
ok("test_arguments_and_top_level_args", C + "        data_tests:\n          - accepted_values:\n              arguments: {values: [1]}\n              values: [2]\n")
ok("test_named_form", C + "        data_tests:\n          - name: my_u\n            test_name: unique\n")
ok("test_config_unknown_key", C + "        data_tests:\n          - unique:\n              config: {owner: x}\n")
ok("test_unknown_generic", C + "        data_tests: [no_such_test]\n")
bad("test_list_is_a_string", C + "        data_tests: unique\n")
bad("test_list_null", C + "        data_tests:\n")
bad("test_item_number", C + "        data_tests: [123]\n")
bad("test_two_names", C + "        data_tests:\n          - unique: {}\n            not_null: {}\n")
bad("test_args_string", C + "        data_tests:\n          - unique: x\n")
bad("test_args_null", C + "        data_tests:\n          - unique:\n")
bad("test_config_list", C + "        data_tests:\n          - unique:\n              config: [a]\n")
bad("test_severity_fatal", C + "        data_tests:\n          - unique:\n              config: {severity: fatal}\n")
bad("test_tests_and_data_tests", C + "        data_tests: [unique]\n        tests: [not_null]\n")
# constraints (type and `to:` syntax: ML106)
ok("constraint_primary_key", C + "        constraints:\n          - type: primary_key\n")
ok("constraint_unknown_key", M + "    constraints:\n      - type: check\n        expression: id > 0\n        owner: x\n")
bad("constraint_unknown_type", M + "    constraints:\n      - type: bogus\n        columns: [id]\n", "ML106")
bad("constraint_without_type", M + "    constraints:\n      - columns: [id]\n", "ML106")
bad("column_constraint_unknown_type", C + "        constraints:\n          - type: bogus\n", "ML106")
bad("foreign_key_to_number", C + "        constraints:\n          - type: foreign_key\n            to: 5\n")
# versions (include/exclude semantics: ML205; latest_version: ML202)
ok("version_include_all_exclude", VM + "        columns:\n          - include: all\n            exclude: [id]\n", **V)
ok("version_include_list", VM + "        columns:\n          - include: [id]\n", **V)
ok("version_v_string", VM.replace("v: 1", "v: one") + "        defined_in: m_v1\n", **V)
for key, value in [("description", "x"), ("config", "{materialized: view}"), ("docs", "{show: true}"), ("data_tests", "[]"), ("constraints", "[]")]:
    ok(f"version_{key}", VM + f"        {key}: {value}\n", **V)
bad("versions_mapping", M + "    versions:\n      v1: {}\n", **V)
bad("versions_null", M + "    versions:\n", **V)
bad("version_without_v", M + "    versions:\n      - description: x\n", **V)
bad("version_v_list", M + "    versions:\n      - v: [1]\n", **V)
for key, value in [("meta", "{a: 1}"), ("tags", "[a]"), ("group", "g"), ("contract", "{enforced: false}"), ("owner", "x")]:
    bad(f"version_{key}_not_accepted", VM + f"        {key}: {value}\n", **V)
bad("version_defined_in_number", VM + "        defined_in: 3\n", **V)
bad("version_config_list", VM + "        config: [a]\n", **V)
bad("version_columns_null", VM + "        columns:\n", **V)
bad("version_exclude_string", VM + "        columns:\n          - include: all\n            exclude: id\n", **V)
bad("version_selection_unknown_key", VM + "        columns:\n          - include: all\n            owner: x\n", **V)
bad("version_include_unknown_word", VM + "        columns:\n          - include: id\n", "ML205", **V)
bad("version_latest_quoted", "models:\n  - name: m\n    latest_version: '2'\n    versions:\n      - v: 1\n      - v: 2\n", "ML202", **V)
# unit tests (`versions:` include/exclude)
ok("unit_test_minimal", U)
ok("unit_test_versions_include", U + "    versions:\n      include: [1]\n" + VM + "      - v: 2\n", **V)
bad("unit_test_versions_include_and_exclude", U + "    versions:\n      include: [1]\n      exclude: [2]\n" + VM + "      - v: 2\n", **V)
bad("unit_test_versions_list", U + "    versions: [1]\n" + VM + "      - v: 2\n", **V)
bad("unit_test_unknown_key", U + "    owner: x\n")
bad("unit_test_without_model", "unit_tests:\n  - name: ut\n    given: []\n    expect:\n      rows: [{id: 1}]\n")
bad("unit_test_given_mapping", "unit_tests:\n  - name: ut\n    model: m\n    given: {input: x}\n    expect:\n      rows: [{id: 1}]\n")
bad("unit_test_given_without_input", "unit_tests:\n  - name: ut\n    model: m\n    given:\n      - rows: [{id: 1}]\n    expect:\n      rows: [{id: 1}]\n")
bad("unit_test_expect_rows_string", "unit_tests:\n  - name: ut\n    model: m\n    given: []\n    expect:\n      rows: x\n")
bad("unit_test_expect_format_xml", "unit_tests:\n  - name: ut\n    model: m\n    given: []\n    expect:\n      format: xml\n      rows: [{id: 1}]\n")
# sources
ok("source_minimal", S)
ok("source_config_meta_and_tags", "sources:\n  - name: s\n    config: {meta: {a: 1}, tags: [x]}\n    tables:\n      - name: t\n        config: {meta: {b: 1}}\n")
ok("source_freshness_null", "sources:\n  - name: s\n    freshness: null\n    tables:\n      - name: t\n        freshness: null\n")
ok("source_table_unknown_key", S + "        owner: x\n")
ok("source_freshness_filter", "sources:\n  - name: s\n    freshness:\n      warn_after: {count: 1, period: minute}\n      filter: x\n    tables:\n      - name: t\n")
bad("source_tables_mapping", "sources:\n  - name: s\n    tables:\n      t: {}\n")
bad("source_tables_null", "sources:\n  - name: s\n    tables:\n")
bad("source_without_name", "sources:\n  - tables:\n      - name: t\n")
bad("source_table_without_name", "sources:\n  - name: s\n    tables:\n      - description: x\n")
bad("source_unknown_key", "sources:\n  - name: s\n    team: y\n    tables:\n      - name: t\n")
bad("source_docs_not_accepted", "sources:\n  - name: s\n    docs: {show: true}\n    tables:\n      - name: t\n")
bad("source_loaded_at_field_number", "sources:\n  - name: s\n    loaded_at_field: 1\n    tables:\n      - name: t\n")
bad("source_freshness_period_fortnight", "sources:\n  - name: s\n    freshness:\n      warn_after: {count: 1, period: fortnight}\n    tables:\n      - name: t\n")
bad("source_freshness_count_string", "sources:\n  - name: s\n    freshness:\n      warn_after: {count: x, period: day}\n    tables:\n      - name: t\n")
bad("source_freshness_build_after", "sources:\n  - name: s\n    freshness:\n      build_after: {count: 1, period: day}\n    tables:\n      - name: t\n")
bad("source_quoting_string", "sources:\n  - name: s\n    quoting: {database: 'yes'}\n    tables:\n      - name: t\n")
bad("source_config_enabled_string", "sources:\n  - name: s\n    config: {enabled: 'no'}\n    tables:\n      - name: t\n")
bad("source_table_loaded_at_field_and_query", S + "        loaded_at_field: _etl\n        loaded_at_query: select 1\n")
bad("source_column_tests_and_data_tests", S + "        columns:\n          - name: id\n            data_tests: [unique]\n            tests: [not_null]\n")
# seeds, snapshots, analyses, macros
ok("seed_column_types", "seeds:\n  - name: sd\n    config: {column_types: {id: int}}\n", **SEED)
bad("seed_column_types_list", "seeds:\n  - name: sd\n    config: {column_types: [a]}\n", **SEED)
bad("seed_quote_columns_string", "seeds:\n  - name: sd\n    config: {quote_columns: 'x'}\n", **SEED)
bad("seed_columns_mapping", "seeds:\n  - name: sd\n    columns: {id: {}}\n", **SEED)
ok("snapshot_in_yaml", "snapshots:\n  - name: sn\n    relation: ref('n')\n    config: {unique_key: id, strategy: check, check_cols: all}\n")
bad("snapshot_columns_mapping", "snapshots:\n  - name: sn\n    relation: ref('n')\n    columns: {id: {}}\n    config: {unique_key: id, strategy: check, check_cols: all}\n")
bad("analysis_columns_mapping", "analyses:\n  - name: an\n    columns: {id: {}}\n", **{"analyses__an.sql": "select 1\n"})
ok("macro_arguments", "macros:\n  - name: mac\n    arguments:\n      - name: a\n        type: int\n        description: x\n", **MACRO)
bad("macro_arguments_mapping", "macros:\n  - name: mac\n    arguments:\n      a: {type: int}\n", **MACRO)
bad("macro_argument_unknown_key", "macros:\n  - name: mac\n    arguments:\n      - name: a\n        owner: x\n", **MACRO)
bad("macro_without_name", "macros:\n  - description: x\n")
# exposures and groups
ok("exposure_full", E + "    label: E\n    maturity: high\n    url: http://x\n    depends_on: [ref('m')]\n    tags: [a]\n")
ok("exposure_owner_name_only", E.replace("{email: a@b.c}", "{name: x}"))
ok("exposure_owner_email_list", E.replace("{email: a@b.c}", "{email: [a@b.c]}"))
bad("exposure_type_poster", E.replace("dashboard", "poster"))
bad("exposure_without_owner", "exposures:\n  - name: e\n    type: dashboard\n")
bad("exposure_owner_empty", E.replace("{email: a@b.c}", "{}"))
bad("exposure_maturity_super", E + "    maturity: super\n")
bad("exposure_enabled_not_accepted", E + "    enabled: true\n")
bad("exposure_depends_on_string", E + "    depends_on: ref('m')\n")
ok("group_owner_email", "groups:\n  - name: g\n    owner: {email: a@b.c}\n")
ok("group_owner_extra_key", "groups:\n  - name: g\n    owner: {name: x, team: y}\n")
bad("group_without_owner", "groups:\n  - name: g\n")
bad("group_owner_string", "groups:\n  - name: g\n    owner: x\n")
bad("group_meta_not_accepted", G + "    meta: {}\n")
bad("group_defined_twice", G + "  - name: g\n    owner: {name: y}\n")


# Jinja: rendered (then validated) in configs and quoting, taken literally elsewhere
ok("jinja_model_config_enabled", M + "    config:\n      enabled: \"{{ var('x', true) }}\"\n")
ok("jinja_source_table_config_enabled", S + "        config:\n          enabled: \"{{ var('x', true) }}\"\n")
ok("jinja_source_quoting", "sources:\n  - name: s\n    quoting: {identifier: \"{{ var('q', false) }}\"}\n    tables:\n      - name: t\n")
ok("jinja_test_severity", C + "        data_tests:\n          - unique:\n              config: {severity: \"{{ 'warn' }}\"}\n")
bad("jinja_column_quote", C + "        quote: \"{{ true }}\"\n")
bad("jinja_docs_show", M + "    docs: {show: \"{{ true }}\"}\n")
bad("jinja_freshness_count", "sources:\n  - name: s\n    freshness:\n      warn_after: {count: \"{{ 1 }}\", period: day}\n    tables:\n      - name: t\n")
ok("test_severity_upper_case", C + "        data_tests:\n          - unique:\n              config: {severity: WARN}\n")
bad("test_severity_top_level_fatal", C + "        data_tests:\n          - unique:\n              severity: fatal\n")
ok("docs_short_hex_colour", M + "    docs: {node_color: '#abc'}\n")
bad("exposures_null", "exposures:\n")
bad("semantic_models_mapping", "semantic_models:\n  sm: {}\n")
bad("metric_without_name", "metrics:\n  - label: x\n")
bad("groups_mapping", "groups:\n  g: {}\n")
bad("unit_tests_item_string", "unit_tests:\n  - ut\n")

# packages.yml and dependencies.yml: dbt-core's parse does not check `projects:` entries
DEPS, PKGS = "dependencies.yml", "packages.yml"
ok("dependencies_project_without_name", M, **{DEPS: "projects:\n  - {}\n"})
ok("dependencies_projects_mapping", M, **{DEPS: "projects:\n  name: other\n"})
ok("dependencies_project_string", M, **{DEPS: "projects:\n  - other\n"})
ok("dependencies_is_a_list", M, **{DEPS: "- name: other\n"})
ok("dependencies_unknown_key", M, **{DEPS: "foo: 1\npackages: []\n"})
ok("packages_empty_list", M, **{PKGS: "packages: []\n"})
ok("packages_empty_file", M, **{PKGS: ""})
bad("packages_in_both_files", M, where=DEPS, **{DEPS: "packages: []\n", PKGS: "packages: []\n"})
bad("projects_in_packages_yml", M, where=PKGS, **{PKGS: "projects:\n  - name: other\n"})
bad("packages_yml_is_a_list", M, where=PKGS, **{PKGS: "- package: x\n"})
bad("packages_yml_unknown_key", M, where=PKGS, **{PKGS: "foo: 1\npackages: []\n"})
bad("packages_yml_packages_mapping", M, where=PKGS, **{PKGS: "packages:\n  x: 1\n"})
bad("packages_yml_packages_null", M, where=PKGS, **{PKGS: "packages:\n"})
bad("dependencies_packages_null", M, where=DEPS, **{DEPS: "packages:\n"})
bad("dependencies_packages_mapping", M, where=DEPS, **{DEPS: "projects: [{name: other}]\npackages:\n  x: 1\n"})
bad("packages_item_string", M, where=PKGS, **{PKGS: "packages:\n  - x\n"})
bad("packages_item_empty", M, where=PKGS, **{PKGS: "packages:\n  - {}\n"})
bad("packages_item_unknown_key", M, where=PKGS, **{PKGS: "packages:\n  - foo: x\n"})

# more types
ok("model_config_unique_key_null", M + "    config:\n      unique_key:\n")
ok("column_quote_null", C + "        quote:\n")
ok("source_schema_null", "sources:\n  - name: s\n    schema:\n    tables:\n      - name: t\n")
bad("source_loader_null", "sources:\n  - name: s\n    loader:\n    tables:\n      - name: t\n")
bad("constraint_item_string", C + "        constraints:\n          - primary_key\n")
bad("column_tags_number_item", C + "        tags: [1]\n")
bad("freshness_count_fraction", "sources:\n  - name: s\n    freshness:\n      warn_after: {count: 1.5, period: day}\n    tables:\n      - name: t\n")
bad("exposure_depends_on_number", E + "    depends_on: [1]\n")
bad("model_config_docs_show_string", M + "    config:\n      docs: {show: 'x'}\n")
bad("version_config_tags_number", VM + "        config: {tags: 1}\n", **V)


def meshlint_parse_findings(shape: Shape, folder: Path) -> list[tuple[str, str, int]]:
    """(code, file name, line) of each error or warning of `PARSE_CODES` meshlint gives on the shape."""
    from meshlint.diagnostics import Severity
    from meshlint.engine import check
    from meshlint.settings import Settings

    root = shape.write(folder)
    result = check([root], Settings(), datetime.date(2026, 11, 23), root)
    return [
        (d.code, Path(d.location.path).name, d.location.line)
        for d in result.diagnostics
        if d.code in PARSE_CODES and d.severity in (Severity.ERROR, Severity.WARNING)
    ]


if __name__ == "__main__":
    # `python shape_bank.py FOLDER`: meshlint's findings on every shape, as JSON, from a process of its own
    print(json.dumps({shape.id: meshlint_parse_findings(shape, Path(sys.argv[1])) for shape in SHAPES}))
