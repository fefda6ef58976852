"""Rules that read network results, given results directly (no server)."""
from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document
from contentlint.net.url_cache import Outcome
from contentlint.violations import Applicability

TEXT = '---\nhero: "http://cdn.example.com/a.jpg"\ncover: http://cdn.example.com/b.jpg\n---\n'


def run(results, text=TEXT, select=("LK002",)):
    config = Config().with_table({"select": list(select)}, "test")
    doc = Document.from_bytes("post.md", text.encode())
    violations, _ = lint_document(doc, config, "post.md", Settings(url_results=results))
    return violations, config, doc


def test_https_upgrade_is_safe_only_when_https_was_checked_and_works():
    results = {
        "https://cdn.example.com/a.jpg": Outcome("https://cdn.example.com/a.jpg", status=200, content_type="image/jpeg"),
        "https://cdn.example.com/b.jpg": Outcome("https://cdn.example.com/b.jpg", error="tls", detail="bad cert"),
    }
    violations, config, doc = run(results)
    a, b = violations
    assert a.fix.applicability == Applicability.SAFE and "the `https:` URL works" in a.message
    assert b.fix is None and "does not work (bad cert)" in b.message
    fixed, _ = check_document(doc, config, "post.md", Settings(fix=True, url_results=results))
    assert fixed.fixed_text == TEXT.replace('"http://cdn.example.com/a.jpg"', '"https://cdn.example.com/a.jpg"')

    offline, _, _ = run(None)
    assert [v.fix.applicability for v in offline] == [Applicability.UNSAFE] * 2


def test_https_serving_html_for_an_image_is_not_a_safe_upgrade():
    results = {"https://cdn.example.com/a.jpg": Outcome("https://cdn.example.com/a.jpg", status=200, content_type="text/html")}
    violations, _, _ = run(results, text='---\nhero: "http://cdn.example.com/a.jpg"\n---\n')
    assert violations[0].fix is None


def test_directives_and_severity_apply_to_network_findings():
    text = (
        '---\ntitle: t\n---\n<!-- contentlint-disable-next-line LK004 -->\n![a](https://x.example/gone.png)\n\n'
        "![b](https://x.example/gone.png)\n\n![c](https://x.example/moved.png)\n"
    )
    results = {
        "https://x.example/gone.png": Outcome("https://x.example/gone.png", status=404, reason="Not Found"),
        "https://x.example/moved.png": Outcome(
            "https://x.example/moved.png", status=200, content_type="image/png",
            permanent="https://x.example/new.png", permanent_status=308,
        ),
    }
    config = Config().with_table({"select": ["LK"], "rules": {"LK007": {"severity": "error"}}}, "test")
    doc = Document.from_bytes("post.md", text.encode())
    violations, _ = lint_document(doc, config, "post.md", Settings(url_results=results))
    assert [(v.code, v.line, v.severity.value) for v in violations] == [("LK004", 7, "error"), ("LK007", 9, "error")]
    assert violations[1].fix.applicability == Applicability.UNSAFE
    assert violations[1].fix.edits[0].replacement == "https://x.example/new.png"
