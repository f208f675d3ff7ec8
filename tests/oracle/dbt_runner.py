"""Run real dbt-core (DuckDB adapter, dbt-loom for cross-project refs) on mutated copies of the oracle mesh.

For each case of `mutations.CASES` the runner copies `mesh/` to a temporary folder, applies the case's
edits, then runs `parse` and `build` for `analytics` and then for `finance`, in-process through
`dbtRunner`, and records what dbt said as a `DbtVerdict`:

* where dbt stopped first (`stage`: ``ok``, ``parse`` or ``build``) and in which project;
* the exception class and message of a failed parse, or the class and message of each failed node
  of a build, with the rows of a contract error's table;
* the warnings of interest (deprecations, unmatched YAML patches, constraints dbt ignores), taken from
  the structured events dbt fires, through `dbtRunner(callbacks=...)`.

dbt runs in worker processes (`python dbt_runner.py --worker`), two by default, which take case ids
one at a time from the parent; each worker imports dbt once and resets the state dbt, dbt-duckdb
and dbt-loom keep in globals after every project, so cases do not leak into each other. A case that
only edits `finance/` starts from a copy of the unmutated mesh whose `analytics` is already built.

`dbt_verdicts()` is the entry point, cached for the session. `python dbt_runner.py [CASE_ID...]`
prints a summary, and the wall time, from the command line.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
MESH_DIR = HERE / "mesh"  # the same folder as mutations.MESH_DIR
PROJECTS = ("analytics", "finance")

Stage = Literal["ok", "parse", "build"]

#: dbt events a case may expect; `Event.key` names each one precisely.
EVENTS_OF_INTEREST = frozenset(
    {
        "DeprecatedModel",
        "DeprecatedReference",
        "UpcomingReferenceDeprecation",
        "NoNodeForYamlKey",
        "UnsupportedConstraintMaterialization",
        "UnpinnedRefNewVersionAvailable",
        "ConstraintNotEnforced",
        "ConstraintNotSupported",
    }
)


@dataclass(frozen=True)
class Event:
    """A dbt event of interest: its class name, a precise key built from its fields, and its text."""

    project: str
    name: str
    key: str
    msg: str


@dataclass(frozen=True)
class NodeError:
    """A node that errored during `build`."""

    project: str
    unique_id: str
    error_class: str
    message: str
    #: rows of a ContractError's table: (column_name, definition_type, contract_type, mismatch_reason)
    contract_table: tuple[tuple[str, str, str, str], ...] = ()


@dataclass(frozen=True)
class Invocation:
    """One dbt command on one project."""

    project: str
    command: str
    success: bool
    exception_class: str | None = None
    exception_message: str | None = None
    node_errors: tuple[NodeError, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class DbtVerdict:
    """What real dbt did for one case."""

    case_id: str
    stage: Stage
    project: str | None
    #: parse: the exception's class; build: the class of the first failing node's error
    error_class: str | None
    message: str | None
    node_errors: tuple[NodeError, ...]
    events: tuple[Event, ...]
    invocations: tuple[Invocation, ...]
    seconds: float
    #: other warnings dbt fired (name, text), for diagnosis only
    other_warnings: tuple[tuple[str, str], ...] = ()

    @property
    def contract_rows(self) -> frozenset[tuple[str, str]]:
        """(column_name, mismatch_reason) over every failing node's contract table."""
        return frozenset((row[0], row[3]) for err in self.node_errors for row in err.contract_table)

    @property
    def failing_nodes(self) -> frozenset[str]:
        return frozenset(err.unique_id for err in self.node_errors)

    @property
    def event_keys(self) -> frozenset[str]:
        return frozenset(event.key for event in self.events)

    @property
    def event_names(self) -> frozenset[str]:
        return frozenset(event.name for event in self.events)

    @property
    def ref_errors(self) -> tuple[str, ...]:
        """Texts of DbtReferenceError / TargetNotFoundError, whether raised at parse or by a node."""
        texts = []
        if self.error_class in ("DbtReferenceError", "TargetNotFoundError") and self.message:
            texts.append(self.message)
        texts.extend(
            err.message
            for err in self.node_errors
            if err.error_class in ("DbtReferenceError", "TargetNotFoundError")
        )
        return tuple(texts)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DbtVerdict:
        def node_error(d: dict[str, Any]) -> NodeError:
            return NodeError(**{**d, "contract_table": tuple(tuple(r) for r in d["contract_table"])})

        return cls(
            case_id=data["case_id"],
            stage=data["stage"],
            project=data["project"],
            error_class=data["error_class"],
            message=data["message"],
            node_errors=tuple(node_error(d) for d in data["node_errors"]),
            events=tuple(Event(**d) for d in data["events"]),
            invocations=tuple(
                Invocation(**{**d, "node_errors": tuple(node_error(e) for e in d["node_errors"])})
                for d in data["invocations"]
            ),
            seconds=data["seconds"],
            other_warnings=tuple(tuple(w) for w in data["other_warnings"]),
        )

    def summary(self) -> str:
        where = self.stage if self.stage == "ok" else f"{self.stage}/{self.project}"
        detail = self.error_class or ""
        if self.contract_rows:
            detail += " " + ", ".join(f"{c}: {r}" for c, r in sorted(self.contract_rows))
        events = ", ".join(sorted(self.event_keys))
        return f"{self.case_id:<44} {where:<18} {detail}  [{events}]"


