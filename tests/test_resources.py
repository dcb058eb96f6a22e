"""The shipped files are found where importlib.resources finds them, every one of them."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import finsam_resources


def test_every_shipped_file_is_the_one_importlib_resources_gives():
    root = files("finsam_resources")
    found = 0
    stack = [((), root)]
    while stack:
        parts, node = stack.pop()
        for child in node.iterdir():
            if child.name == "__pycache__":
                continue
            if child.is_dir():
                stack.append(((*parts, child.name), child))
                continue
            with as_file(child) as expected:
                assert finsam_resources.file_path(*parts, child.name) == Path(expected)
            found += 1
    assert found > 10  # fonts, icons, the handbook, the demo


def test_the_icons_and_fonts_are_real_files():
    assert finsam_resources.icon("finsam").is_file()
    assert finsam_resources.font("DejaVuSans.ttf").is_file()
