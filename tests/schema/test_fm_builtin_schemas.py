"""The bundled schemas: found as builtin:NAME, documented per property, and each
accepts a realistic page and rejects a broken one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentlint.schema import store as schema_store
from helpers.frontmatter import lint, where

ROOT = Path(__file__).resolve().parents[2]

REALISTIC = {
    "astro-blog": """---
title: "Hello, world"
description: Why we started this blog.
pubDate: 2024-01-15
updatedDate: "2024-02-01T09:30:00Z"
heroImage: /images/hello.jpg
tags: [news, meta]
draft: false
---
""",
    "hugo-page": """+++
title = "Release notes for 2.0"
date = 2024-03-01T10:00:00+01:00
lastmod = 2024-03-02
draft = false
tags = ["release"]
weight = 10
aliases = ["/old/release-2/"]
customParam = "Hugo keeps unknown keys as page params"
[build]
list = "always"
+++
""",
    "jekyll-post": """---
layout: post
title: "Ruby 3.3.0 released"
date: 2023-12-25 00:00:00 +0000
categories: release ruby
tags: [ruby, release]
author: matz
lang: en
---
""",
    "docusaurus-doc": """---
id: intro
title: Introduction
sidebar_label: Intro
sidebar_position: 1
slug: /
tags: [start, {label: Guide, permalink: /guide}]
hide_table_of_contents: false
toc_max_heading_level: 3
pagination_next: null
last_update:
  date: 2024-03-21
  author: Ada
---
""",
    "mkdocs-page": """---
title: Getting started
description: Install and configure the tool
hide:
  - navigation
  - toc
tags: [setup]
status: new
search:
  boost: 2
date:
  created: 2024-03-21
---
""",
}

BROKEN = {
    "astro-blog": ("---\ntitle: Hello\ndescription: x\npubDate: 15/01/2024\ntags: news\n---\n", [4, 5]),
    "hugo-page": ("+++\ntitle = 42\ndate = \"yesterday\"\nweight = 1.5\n+++\n", [2, 3, 4]),
    "jekyll-post": ("---\nlayout: post\ntitle: Hi\ndate: March 3rd\npublished: maybe\n---\n", [4, 5]),
    "docusaurus-doc": ("---\ntitle: Intro\nsidebar_postion: 1\ntoc_max_heading_level: 9\n---\n", [3, 4]),
    "mkdocs-page": ("---\ntitle: Start\nhide: [sidebar]\nsearch:\n  exclude: yes please\n---\n", [3, 5]),
}


def test_every_bundled_schema_is_listed():
    assert schema_store.builtin_names() == sorted(REALISTIC)


def test_bundled_schemas_live_in_the_repository_or_the_package():
    folder = schema_store.builtin_dir()
    assert (folder / "astro-blog.schema.json").is_file()
    assert folder in (ROOT / "schemas", Path(schema_store.__file__).parent / "schemas")


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_every_property_has_a_title_and_description(name):
    schema = json.loads((schema_store.builtin_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert schema.get("title") and schema.get("description")
    for key, prop in schema["properties"].items():
        assert prop.get("title") and prop.get("description"), f"{name}: {key}"


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_accepts_a_realistic_page(name):
    assert lint(REALISTIC[name], schema=f"builtin:{name}") == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_rejects_a_broken_page(name):
    text, lines = BROKEN[name]
    assert [line for _, line, _ in where(lint(text, schema=f"builtin:{name}"), "FM101")] == lines


def test_seed_post_and_examples_pass_astro_blog():
    blog = ROOT / "examples" / "src" / "content" / "blog"
    for post in ("seed-post.md", "first-post.md", "cafe-reviews.md"):
        assert lint((blog / post).read_bytes(), schema="builtin:astro-blog") == [], post


def test_schema_key_names_a_bundled_schema():
    assert where(lint("---\n$schema: builtin:astro-blog\ntitle: Hi\n---\n")) == [("FM101", 1, 1), ("FM101", 1, 1)]
