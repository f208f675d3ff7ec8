"""Inference as pure tasks: one model's rendered SQL and the tables it reads in, its columns out,
so that independent models can be inferred in worker processes; and the parse pass's renders, which
need no other model, rendered in those processes too."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from meshlint.analyse.column_uses import SelectUses, column_uses
from meshlint.analyse.columns import ColumnSet, SqlParseFailure, TableColumns, infer_output_columns, parse_sql

# The columns a model produces, why its SQL does not parse, and the columns it reads (for ML308).
Inferred = tuple[ColumnSet | None, SqlParseFailure | None, tuple[SelectUses, ...] | None]
Arguments = tuple[str, Mapping[str, TableColumns], str, tuple[str, ...], bool]

# Below this many models, a process pool costs more than it saves.
MIN_PARALLEL_MODELS = 200


def process_pool(jobs: int, models: int) -> concurrent.futures.ProcessPoolExecutor | None:
    if jobs <= 1 or models < MIN_PARALLEL_MODELS:
        return None
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method))


def infer_sql(
    sql: str, tables: Mapping[str, TableColumns], dialect: str, open_reasons: tuple[str, ...], reads: bool = False
) -> Inferred:
    """Parse and infer one model's rendered SQL: pure, so it can run in a worker process. With `reads`, also
    the columns it reads (only worth it for a model that refs others).

    >>> columns, failure, _ = infer_sql("select 1 as one", {}, "duckdb", ())
    >>> [c.name for c in columns.columns], failure
    (['one'], None)
    """
    try:
        tree = parse_sql(sql, dialect)
        if isinstance(tree, SqlParseFailure):
            return None, tree, None
        uses = column_uses(tree) if reads else None  # from the tree as written, before inference rewrites it
        columns = infer_output_columns(tree, tables, dialect, open_reasons, in_place=True)
        _release(tree)
        return columns, None, uses
    except Exception as error:  # sqlglot on SQL it was never tested with: say so, never crash the run
        return ColumnSet((), False, (f"sqlglot failed on this SQL ({type(error).__name__}: {error})",)), None, None


def _release(tree: object) -> None:
    """Cut each node's link to its parent, so that the tree (a cycle through every parent and child) is freed
    as soon as it is dropped rather than by the garbage collector (which then scans less)."""
    for node in tree.walk():  # type: ignore[attr-defined]
        node.parent = None


@dataclass(frozen=True)
class InferTask:
    answer: Inferred | None = None
    arguments: Arguments | None = None
    key: str | None = None


def run_task(arguments: Arguments) -> Inferred:
    return infer_sql(*arguments)


def run_task_pickled(arguments: Arguments) -> bytes:
    """`run_task` in a worker: its answer pickled there, so that the parent unpickles it once and can
    store these very bytes in the cache rather than pickle the answer again."""
    return pickle.dumps(run_task(arguments), protocol=pickle.HIGHEST_PROTOCOL)


# What a worker renders with: set in the parent before the pool forks its workers, which inherit it.
_RENDER: Callable[[str], object] | None = None


def set_worker_render(render: Callable[[str], object] | None) -> None:
    global _RENDER
    _RENDER = render


def render_pickled(names: Sequence[str]) -> list[bytes | None]:
    """Render models in a worker (forked after `set_worker_render`), each result pickled; None for a
    result that does not pickle (a config value from a template, say), which the parent renders itself."""
    assert _RENDER is not None, "set_worker_render before the pool forks"
    out: list[bytes | None] = []
    for name in names:
        try:
            out.append(pickle.dumps(_RENDER(name), protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # unpicklable, or anything else: the parent renders it and sees for itself
            out.append(None)
    return out


def waves(order: list[str], edges: Mapping[str, list[str]]) -> list[list[str]]:
    """`order` cut into waves: each model comes in the wave after its last parent's.

    >>> waves(["a", "b", "c"], {"a": [], "b": [], "c": ["a"]})
    [['a', 'b'], ['c']]
    """
    level: dict[str, int] = {}
    for uid in order:
        level[uid] = 1 + max((level[p] for p in edges.get(uid, ()) if p in level), default=-1)
    waves: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for uid in order:
        waves[level[uid]].append(uid)
    return waves
