"""`meshlint explore`: the page is self-contained and safe with hostile names, and in a real headless Chromium
a search, a click and the column-lineage panel work on the example mesh (a screenshot is kept as a test
artefact); the Mermaid output renders in the same browser; a 5,000-model page becomes interactive in time."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meshlint.lineage.explore import page_data, render_page
from meshlint.lineage.graph import Column, ColumnEdge, Edge, LineageGraph, Node
from tests.conftest import REPO, TODAY

ARTIFACTS = Path(os.environ.get("MESHLINT_TEST_ARTIFACTS", REPO / "test-artifacts"))
MERMAID = "mermaid@12.3.0"  # MIT; fetched from npm into a temporary folder by the test, never committed
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} (.ci/run installs it)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = os.environ.get("MESHLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _missing("Chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def mermaid_js(tmp_path_factory: pytest.TempPathFactory) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        _missing("npm is not installed")
    folder = tmp_path_factory.mktemp("mermaid")
    packed = subprocess.run([npm, "pack", MERMAID, "--silent"], cwd=folder, capture_output=True, text=True, timeout=300)
    assert packed.returncode == 0, packed.stderr
    with tarfile.open(folder / packed.stdout.strip().splitlines()[-1]) as archive:
        member = archive.extractfile("package/dist/mermaid.min.js")
        assert member is not None
        script = folder / "mermaid.min.js"
        script.write_bytes(member.read())
    return script


def _example_page(mesh: Path, run_cli) -> Path:
    page = mesh / "mesh.html"
    run = run_cli("explore", "--today", TODAY, "-o", str(page))
    assert run.exit_code == 0, run.stderr
    return page


def test_page_is_self_contained(mesh_copy: Path, run_cli) -> None:
    html = _example_page(mesh_copy, run_cli).read_text()
    assert re.findall(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html) == []
    assert "@import" not in html and "fetch(" not in html and "XMLHttpRequest" not in html
    assert re.findall(r"url\((?!#)", html) == []  # only references inside the page (`url(#arrow)`)
    # the one address is SVG's namespace name, which is never fetched
    assert set(re.findall(r"https?://[^\s'\"]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html


def test_hostile_names_stay_text() -> None:
    evil = '</script><script>alert(1)</script><!--'
    graph = LineageGraph.of(
        [Node("model.p.m", "model", "p", "m", columns=(Column(evil, None),)), Node("model.p.n", "model", "p", "n", columns=(Column("x", None),))],
        [Edge("model.p.m", "model.p.n", "ref")],
        [ColumnEdge("model.p.m", evil, "model.p.n", "x", True)],
    )
    html = render_page(graph, datetime.date(2026, 1, 1))
    assert evil not in html and "</script><script>alert" not in html
    assert page_data(graph, datetime.date(2026, 1, 1))["lin"] == [[], [[0, 0, 0, 0, -1]]]


def test_search_click_and_column_lineage_in_chromium(mesh_copy: Path, run_cli, browser, mermaid_js: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 820})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(_example_page(mesh_copy, run_cli).as_uri())
    page.locator("body[data-ready='1']").wait_for()  # the page's CSP allows no eval: wait on the DOM

    page.fill("#search", "payment_jour")
    page.locator("#list-rows .row.project").first.wait_for(state="detached")  # the list shows the results
    result = page.locator("#list-rows .row.model")
    assert result.count() == 1
    result.first.click()

    row = page.locator('#columns tr[data-column="DAYS_AS_CUSTOMER_AT_PURCHASE"]')
    upstream = row.locator("td.upstream a.col-link")
    assert upstream.count() == 1
    assert upstream.get_attribute("data-node") == "model.analytics.fct_orders.v1"
    assert upstream.inner_text().startswith("analytics.fct_orders v1.DAYS_AS_CUSTOMER_AT_PURCHASE")
    assert "cross" in (upstream.get_attribute("class") or "")
    # the neighbourhood shows the pinned cross-project parent with its badges
    parent = page.locator('#graph .card[data-node="model.analytics.fct_orders.v1"]')
    assert "deprecated 2024-06-30" in parent.inner_text() and "public" in parent.inner_text()
    assert page.locator("#graph svg.edges text").all_text_contents() == ["v=1"]

    row.locator(".colname").click()  # the column's whole lineage, across projects, down to the source
    chain = page.locator("#column-lineage ul.upstream li").all_inner_texts()
    assert [" ".join(item.split()) for item in chain] == [
        "−1 analytics.fct_orders v1.DAYS_AS_CUSTOMER_AT_PURCHASE direct",
        "−2 analytics.stg_orders.ORDER_DATE derived",
        "−3 analytics.jaffle_shop.orders.order_date direct",
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explore-example.png"))

    upstream.click()  # following a column link opens the upstream model on that column
    assert "model.analytics.fct_orders.v1" in page.locator("#detail .id").inner_text()
    downstream = page.locator('#columns tr.selected td.downstream a.col-link')
    assert downstream.get_attribute("data-node") == "model.finance.agg_customer_payment_journey"
    assert errors == []

    # the Mermaid output of the same lineage renders in the same browser
    source = run_cli("lineage", "agg_customer_payment_journey.days_as_customer_at_purchase", "--format", "mermaid", "--today", TODAY).stdout
    diagram = browser.new_page()
    diagram.set_content('<!DOCTYPE html><html><body><div id="out"></div></body></html>')
    diagram.add_script_tag(path=str(mermaid_js))
    svg = diagram.evaluate(
        """async (source) => {
            mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
            const {svg} = await mermaid.render('lineage', source);
            document.getElementById('out').innerHTML = svg;
            return svg;
        }""",
        source,
    )
    assert svg.startswith("<svg")
    text = diagram.locator("#out").inner_text()
    for expected in ("analytics.fct_orders v1", "DAYS_AS_CUSTOMER_AT_PURCHASE", "analytics.stg_orders", "ORDER_DATE", "finance.agg_customer_payment_journey"):
        assert expected in text
    assert diagram.locator("#out g.node").count() == 4  # four columns, one per model
    diagram.screenshot(path=str(ARTIFACTS / "lineage-mermaid.png"))


def synthetic_graph(models: int = 5000, columns: int = 8) -> LineageGraph:
    """A mesh-shaped graph: 4 projects in layers, each model reading two earlier ones (a quarter of the
    consumers' parents in another project), each column made from a column of each parent."""
    nodes, edges, column_edges = [], [], []
    projects = ["core", "finance", "marketing", "ops"]
    for n in range(models):
        project = projects[n * len(projects) // models]
        nodes.append(Node(f"model.{project}.m{n}", "model", project, f"m{n}", access="public" if n % 3 == 0 else "protected",
                          contract=n % 4 == 0, columns=tuple(Column(f"c{k}", "integer") for k in range(columns)), columns_closed=True))
        for parent in {n // 2, n // 3} - {n} if n > 1 else ():
            edges.append(Edge(f"model.{nodes[parent].project}.m{parent}", nodes[n].id, "ref"))
            column_edges += [ColumnEdge(nodes[parent].id, f"c{k}", nodes[n].id, f"c{k}", k % 2 == 0) for k in range(columns)]
    return LineageGraph.of(nodes, edges, column_edges)


def test_5000_models_become_interactive_in_chromium(browser, tmp_path: Path) -> None:
    started = time.perf_counter()
    graph = synthetic_graph()
    path = tmp_path / "big.html"
    path.write_text(render_page(graph, datetime.date(2026, 1, 1)))
    generated = time.perf_counter() - started
    page = browser.new_page(viewport={"width": 1400, "height": 820})
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.locator("body[data-ready='1']").wait_for()  # the page's CSP allows no eval: wait on the DOM
    interactive = time.perf_counter() - started
    assert generated < 5 and interactive < 3, (generated, interactive)
    # only what is on screen is drawn
    assert page.locator("#list-rows .row").count() < 80
    page.fill("#search", "m4999")
    page.locator("#list-rows .row.project").first.wait_for(state="detached")
    page.locator('#list-rows .row.model[data-node="model.ops.m4999"]').click()
    assert page.locator("#columns tr[data-column='c0'] td.upstream a.col-link").count() == 2


def test_explore_needs_an_output_file(mesh_copy: Path, run_cli) -> None:
    run = run_cli("explore")
    assert (run.exit_code, run.stderr.strip()) == (2, "meshlint: error: explore writes a file: give it with -o mesh.html")
