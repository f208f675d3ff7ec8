"""Codes raised by the stages themselves (bad input, engine trouble) rather than by a rule's check.
They live in the registry like every rule, with their own pages under rules/."""

from meshlint.diagnostics import Severity
from meshlint.rules.base import Rule

INTERNAL_ERROR = Rule("ML000", "internal-error", Severity.ERROR, "A rule crashed on this node (reported, the run goes on)")
YAML_INVALID = Rule("ML001", "yaml-invalid", Severity.ERROR, "A YAML file cannot be parsed or has a shape dbt rejects")
JINJA_INVALID = Rule("ML002", "jinja-invalid", Severity.ERROR, "A template has a Jinja syntax error or raises while rendering")
SQL_UNPARSEABLE = Rule("ML003", "sql-unparseable", Severity.WARNING, "Rendered SQL cannot be parsed in the dialect (the model is not verified)")
REF_CYCLE = Rule("ML004", "ref-cycle", Severity.ERROR, "Models reference each other in a cycle")
CANNOT_VERIFY = Rule("ML005", "cannot-verify", Severity.INFO, "A contracted or versioned model's columns could not be fully inferred, and why")
UPSTREAM_UNAVAILABLE = Rule("ML006", "upstream-unavailable", Severity.WARNING, "A dependency project has no metadata in the mesh; refs to it are unchecked")
UNUSED_SUPPRESSION = Rule("ML007", "unused-suppression", Severity.INFO, "A `noqa` comment suppresses nothing (off unless selected)", default_enabled=False)
