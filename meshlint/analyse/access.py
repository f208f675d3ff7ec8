"""dbt's reference rule for access (v1, as dbt-loom applies it across projects): who may ref a
protected or private model."""

from __future__ import annotations

from meshlint.analyse.facts import AnalysedMesh
from meshlint.project.facts import ModelNode, NodeConfig


def restricted(caller: ModelNode, target: ModelNode, mesh: AnalysedMesh) -> bool:
    """Whether the ref crosses a boundary where only public models are visible: another project of
    the mesh (dbt platform and dbt-loom restrict every upstream), or a package with
    `restrict-access: true`. A package without it behaves as if it were local."""
    if caller.project == target.project:
        return False
    target_project = mesh.project(target.project)
    caller_project = mesh.project(caller.project)
    related = target_project is not None and caller_project is not None and (
        target_project.package_of == caller.project
        or caller_project.package_of == target.project
        or (target_project.package_of is not None and target_project.package_of == caller_project.package_of)
    )
    if not related:
        return True
    return bool(target_project and target_project.restrict_access)


def target_config(target: ModelNode, mesh: AnalysedMesh) -> NodeConfig:
    """The target's final config (with its SQL `config()`), or its declared one when not analysed."""
    analysed = mesh.by_id.get(target.unique_id)
    return analysed.config if analysed is not None else target.config
