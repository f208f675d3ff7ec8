"""Read a commit's files with git plumbing (`rev-parse`, `ls-tree`, `cat-file --batch`), never a
checkout: the work tree and the index are left as they are. `check --base REF` writes the base's
files under the check roots into a folder of its own and loads them like any other checkout.

Only regular files are written: symlinks and submodules in the tree are skipped, so the base
cannot make meshlint read a file outside the folder it writes."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

GIT_TIMEOUT_SECONDS = 120
_REGULAR_MODES = frozenset({"100644", "100755"})


class BaseRefError(Exception):
    """The base cannot be read; the message says how to make it readable (exit code 2)."""


@dataclass(frozen=True)
class Commit:
    repo: Path  # the work tree's top folder
    sha: str


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except FileNotFoundError:
        raise BaseRefError("`--base` needs git, which is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise BaseRefError(f"git took longer than {GIT_TIMEOUT_SECONDS}s to answer `git {args[0]}`") from None


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree that holds `path`."""
    folder = path if path.is_dir() else path.parent
    done = _git(folder.resolve(), "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise BaseRefError(f"`--base` compares with a git commit, but {path} is not inside a git work tree")
    return Path(done.stdout.decode().strip()).resolve()


def resolve_commit(repo: Path, ref: str) -> Commit:
    """The commit `ref` names, or a BaseRefError that says how to fetch it."""
    if ref.startswith("-"):
        raise BaseRefError(f"`--base {ref}` is not a git ref")
    done = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if done.returncode == 0:
        return Commit(repo, done.stdout.decode().strip())
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
    remote, _, branch = ref.partition("/")
    if branch and remote in _remotes(repo):
        fetch = f"`git fetch {remote} {branch}`"
    elif "~" in ref or "^" in ref:
        fetch = "`git fetch --unshallow`" if shallow else "`git fetch origin`"
    else:
        fetch = f"`git fetch origin {ref}`"
    if shallow:
        raise BaseRefError(
            f"base ref `{ref}` is not in this shallow clone; fetch it first ({fetch}, or `fetch-depth: 0` in actions/checkout)"
        )
    raise BaseRefError(f"base ref `{ref}` does not name a commit in this repository; fetch it first ({fetch})")


def _remotes(repo: Path) -> set[str]:
    return set(_git(repo, "remote").stdout.decode().split())


def list_files(commit: Commit, prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path, blob sha) of every regular file of the commit under the repository-relative `prefixes`
    ("" is the whole tree)."""
    pathspecs = [p for p in prefixes if p] if all(prefixes) else []
    done = _git(commit.repo, "ls-tree", "-r", "-z", "--full-tree", commit.sha, "--", *pathspecs)
    if done.returncode != 0:
        raise BaseRefError(f"cannot list the files of {commit.sha[:12]}: {done.stderr.decode().strip()}")
    files = []
    for entry in done.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = raw_path.decode("utf-8", errors="surrogateescape")
        if kind == "blob" and mode in _REGULAR_MODES and _safe(path):
            files.append((path, sha))
    return files


def _safe(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not any(p in ("..", "") for p in parts) and not path.startswith("/")


def write_files(commit: Commit, files: list[tuple[str, str]], dest: Path) -> None:
    """Write the blobs under `dest`, read in one `git cat-file --batch` call."""
    if not files:
        return
    request = "".join(f"{sha}\n" for _, sha in files).encode()
    done = _git(commit.repo, "cat-file", "--batch", stdin=request)
    if done.returncode != 0:
        raise BaseRefError(f"cannot read the files of {commit.sha[:12]}: {done.stderr.decode().strip()}")
    out = done.stdout
    offset = 0
    for path, sha in files:
        header_end = out.index(b"\n", offset)
        header = out[offset:header_end].decode().split()
        if len(header) != 3 or header[0] != sha:
            raise BaseRefError(f"git returned no content for `{path}` at {commit.sha[:12]}")
        size = int(header[2])
        start = header_end + 1
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[start : start + size])
        offset = start + size + 1  # the content is followed by a newline
