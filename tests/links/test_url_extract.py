import pytest

from contentlint.document.document import Document
from contentlint.net.settings import LinkSettings
from contentlint.links.extract import UrlUse, can_replace, document_urls


def uses(text: str, **settings) -> list[UrlUse]:
    doc = Document.from_bytes("post.md", text.encode("utf-8"))
    return document_urls(doc, LinkSettings.from_table(settings)), doc


def spans(text: str, **settings):
    found, doc = uses(text, **settings)
    for use in found:
        if use.exact:
            assert doc.text[use.start : use.end] == use.url
    return [(u.where, u.url, u.exact) for u in found]


def test_yaml_nested_forms_and_lists():
    text = """---
title: Crème brûlée
hero:
  title: Docs
  tagline: not an image
  actions:
    - link: /install/
  image:
    file: ../../assets/houston.webp
    alt: Houston
cover:
  image: 'https://cdn.example.com/c.jpg'
image: {src: "./a.png", alt: x}
ogImage: [https://cdn.example.com/1.png, "https://cdn.example.com/2.png"]
thumbnail:
  dark: ./dark.png
  light: ./light.png
banner:
  content: Not an image
---
"""
    assert spans(text) == [
        ("`hero.image.file`", "../../assets/houston.webp", True),
        ("`image.src`", "./a.png", True),
        ("`cover.image`", "https://cdn.example.com/c.jpg", True),
        ("`ogImage[0]`", "https://cdn.example.com/1.png", True),
        ("`ogImage[1]`", "https://cdn.example.com/2.png", True),
        ("`thumbnail.dark`", "./dark.png", True),
        ("`thumbnail.light`", "./light.png", True),
    ]


def test_configured_fields_with_dotted_paths():
    text = "---\nseo:\n  card: ./card.png\nhero: ./h.png\n---\n"
    assert spans(text, fields=["seo.card"]) == [("`seo.card`", "./card.png", True)]
    assert [u[0] for u in spans(text, **{"extend-fields": ["seo.card"]})] == ["`hero`", "`seo.card`"]


def test_yaml_escapes_and_folding_are_located_but_not_exact():
    text = '---\nhero: "https://cdn.example.com/\\u00e9.png"\ncover: >\n  ./folded.png\n---\n'
    found, doc = uses(text)
    assert [(u.url, u.exact) for u in found] == [("https://cdn.example.com/é.png", False), ("./folded.png\n", False)]
    assert doc.text[found[0].start : found[0].end] == '"https://cdn.example.com/\\u00e9.png"'[1:-1]


def test_toml_and_json_frontmatter():
    toml = """+++
title = "T"
hero = "https://cdn.example.com/h.jpg"
images = ['./a.png', "./b.png"]
[cover]
image = "./c.png"
+++
"""
    assert spans(toml, **{"extend-fields": ["images"]}) == [
        ("`hero`", "https://cdn.example.com/h.jpg", True),
        ("`cover.image`", "./c.png", True),
        ("`images[0]`", "./a.png", True),
        ("`images[1]`", "./b.png", True),
    ]
    json_fm = '{\n  "title": "T",\n  "image": {"src": "./a.png"},\n  "cover": ["./x.png", "./x.png"]\n}\n\nBody\n'
    found, doc = uses(json_fm)
    assert [(u.where, u.url) for u in found] == [("`image.src`", "./a.png"), ("`cover[0]`", "./x.png"), ("`cover[1]`", "./x.png")]
    assert found[1].start != found[2].start  # the same value twice: each its own span


def test_body_images_references_html_and_code():
    text = """---
title: t
---
![a](./one.png) ![b](<./two words.png> "title")

> ![quoted](./quoted.png)
>
> [ref]: ./from-ref.png

- item ![in list](./list.png)

![by ref][ref] ![again][ref]

| a | b |
|---|---|
| ![cell](./cell.png) | x |

<div>
<img alt="x" src="./html.png"><IMG SRC='./upper.png'>
</div>

Inline <img src=./bare.png> in text, <img src={jsx.value}> skipped.

`![code](./code.png)` and:

```
![fenced](./fenced.png)
```

[![badge](./badge.svg)](https://example.com/)
"""
    got = [(w, u) for w, u, _ in spans(text)]
    assert got == [
        ("body image", "./one.png"),
        ("body image", "./two words.png"),
        ("body image", "./quoted.png"),
        ("body image", "./list.png"),
        ("body image", "./from-ref.png"),
        ("body image", "./cell.png"),
        ("HTML <img>", "./html.png"),
        ("HTML <img>", "./upper.png"),
        ("HTML <img>", "./bare.png"),
        ("body image", "./badge.svg"),
    ]


def test_body_links_only_when_asked():
    text = "See [docs](https://docs.example.com/) and <https://auto.example.com/x> and ![i](./i.png).\n"
    assert [u for _, u, _ in spans(text)] == ["./i.png"]
    assert [u for _, u, _ in spans(text, **{"body-links": True})] == [
        "https://docs.example.com/", "https://auto.example.com/x", "./i.png",
    ]
    assert spans(text, **{"body-images": False}) == []


def test_html_entities_in_img_src():
    found, _ = uses('<img src="https://cdn.example.com/a.png?x=1&amp;y=2">\n')
    assert [(u.url, u.exact) for u in found] == [("https://cdn.example.com/a.png?x=1&y=2", False)]


@pytest.mark.parametrize("style,new,ok", [
    ("yaml-plain", "https://cdn.example.com/a.png", True),
    ("yaml-plain", "https://cdn.example.com/a.png#frag ment", False),
    ("yaml-plain", "https://x.example/a: b", False),
    ("yaml-double", 'https://x.example/"q"', False),
    ("yaml-single", "https://x.example/it's", False),
    ("md", "https://x.example/a(b).png", False),
    ("md", "https://x.example/a.png", True),
    ("html-double", "https://x.example/?a=1&b=2", False),
    ("json", "https://x.example/a.png", True),
])
def test_can_replace(style, new, ok):
    use = UrlUse("http://x.example/a.png", 0, 10, True, True, "`hero`", style)
    assert can_replace(use, new) is ok


def test_an_email_autolink_is_a_mailto_url_not_a_relative_path():
    """`<zeha@debian.org>` on ruby-lang's security posts was read as a link to
    the relative page `zeha@debian.org` (43 false ST001 findings)."""
    text = "Thanks to <zeha@debian.org> and <mailto:a@b.org> and <https://x.org/>.\n"
    assert spans(text, **{"body-links": True}) == [
        ("body link", "mailto:zeha@debian.org", False),  # not spelled so in the text: never rewritten
        ("body link", "mailto:a@b.org", True),
        ("body link", "https://x.org/", True),
    ]
