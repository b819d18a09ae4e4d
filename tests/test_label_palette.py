"""Every label colour's chip is readable: WCAG AA contrast (4.5:1) in light and in dark mode."""

import re
from pathlib import Path

import pytest

from webapp.models import LABEL_COLOURS

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "app.css").read_text()
# Light rules stand alone; dark ones are written for Bootstrap's dark colour mode (and copied from there
# for pages that follow the system, see test_static_files).
MODES = {"light": "^", "dark": r"^\[data-bs-theme=dark\] "}


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("colour", LABEL_COLOURS)
def test_each_label_colour_passes_wcag_aa_in_light_and_dark_mode(colour, mode):
    rule = re.search(
        rf"{MODES[mode]}\.label-{colour} \{{ background-color: (#[0-9a-f]{{6}}); color: (#[0-9a-f]{{6}}); \}}",
        CSS,
        re.MULTILINE,
    )
    assert rule, f"no .label-{colour} rule for {mode} mode"
    assert contrast(*rule.groups()) >= 4.5
