"""axe-core, read from node_modules/ (installed by `npm ci` from package-lock.json), run in a page."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def blocking_violations(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