# --------------------------------------------------------------------------------------------
# Parsing what dbt reports


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


def parse_contract_table(message: str) -> tuple[tuple[str, str, str, str], ...]:
    """The rows of the table in a ContractError message.

    >>> parse_contract_table('''Compilation Error in model fct_orders (models/core/fct_orders_v2.sql)
    ...   This model has an enforced contract that failed.
    ...   | column_name | definition_type | contract_type | mismatch_reason       |
    ...   | ----------- | --------------- | ------------- | --------------------- |
    ...   | last_name   |                 | VARCHAR       | missing in definition |
    ... ''')
    (('last_name', '', 'VARCHAR', 'missing in definition'),)
    """
    rows = []
    for line in message.splitlines():
        match = _TABLE_ROW.match(line)
        if not match:
            continue
        cells = tuple(cell.strip() for cell in match.group(1).split("|"))
        if len(cells) != 4 or cells[0] == "column_name" or set(cells[0]) <= {"-"}:
            continue
        rows.append(cells)
    return tuple(rows)


def guess_error_class(message: str) -> str:
    """The exception class behind a node's error text, for when the runner could not observe it."""
    if "This model has an enforced contract that failed" in message:
        return "ContractError"
    if "Contracted models require data_type" in message:
        return "ColumnTypeMissingError"
    if message.startswith("Runtime Error"):
        return "DbtRuntimeError"
    if message.startswith("Compilation Error"):
        return "CompilationError"
    return "Exception"


def _version_suffix(version: str) -> str:
    return f".v{version}" if version else ""


def event_key(name: str, data: Any) -> str:
    """A precise, stable key for an event of interest, built from its structured fields."""
    if name == "DeprecatedModel":
        return f"{name}:{data.model_name}{_version_suffix(data.model_version)}"
    if name in ("DeprecatedReference", "UpcomingReferenceDeprecation"):
        return f"{name}:{data.model_name}->{data.ref_model_name}{_version_suffix(data.ref_model_version)}"
    if name == "NoNodeForYamlKey":
        return f"{name}:{data.patch_name}"
    if name == "UnsupportedConstraintMaterialization":
        return f"{name}:{data.materialized}"
    if name == "UnpinnedRefNewVersionAvailable":
        return (
            f"{name}:{data.node_info.node_name}->{data.ref_node_name}{_version_suffix(data.ref_node_version)}"
        )
    if name in ("ConstraintNotEnforced", "ConstraintNotSupported"):
        return f"{name}:{data.constraint}"
    return name


# --------------------------------------------------------------------------------------------
# Worker side: runs dbt in this process


