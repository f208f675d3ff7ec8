"""Reading a project's files: text and YAML, with every failure turned into a located finding and
every `noqa` comment recorded on the way. Property files are read through the analysis cache when
there is one: their facts are a pure function of their path, project and text."""

from __future__ import annotations

import concurrent.futures
import hashlib
import multiprocessing
import os
import pickle
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meshlint.analyse.cache import AnalysisCache, digest
from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.containment import Roots
from meshlint.project.properties import PropertyFile, read_property_file
from meshlint.project.suppressions import FileSuppressions, scan
from meshlint.project.yaml_spans import YamlBudget, YamlFailure, load_yaml
from meshlint.rules.input_failures import YAML_INVALID
from meshlint.settings import Limits


@dataclass
class Reader:
    """Reads files for one load; collects the problems and suppressions it meets."""

    problems: list[Diagnostic] = field(default_factory=list)
    suppressions: dict[str, FileSuppressions] = field(default_factory=dict)
    cache: AnalysisCache | None = None
    limits: Limits = field(default_factory=Limits)
    # Folders files may be read from; None: anywhere (a caller that checks nothing hostile)
    roots: Roots | None = None
    # dbt_project.yml path -> the finding that its project has no models (load_mesh reports it unless
    # the project turns out to be another's package)
    without_models: dict[str, Diagnostic] = field(default_factory=dict)
    # When a list: (path, text) of every file read, in order (what a run's reuse of findings is keyed by)
    log: list[tuple[str, str]] | None = None
    # Processes that may parse property files at once (`parse_ahead`)
    jobs: int = 1
    # Property files parsed ahead in worker processes: cache key -> the pickled (PropertyFile, failure)
    _ahead: dict[str, bytes] = field(default_factory=dict)

    # Below this many property files to parse, worker processes cost more than they save.
    MIN_PARALLEL_FILES = 24

    @property
    def yaml_budget(self) -> YamlBudget:
        return YamlBudget(self.limits.yaml_max_depth, self.limits.yaml_max_alias_values)

    def text(self, path: Path | str) -> str | None:
        """The file's text, or None (with an ML001 finding) when it resolves outside the checked folders,
        is not a regular file, is larger than `limits.max-file-bytes`, or is not UTF-8. No more than
        the limit is ever read."""
        name = os.fspath(path)  # once: thousands of model files are read
        limit = self.limits.max_file_bytes
        if self.roots is not None and not self.roots.contains_file(name):
            self.problems.append(
                YAML_INVALID.diagnostic(
                    "File resolves outside the checked folders (through a symbolic link), so it is not read",
                    Location(name, 1, 1),
                    help="meshlint reads only files inside the paths it checks; replace the link with the file",
                )
            )
            return None
        try:
            data = _read_regular_file(name, limit + 1)
            if len(data) > limit:
                self.problems.append(
                    YAML_INVALID.diagnostic(
                        f"File is larger than the limit of {limit} bytes, so it is not read",
                        Location(name, 1, 1),
                        help="raise `max-file-bytes` under `[tool.meshlint.limits]` if the file is meant to be this large",
                    )
                )
                return None
            text = data.decode("utf-8")
            if "\r" in text:  # as reading in text mode does: universal newlines
                text = text.replace("\r\n", "\n").replace("\r", "\n")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(YAML_INVALID.diagnostic(f"File cannot be read: {error}", Location(name, 1, 1)))
            return None
        if self.log is not None:
            self.log.append((name, text))
        found = scan(name, text)
        if found is not None:
            self.suppressions[name] = found
        return text

    def yaml(self, path: Path) -> object:
        """The parsed YAML, or None (with an ML001 finding) when it cannot be read or parsed."""
        text = self.text(path)
        if text is None:
            return None
        data, failure = load_yaml(str(path), text, self.yaml_budget)
        if failure is not None:
            self.problems.append(YAML_INVALID.diagnostic(failure.message, failure.location))
        return data

    def properties(self, path: Path, project: str, text: str | None = None) -> PropertyFile | None:
        """The models, sources and groups a property file declares, or None when it cannot be read
        (`text`: the file's text, already read)."""
        if text is None:
            text = self.text(path)
            if text is None:
                return None
        key = self._properties_key(path, project, text)
        ahead = self._ahead.pop(key, None)
        cached = pickle.loads(ahead) if ahead is not None else self.cache.get(key) if self.cache is not None else None
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], PropertyFile):
            properties, failure = cached
            if ahead is not None and self.cache is not None:
                self.cache.put_pickled(key, ahead)
        else:
            properties, failure = _parse_properties(str(path), project, text, self.yaml_budget)
            if self.cache is not None:
                self.cache.put(key, (properties, failure))
        if isinstance(failure, YamlFailure):
            self.problems.append(YAML_INVALID.diagnostic(failure.message, failure.location))
        self.problems.extend(properties.problems)
        return properties

    def _properties_key(self, path: Path, project: str, text: str) -> str:
        budget = self.yaml_budget
        # the text by its hash: JSON-escaping every property file's text into the key took six times as long
        text_hash = hashlib.sha256(text.encode()).hexdigest()
        return digest("properties", str(path), project, text_hash, budget.max_depth, budget.max_alias_values)

    def parse_ahead(self, files: Sequence[tuple[Path, str]], project: str) -> None:
        """Parse the property files (path, text) that the cache does not have in `jobs` worker processes,
        when there are enough of them (a cold run of a large project); `properties` then takes each
        result instead of parsing the file itself. The results are the same either way."""
        if self.jobs <= 1 or len(files) < self.MIN_PARALLEL_FILES or "fork" not in multiprocessing.get_all_start_methods():
            return
        budget = self.yaml_budget
        todo = []
        for path, text in files:
            key = self._properties_key(path, project, text)
            if self.cache is None or not self.cache.has(key):
                todo.append((key, (str(path), project, text, budget)))
        if len(todo) < self.MIN_PARALLEL_FILES:
            return
        size = max(1, len(todo) // (4 * self.jobs))
        try:
            with concurrent.futures.ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                blobs = list(pool.map(_parse_pickled, [arguments for _, arguments in todo], chunksize=size))
        except Exception:  # a broken pool: each file is parsed in this process, as without workers
            return
        self._ahead.update((key, blob) for (key, _), blob in zip(todo, blobs))


def _parse_properties(path: str, project: str, text: str, budget: YamlBudget) -> tuple[PropertyFile, YamlFailure | None]:
    data, failure = load_yaml(path, text, budget)
    return read_property_file(data, path, project), failure


def _parse_pickled(arguments: tuple[str, str, str, YamlBudget]) -> bytes:
    """`_parse_properties` in a worker process, its result pickled there."""
    return pickle.dumps(_parse_properties(*arguments), protocol=pickle.HIGHEST_PROTOCOL)

# non-blocking, so that a FIFO is refused instead of waited on
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_regular_file(path: Path | str, most: int) -> bytes:
    """At most `most` bytes of a regular file (OSError for anything else). Read in reads sized by the
    file's size, not by `most`: a read asks for a buffer of the size it is given, and a 10 MB buffer per
    model file was most of the time a warm run spent reading thousands of them."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError("not a regular file")
        chunks = []
        size = 0
        ask = min(status.st_size + 1, most)  # + 1: at the end of the file, the first read already says so
        while size < most:
            chunk = os.read(fd, ask)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            ask = min(1 << 16, most - size)  # the file grew, or a short read: go on up to the limit
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)
