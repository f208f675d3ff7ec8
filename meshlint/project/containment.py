"""The folders meshlint may read: the paths it was asked to check, the settings file's folder and the
settings' `extra-roots`. A path named by a project file, the settings or the command line is resolved
(symbolic links included) and must stay inside one of them; files a pull request controls can then
never make meshlint read, or report on, anything else on the machine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Roots:
    """Resolved folders, each without a trailing separator.

    >>> roots = Roots.of([Path("/repo")])
    >>> roots.contains(Path("/repo/models/a.sql")), roots.contains(Path("/repo/../etc")), roots.contains(Path("/repository"))
    (True, False, False)
    """

    folders: tuple[str, ...]
    # folder -> its real path, for this run only (a folder may become a link between two runs)
    _real: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # folder -> whether its real path is inside a root, for this run only
    _folder_inside: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, paths: list[Path] | tuple[Path, ...]) -> "Roots":
        folders = set()
        for path in paths:
            resolved = os.path.realpath(path)
            folders.add(os.path.dirname(resolved) if os.path.isfile(resolved) else resolved)
        return cls(tuple(sorted(folders)))

    def contains(self, path: Path | str) -> bool:
        """Whether `path`, with every symbolic link on the way resolved, is inside a root."""
        return self._inside(os.path.realpath(path))

    def contains_file(self, path: Path | str) -> bool:
        """`contains` for a file found by walking a folder: its folder's real path is looked up once per
        folder, and the file itself is resolved only when it is a link (a file read per model pays one
        `lstat`, not a walk up the tree)."""
        folder, _ = os.path.split(os.fspath(path))
        inside = self._folder_inside.get(folder)
        if inside is None:
            real = self._real.get(folder)
            if real is None:
                real = self._real[folder] = os.path.realpath(folder)
            inside = self._folder_inside[folder] = self._inside(real)
        if not inside:
            return False
        return not os.path.islink(path) or self.contains(path)

    def _inside(self, resolved: str) -> bool:
        return any(resolved == f or resolved.startswith(f.rstrip(os.sep) + os.sep) for f in self.folders)

