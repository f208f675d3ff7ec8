"""meshlint: a static linter and CI gate for dbt Mesh."""

__version__ = "0.1.0"
