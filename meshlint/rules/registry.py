"""The rule catalogue: every code meshlint can emit, in code order. Codes are fixed and never
reused; each has its page under rules/<CODE>-<name>/ (a test checks both directions)."""

from meshlint.rules import (
    ml101_contract_column_missing,
    ml102_contract_column_extra,
    ml103_contract_type_mismatch,
    ml104_contract_data_type_missing,
    ml201_version_spec_unknown_column,
    ml202_version_latest_undeclared,
    ml301_ref_protected_cross_project,
    ml302_ref_private_outside_group,
    ml303_ref_unknown_model,
    ml304_ref_unknown_version,
    ml305_ref_undeclared_project,
    ml401_ref_deprecated,
    ml402_ref_deprecation_upcoming,
    ml403_model_deprecated,
    ml404_latest_version_deprecated,
)
from meshlint.rules.base import Rule
from meshlint.rules.input_failures import (
    CANNOT_VERIFY,
    INTERNAL_ERROR,
    JINJA_INVALID,
    REF_CYCLE,
    SQL_UNPARSEABLE,
    UNUSED_SUPPRESSION,
    UPSTREAM_UNAVAILABLE,
    YAML_INVALID,
)

RULES: tuple[Rule, ...] = (
    INTERNAL_ERROR,
    YAML_INVALID,
    JINJA_INVALID,
    SQL_UNPARSEABLE,
    REF_CYCLE,
    CANNOT_VERIFY,
    UPSTREAM_UNAVAILABLE,
    UNUSED_SUPPRESSION,
    ml101_contract_column_missing.RULE,
    ml102_contract_column_extra.RULE,
    ml103_contract_type_mismatch.RULE,
    ml104_contract_data_type_missing.RULE,
    ml201_version_spec_unknown_column.RULE,
    ml202_version_latest_undeclared.RULE,
    ml301_ref_protected_cross_project.RULE,
    ml302_ref_private_outside_group.RULE,
    ml303_ref_unknown_model.RULE,
    ml304_ref_unknown_version.RULE,
    ml305_ref_undeclared_project.RULE,
    ml401_ref_deprecated.RULE,
    ml402_ref_deprecation_upcoming.RULE,
    ml403_model_deprecated.RULE,
    ml404_latest_version_deprecated.RULE,
)

BY_CODE = {rule.code: rule for rule in RULES}
BY_NAME = {rule.name: rule for rule in RULES}