class _DbtSession:
    """dbt in this process, reset to a clean state after every project it runs."""

    def __init__(self) -> None:
        os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
        os.environ.setdefault("TZ", "UTC")
        if hasattr(time, "tzset"):
            time.tzset()
        os.environ.pop("DBT_LOOM_CONFIG", None)
        os.environ.pop("DBT_PROFILES_DIR", None)

        import dbt.contracts.graph.manifest as manifest_mod
        import dbt.contracts.graph.nodes as nodes_mod
        import dbt.parser.manifest as parser_manifest_mod
        import dbt.tracking as tracking_mod
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
        from dbt.cli.main import dbtRunner
        from dbt.task import base as task_base

        self._dbtRunner = dbtRunner
        self._duckdb = DuckDBConnectionManager
        # dbt-loom patches these globally whenever a project has a dbt_loom.config.yml; put them back
        # after each project so a loom-less project never runs with a previous project's patches.
        self._originals = [
            (manifest_mod.Manifest, "is_invalid_protected_ref"),
            (manifest_mod.Manifest, "is_invalid_private_ref"),
            (parser_manifest_mod.ManifestLoader, "check_valid_group_config_node"),
            (nodes_mod.ModelNode, "from_args"),
            (tracking_mod, "track"),
        ]
        self._originals = [(owner, name, owner.__dict__[name]) for owner, name in self._originals]

        # A failed node's exception is turned into text before it reaches the run results; note its
        # class on the way.
        self._node_exceptions: dict[str, str] = {}
        original_handle = task_base.BaseRunner.handle_exception
        node_exceptions = self._node_exceptions

        def handle_exception(runner: Any, exc: Exception, ctx: Any) -> str:
            node = getattr(runner, "node", None)
            if node is not None:
                node_exceptions[node.unique_id] = type(exc).__name__
            return original_handle(runner, exc, ctx)

        task_base.BaseRunner.handle_exception = handle_exception

    def reset(self) -> None:
        for owner, name, original in self._originals:
            setattr(owner, name, original)
        env = self._duckdb._ENV
        if env is not None:
            # releases the DuckDB file; an already dead handle is fine
            with contextlib.suppress(Exception):
                env.close()
        self._duckdb._ENV = None
        self._duckdb._LOGGED_MESSAGES.clear()
        self._node_exceptions.clear()

    def run_project(
        self, project_dir: Path, events: list[Event], warnings: list[tuple[str, str]]
    ) -> list[Invocation]:
        """`parse`, then `build` on the parsed manifest (so the build does not parse again)."""
        project = project_dir.name

        def callback(msg: Any) -> None:
            name = msg.info.name
            if name in EVENTS_OF_INTEREST:
                events.append(Event(project, name, event_key(name, msg.data), msg.info.msg))
            elif msg.info.level == "warn":
                warnings.append((name, msg.info.msg))

        quiet = [
            "--log-path", str(project_dir / "logs"),
            "--log-level", "none",
            "--log-level-file", "none",
            "--no-use-colors",
            "--no-send-anonymous-usage-stats",
            "--no-version-check",
        ]  # fmt: skip
        where = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir)]
        common = [*where, *quiet, "--target-path", str(project_dir / "target"), "--no-partial-parse"]
        invocations = []
        cwd = os.getcwd()
        # dbt-duckdb resolves the database path, and dbt-loom its config file and manifest path,
        # against the working directory.
        os.chdir(project_dir)
        try:
            if (project_dir / "packages.yml").exists():
                # local packages only: there is no package hub offline
                started = time.perf_counter()
                deps = self._dbtRunner(callbacks=[callback]).invoke(["deps", *where, *quiet])
                invocations.append(self._invocation(project, "deps", deps, started))
                if not deps.success:
                    return invocations
            started = time.perf_counter()
            result = self._dbtRunner(callbacks=[callback]).invoke(["parse", *common])
            invocations.append(self._invocation(project, "parse", result, started))
            if result.success:
                started = time.perf_counter()
                self._node_exceptions.clear()
                runner = self._dbtRunner(manifest=result.result, callbacks=[callback])
                build = runner.invoke(["build", *common])
                invocations.append(self._invocation(project, "build", build, started))
        finally:
            os.chdir(cwd)
            self.reset()
        return invocations

    def _invocation(self, project: str, command: str, result: Any, started: float) -> Invocation:
        exc = result.exception
        node_errors = []
        results = getattr(result.result, "results", None) if command == "build" else None
        for node_result in results or ():
            if str(node_result.status) not in ("error", "fail", "runtime error"):
                continue
            unique_id = node_result.node.unique_id
            message = node_result.message or ""
            error_class = self._node_exceptions.get(unique_id) or guess_error_class(message)
            table = parse_contract_table(message) if error_class == "ContractError" else ()
            node_errors.append(NodeError(project, unique_id, error_class, message, table))
        return Invocation(
            project=project,
            command=command,
            success=bool(result.success),
            exception_class=type(exc).__name__ if exc is not None else None,
            exception_message=str(exc) if exc is not None else None,
            node_errors=tuple(node_errors),
            seconds=round(time.perf_counter() - started, 3),
        )


