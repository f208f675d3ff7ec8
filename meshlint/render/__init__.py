"""Render stage: dbt Jinja to SQL in a sandbox, with no warehouse. Records every `ref`/`source`
call (with its template line), `config()` values, and why a model's output cannot be fully known."""
