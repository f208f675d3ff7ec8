"""Real dbt-core's verdict on each pair of `breaking_pairs`: dbt parses the base project and the head
project once each (`dbtRunner`, in this process), then compares every model of the head with the base
manifest using dbt's own state checker, as `dbt ls --select state:modified --state <base>/target`
does for each node (`StateSelectorMethod.check_modified_contract("same_contract", adapter)`), removed
and disabled nodes included. A ContractBreakingChangeError is the verdict "error"; an
UnversionedBreakingChange event, "warning". One pair's error does not hide the next pair's verdict,
which a single `dbt ls` run would (it stops at the first error).

Run as `python state_runner.py WORKDIR`: prints {pair name: verdict} as JSON on stdout.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEVERITY = {"none": 0, "warning": 1, "error": 2}


def _parse(project: Path):  # noqa: ANN202 (dbt's Manifest)
    from dbt.cli.main import dbtRunner

    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = dbtRunner().invoke([
            "parse", "--project-dir", str(project), "--profiles-dir", str(project),
            "--target-path", str(project / "target"), "--log-path", str(project / "logs"),
            "--log-level", "none", "--no-partial-parse", "--no-send-anonymous-usage-stats", "--no-version-check",
        ])  # fmt: skip
    finally:
        os.chdir(cwd)
    if not result.success:
        raise RuntimeError(f"dbt parse failed in {project}: {result.exception}")
    return result.result


def verdicts(workdir: Path) -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    import breaking_pairs
    from dbt.exceptions import ContractBreakingChangeError
    from dbt.graph.selector_methods import StateSelectorMethod
    from dbt_common.events.event_manager_client import get_event_manager

    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    breaking_pairs.write_side(workdir / "base" / breaking_pairs.PROJECT, head=False)
    breaking_pairs.write_side(workdir / "head" / breaking_pairs.PROJECT, head=True)
    base = _parse(workdir / "base" / breaking_pairs.PROJECT)
    head = _parse(workdir / "head" / breaking_pairs.PROJECT)

    found: dict[str, str] = {}

    def note(unique_id: str, verdict: str) -> None:
        model = unique_id.split(".")[2]
        if SEVERITY[verdict] > SEVERITY[found.get(model, "none")]:
            found[model] = verdict

    warned: list[str] = []
    get_event_manager().add_callback(
        lambda msg: warned.append(msg.data.model_name) if msg.info.name == "UnversionedBreakingChange" else None
    )
    checker = StateSelectorMethod.check_modified_contract("same_contract", head.metadata.adapter_type)

    def run(old: object, new: object, unique_id: str) -> None:
        warned.clear()
        try:
            checker(old, new)
        except ContractBreakingChangeError:
            note(unique_id, "error")
        if warned:
            note(unique_id, "warning")

    for unique_id, node in head.nodes.items():
        if unique_id.startswith("model."):
            run(base.nodes.get(unique_id), node, unique_id)
    for unique_id, old in base.nodes.items():  # removed: deleted, renamed or disabled
        if not unique_id.startswith("model."):
            continue
        if unique_id in head.disabled:
            run(head.disabled[unique_id][0], None, unique_id)
        elif unique_id not in head.nodes:
            run(old, None, unique_id)
    return {pair.name: found.get(pair.name, "none") for pair in breaking_pairs.PAIRS}


if __name__ == "__main__":
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything dbt prints goes to stderr, never into the answer
    protocol.write(json.dumps(verdicts(Path(sys.argv[1]))) + "\n")
    protocol.flush()
