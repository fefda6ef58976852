"""The site findings (ST) a warm run takes from the cache equal those a run
with `--no-cache` computes, whatever happened to the site in between: a
heading renamed under a link to its anchor, a page deleted, created or
renamed under the links to it, a static file added or removed, the
configuration changed. Whole-site runs and one-file runs (the pre-commit
case) are both compared, each cached run against the uncached run on the
same state."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.engine import cache as result_cache
from contentlint.engine.cache import CACHE_DIR
from contentlint.schema.store import clear_caches

from prop_support import budget

PAGES = ["en/a.md", "en/b.md", "en/c.md", "en/news/_posts/2020-01-02-news.md"]
ROUTES = {"en/a.md": "/en/a/", "en/b.md": "/en/b/", "en/c.md": "/en/c/",
          "en/news/_posts/2020-01-02-news.md": "/en/news/2020/01/02/news/"}
HEADINGS = ["Setup", "Usage", "Other"]


def page_text(heading: str, target: str, anchor: str, image: bool) -> str:
    link = f"[next]({ROUTES[target]}{'#' + anchor.lower() if anchor else ''})"
    picture = "\n\n![logo](/images/logo.png)" if image else ""
    return f"---\ntitle: Page\n---\n\n## {heading}\n\nSee {link}.{picture}\n"


class Site:
    def __init__(self, base: Path) -> None:
        self.root = base / "site"
        self.root.mkdir()
        (self.root / "_config.yml").write_text("permalink: pretty\nurl: https://www.example.org\n")
        (self.root / "Gemfile").write_text('gem "jekyll"\n')
        (self.root / "images").mkdir()
        (self.root / "images" / "logo.png").write_bytes(b"")
        for i, page in enumerate(PAGES):
            anchor = "Other" if i == 1 else HEADINGS[(i + 1) % 2]  # one link to a missing anchor
            self.write(page, page_text(HEADINGS[i % 2], PAGES[(i + 1) % len(PAGES)], anchor, i == 0))
        self.tick = 0
        self.age()

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def age(self) -> None:
        """Every file a little older than the last time: the cache trusts no
        file changed within the last seconds (it could change again unseen
        within one timestamp tick), and a test must not wait that long."""
        self.tick += 1
        stamp = time.time() - 3600 + self.tick
        for folder, _, names in os.walk(self.root):
            if CACHE_DIR in Path(folder).parts:
                continue
            for name in names:
                os.utime(os.path.join(folder, name), (stamp, stamp))

    # --- what happens to the site between runs --------------------------------

    def edit(self, page: str, heading: str, target: str, anchor: str, image: bool) -> None:
        self.write(page, page_text(heading, target, anchor, image))

    def delete(self, page: str) -> None:
        (self.root / page).unlink(missing_ok=True)

    def rename(self, page: str, other: str) -> None:
        if (self.root / page).exists() and page != other:
            (self.root / other).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.root / page, self.root / other)

    def image(self, present: bool) -> None:
        logo = self.root / "images" / "logo.png"
        if present:
            logo.write_bytes(b"")
        else:
            logo.unlink(missing_ok=True)

    def config(self, ignored: list[str]) -> None:
        (self.root / "contentlint.toml").write_text(f"ignore = {json.dumps(ignored)}\n")

    # --- runs -----------------------------------------------------------------

    def run(self, paths: list[str], *extra: str) -> tuple[int, list[dict[str, object]]]:
        clear_caches()
        result = CliRunner().invoke(main, ["check", "--format", "json", *extra, *paths])
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    def compare(self, paths: list[str]) -> None:
        cached = self.run(paths)
        assert cached == self.run(paths, "--no-cache"), paths


changes = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(PAGES), st.sampled_from(HEADINGS), st.sampled_from(PAGES),
              st.sampled_from(["", *HEADINGS]), st.booleans()),
    st.tuples(st.just("delete"), st.sampled_from(PAGES)),
    st.tuples(st.just("rename"), st.sampled_from(PAGES), st.sampled_from(PAGES)),
    st.tuples(st.just("image"), st.booleans()),
    st.tuples(st.just("config"), st.lists(st.sampled_from(["ST001", "ST002", "ST003"]), max_size=2)),
)


@budget(25)
@given(steps=st.lists(st.tuples(changes, st.sampled_from([None, *PAGES]), st.sampled_from([0, 1, 32])),
                      min_size=1, max_size=5))
def test_warm_site_findings_equal_cold_ones(steps):
    base = Path(tempfile.mkdtemp())
    cwd = os.getcwd()
    few = result_cache.FEW_FILES
    try:
        site = Site(base)
        os.chdir(site.root)
        code, findings = site.run(["."])  # fills the cache
        assert {f["code"] for f in findings} >= {"ST002"}  # a link to a missing anchor, to begin with
        site.compare(["."])
        site.compare(["."])  # answered from it
        assert list((site.root / CACHE_DIR).glob("site-verdicts-*.json"))
        for (change, *args), one, few_files in steps:
            # up to how many files a run decodes only its own cache entries
            result_cache.FEW_FILES = few_files
            getattr(site, change)(*args)
            site.age()
            if one is not None and (site.root / one).exists():
                site.compare([one])  # the pre-commit case: one file, the rest from the caches
            site.compare(["."])
            site.compare(["."])
    finally:
        result_cache.FEW_FILES = few
        os.chdir(cwd)
        shutil.rmtree(base, ignore_errors=True)
