"""Jekyll renders Liquid before kramdown reads the Markdown, so
`[1]: {{ site.url }}/x` is a link definition on the built site (its
destination is `https://www.example.org/x` by then) and `[text][4](note)`
is a reference link to `[4]` followed by the text `(note)`. CommonMark alone
refuses a definition whose destination holds spaces; the definitions below
it then become one paragraph, and `[4](note)` an inline link to `note`.
Excerpt after ruby-lang ja/news/_posts/2003-08-04-20030804.md."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.document.document import Document

POST = """---
layout: news_post
title: "Ruby 1.8.0"
lang: ja
---

Ruby 1.6.xからの変更点については、
[&lt;URL:https://example.net/changes.1.8.0&gt;][4](英語)や
[&lt;URL:https://example.net/changes.ja&gt;][5](日本語)を
参考にしてください。[古いページ][6]

[1]: {{ site.url }}/download-1.8.0.rbx
[4]: https://example.net/changes.1.8.0
[5]: https://example.net/changes.ja
[6]: /ja/gone/
"""


def site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("url: https://www.example.org\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    posts = tmp_path / "ja/news/_posts"
    posts.mkdir(parents=True)
    (posts / "2003-08-04-20030804.md").write_text(POST, encoding="utf-8")
    return tmp_path


def test_liquid_in_a_definition_keeps_the_definitions(tmp_path):
    root = site(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    found = [(f["code"], f["line"], f["message"]) for f in json.loads(result.stdout)]
    # `(英語)` and `(日本語)` are text; the one broken link is the reference to /ja/gone/
    # (reported at its definition).
    assert [(code, line) for code, line, _ in found] == [("ST001", 15)]
    assert "/ja/gone/" in found[0][2]


def test_the_parse_reads_the_tag_as_one_word():
    doc = Document("post.md", POST)
    assert set(doc.link_definitions) == {"1", "4", "5", "6"}
    # Offsets stay the file's: the destination of [1] is where the file has it.
    first = doc.link_definitions["1"]
    assert POST[first.start : first.end] == "{{ site.url }}/download-1.8.0.rbx"
    # MDX reads `{…}` as an expression: its parse is not changed.
    mdx = Document("post.mdx", "[1]: {{ a }}/x\n")
    assert mdx.link_definitions == {}


def test_a_heading_s_words_are_quoted_as_written(tmp_path):
    # Only a tag that starts a link destination is read as one word; a heading's
    # tag keeps its spaces in every message that quotes the heading.
    page = tmp_path / "post.md"
    page.write_text("---\ntitle: Hi\n---\n\n# Welcome to {{ site.name }}\n\n[a]: {{ site.url }}/x\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "json",
                                       "--select", "HD002", str(page)])
    messages = [f["message"] for f in json.loads(result.stdout)]
    assert len(messages) == 1 and "`Welcome to {{ site.name }}`" in messages[0], messages
    assert Document(str(page), page.read_text(encoding="utf-8")).link_definitions
