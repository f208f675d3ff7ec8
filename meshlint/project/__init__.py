"""Load stage: the only stage that reads files. Turns paths into a `Mesh` of frozen facts, each
carrying the file, line and column it came from."""
