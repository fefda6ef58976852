"""kramdown: a block attribute list on the line below a header gives the
header its id (kramdown.gettalong.org/syntax.html "Block Inline Attribute
Lists" and "Automatic Header IDs": an id is generated only for a header that
has none), so `### portage (Gentoo)` + `{: #portage}` has the anchor
`portage` and not `portage-gentoo`; nor does it take a number from the
automatic ids. After ruby-lang de/documentation/installation/index.md."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main

PAGE = """---
title: Installation
---
* [portage (Gentoo)](#portage)
* [alt](#portage-gentoo)
* [gentoo](#gentoo)
* [second](#intro-1)

## Intro

### portage (Gentoo)
{: #portage}

## Intro
"""


def test_attribute_list_below_a_heading_is_its_id(tmp_path):
    (tmp_path / "_config.yml").write_text("permalink: pretty\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    (tmp_path / "en/documentation/installation").mkdir(parents=True)
    (tmp_path / "en/documentation/installation/index.md").write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(tmp_path)])
    found = json.loads(result.stdout)
    assert [(f["line"], f["code"]) for f in found] == [(5, "ST002"), (6, "ST002")]
    # No "did you mean" the automatic id the heading does not have (its fix would break the link).
    assert all("portage-gentoo`?" not in f["message"] for f in found)
