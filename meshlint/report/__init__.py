"""Report stage: one module per output format, each a pure function
`render(report: Report) -> str` that is byte-stable (no timestamps, sorted input)."""