def _verdict(
    case_id: str,
    invocations: list[Invocation],
    events: list[Event],
    warnings: list[tuple[str, str]],
    seconds: float,
) -> DbtVerdict:
    stage: Stage = "ok"
    project = error_class = message = None
    node_errors: tuple[NodeError, ...] = ()
    for inv in invocations:
        if inv.success:
            continue
        stage = "build" if inv.command == "build" else "parse"  # deps counts as parse
        project = inv.project
        node_errors = inv.node_errors
        if inv.exception_class is not None:
            error_class, message = inv.exception_class, inv.exception_message
        elif node_errors:
            error_class, message = node_errors[0].error_class, node_errors[0].message
        break
    return DbtVerdict(
        case_id=case_id,
        stage=stage,
        project=project,
        error_class=error_class,
        message=message,
        node_errors=node_errors,
        events=tuple(events),
        invocations=tuple(invocations),
        seconds=round(seconds, 3),
        other_warnings=tuple(dict.fromkeys(warnings)),
    )


class _Worker:
    """Runs cases one after another in this process."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.session = _DbtSession()
        # the unmutated mesh with analytics built, for cases that only edit finance/
        self._prebuilt: tuple[Path, list[Invocation], list[Event], list[tuple[str, str]]] | None = None

    def _prebuilt_analytics(self) -> tuple[Path, list[Invocation], list[Event], list[tuple[str, str]]]:
        if self._prebuilt is None:
            root = self.workdir / "_prebuilt" / "mesh"
            shutil.copytree(MESH_DIR, root)
            events: list[Event] = []
            warnings: list[tuple[str, str]] = []
            invocations = self.session.run_project(root / "analytics", events, warnings)
            if not all(inv.success for inv in invocations):
                raise RuntimeError(f"the unmutated analytics project does not build: {invocations}")
            self._prebuilt = (root, invocations, events, warnings)
        return self._prebuilt

    def run(self, case_id: str) -> DbtVerdict:
        import mutations

        case = mutations.CASES_BY_ID[case_id]
        started = time.perf_counter()
        root = self.workdir / case_id / "mesh"
        events: list[Event] = []
        warnings: list[tuple[str, str]] = []
        invocations: list[Invocation] = []
        projects = list(PROJECTS)
        if mutations.edits_only(case, "finance"):
            prebuilt, invocations_a, events_a, warnings_a = self._prebuilt_analytics()
            shutil.copytree(prebuilt, root, ignore=shutil.ignore_patterns("logs", "finance"))
            shutil.copytree(MESH_DIR / "finance", root / "finance")
            invocations += invocations_a
            events += events_a
            warnings += warnings_a
            projects.remove("analytics")
        else:
            shutil.copytree(MESH_DIR, root)
        mutations.apply_edits(case, root)
        for project in projects:
            ran = self.session.run_project(root / project, events, warnings)
            invocations += ran
            # downstream projects need the upstream manifest (parse) and tables (build)
            if not all(inv.success for inv in ran):
                break
        verdict = _verdict(case_id, invocations, events, warnings, time.perf_counter() - started)
        if not os.environ.get("MESHLINT_ORACLE_KEEP"):
            shutil.rmtree(self.workdir / case_id, ignore_errors=True)
        return verdict


def _worker_main(workdir: str) -> None:
    """Protocol: one case id per line on stdin, one JSON verdict per line on the original stdout."""
    sys.path.insert(0, str(HERE))
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything dbt prints goes to stderr, never into the protocol
    worker = _Worker(Path(workdir))
    for line in sys.stdin:
        case_id = line.strip()
        if not case_id:
            continue
        try:
            payload = {"ok": worker.run(case_id).to_json()}
        except Exception as exc:  # noqa: BLE001 - report it to the parent and serve the next case
            payload = {"error": f"{case_id}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}"}
        protocol.write(json.dumps(payload) + "\n")
        protocol.flush()


# --------------------------------------------------------------------------------------------
# Parent side


class OracleRunError(RuntimeError):
    pass


def dbt_python() -> str:
    """The interpreter that has dbt: this one, or $MESHLINT_DBT_PYTHON."""
    return os.environ.get("MESHLINT_DBT_PYTHON", sys.executable)


def run_dbt(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Real dbt's `command` (`parse`, `compile`, `build` ...) on a project whose profiles.yml is in it,
    with no partial parse and none of the caller's DBT_ settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    return subprocess.run(
        [dbt_python(), "-m", "dbt.cli.main", *command, "--project-dir", str(project), "--profiles-dir", str(project),
         "--no-partial-parse", "--no-use-colors", "--no-version-check"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def run_cases(case_ids: Iterable[str], workers: int | None = None) -> dict[str, DbtVerdict]:
    """Run the given cases on `workers` dbt processes (default: $MESHLINT_ORACLE_WORKERS or the CPUs)."""
    import mutations

    ids = list(case_ids)
    unknown = [i for i in ids if i not in mutations.CASES_BY_ID]
    if unknown:
        raise KeyError(f"unknown case ids: {unknown}")
    if workers is None:
        workers = int(os.environ.get("MESHLINT_ORACLE_WORKERS", "0")) or (os.cpu_count() or 2)
    workers = max(1, min(workers, len(ids)))

    # the costly cases (two full projects) first, so no worker is left with one at the end
    todo: queue.Queue[str] = queue.Queue()
    for case_id in sorted(ids, key=lambda i: mutations.edits_only(mutations.CASES_BY_ID[i], "finance")):
        todo.put(case_id)

    workdir = Path(tempfile.mkdtemp(prefix="meshlint-oracle-"))
    results: dict[str, DbtVerdict] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def serve(index: int) -> None:
        with open(workdir / f"worker{index}.log", "w") as log:
            proc = subprocess.Popen(
                [dbt_python(), str(Path(__file__).resolve()), "--worker", str(workdir / f"w{index}")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=workdir,
            )
            serve_cases(index, proc, log.name)

    def serve_cases(index: int, proc: subprocess.Popen[str], log_name: str) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            while True:
                try:
                    case_id = todo.get_nowait()
                except queue.Empty:
                    return
                proc.stdin.write(case_id + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
                with lock:
                    if not line:
                        errors.append(f"worker {index} died on {case_id}; see {log_name}")
                        return
                    payload = json.loads(line)
                    if "error" in payload:
                        errors.append(payload["error"])
                    else:
                        results[case_id] = DbtVerdict.from_json(payload["ok"])
        finally:
            proc.stdin.close()
            proc.wait(timeout=60)

    threads = [threading.Thread(target=serve, args=(i,), daemon=True) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise OracleRunError("\n".join(errors) + f"\n(worker logs in {workdir})")
    if not os.environ.get("MESHLINT_ORACLE_KEEP"):
        shutil.rmtree(workdir, ignore_errors=True)
    return results


@cache
def dbt_verdicts() -> dict[str, DbtVerdict]:
    """What real dbt does for every case of `mutations.CASES`, by case id (computed once per process)."""
    import mutations

    return run_cases(case.id for case in mutations.CASES)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        _worker_main(argv[1])
        return 0
    sys.path.insert(0, str(HERE))
    import mutations

    ids = argv or [case.id for case in mutations.CASES]
    started = time.perf_counter()
    verdicts = run_cases(ids)
    elapsed = time.perf_counter() - started
    for case_id in ids:
        print(verdicts[case_id].summary())
    busy = sum(v.seconds for v in verdicts.values())
    print(f"{len(verdicts)} cases in {elapsed:.1f}s wall ({busy:.1f}s of dbt work)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
