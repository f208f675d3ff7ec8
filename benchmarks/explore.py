#!/usr/bin/env python3
"""Time `meshlint explore` on a generated mesh and how soon its page becomes interactive in headless Chromium.

    python benchmarks/explore.py /tmp/mesh5000 [--runs 3] [--chromium /usr/bin/chromium]

Each run of `meshlint explore` is a fresh process (wall and CPU time from os.wait4); the first run after a
change of meshlint's code or an empty `MESHLINT_CACHE_DIR` is cold, the next ones warm. The page is then
opened `--runs` times in a new headless Chromium page (driven by playwright): "interactive" is the
moment the page's script has drawn the list and set `data-ready` (`performance.now()` since navigation
started, as the page records it), and the wall time from `goto` until then as seen from Python.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mesh", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--today", default="2026-11-23")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    page = args.mesh / "mesh.html"
    command = [sys.executable, "-m", "meshlint.cli", "explore", ".", "--today", args.today, "-o", str(page)]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for run in range(args.runs):
        wall, cpu, peak = timed(command, args.mesh)
        print(f"explore run {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak} MB peak, page {page.stat().st_size / 1e6:.1f} MB")
    from playwright.sync_api import sync_playwright

    flags = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=flags)
        for run in range(args.runs):
            tab = browser.new_page(viewport={"width": 1400, "height": 820})
            started = time.perf_counter()
            tab.goto(page.as_uri())
            tab.locator("body[data-ready='1']").wait_for()
            seen = time.perf_counter() - started
            ready = int(tab.locator("body").get_attribute("data-ready-ms") or 0)
            tab.fill("#search", "fct_")
            tab.locator("#list-rows .row.project").first.wait_for(state="detached")
            started = time.perf_counter()
            tab.locator("#list-rows .row.model").first.click()
            tab.locator("#columns").wait_for()
            clicked = time.perf_counter() - started
            print(f"page run {run + 1}: interactive {ready / 1000:.2f} s (page clock), {seen:.2f} s (from goto); a click to the model's columns {clicked:.2f} s")
            tab.close()
        browser.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
