"""Reading a project's files: text and YAML, with every failure turned into a located finding and
every `noqa` comment recorded on the way. Property files are read through the analysis cache when
there is one: their facts are a pure function of their path, project and text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from meshlint.analyse.cache import AnalysisCache, digest
from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.properties import PropertyFile, read_property_file
from meshlint.project.suppressions import FileSuppressions, scan
from meshlint.project.yaml_spans import YamlFailure, load_yaml
from meshlint.rules.input_failures import YAML_INVALID


@dataclass
class Reader:
    """Reads files for one load; collects the problems and suppressions it meets."""

    problems: list[Diagnostic] = field(default_factory=list)
    suppressions: dict[str, FileSuppressions] = field(default_factory=dict)
    cache: AnalysisCache | None = None

    def text(self, path: Path) -> str | None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(YAML_INVALID.diagnostic(f"File cannot be read: {error}", Location(str(path), 1, 1)))
            return None
        found = scan(str(path), text)
        if found is not None:
            self.suppressions[str(path)] = found
        return text

    def yaml(self, path: Path) -> object:
        """The parsed YAML, or None (with an ML001 finding) when it cannot be read or parsed."""
        text = self.text(path)
        if text is None:
            return None
        data, failure = load_yaml(str(path), text)
        if failure is not None:
            self.problems.append(YAML_INVALID.diagnostic(failure.message, failure.location))
        return data

    def properties(self, path: Path, project: str) -> PropertyFile | None:
        """The models, sources and groups a property file declares, or None when it cannot be read."""
        text = self.text(path)
        if text is None:
            return None
        key = digest("properties", str(path), project, text)
        cached = self.cache.get(key) if self.cache is not None else None
        if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], PropertyFile):
            properties, failure = cached
        else:
            data, failure = load_yaml(str(path), text)
            properties = read_property_file(data, str(path), project)
            if self.cache is not None:
                self.cache.put(key, (properties, failure))
        if isinstance(failure, YamlFailure):
            self.problems.append(YAML_INVALID.diagnostic(failure.message, failure.location))
        self.problems.extend(properties.problems)
        return properties
