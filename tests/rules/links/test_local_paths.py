"""Local image paths stay inside the site (issue 12): a relative path that
climbs out is its own finding and is never looked up, a root path is looked
up only in the static folders, and existence is a stat of a regular file
inside the site. Real files, folders, FIFOs and symlinks throughout."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from contentlint.cli.main import main
from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document


@pytest.fixture
def site(tmp_path, monkeypatch):
    """``tmp/site`` (the project root, with public/) beside ``tmp/outside``,
    which holds an existing image that no post may reach."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "public" / "images").mkdir(parents=True)
    (root / "public" / "images" / "ok.png").write_bytes(b"\x89PNG")
    (root / "contentlint.toml").write_text('select = ["LK003"]\n')
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.png").write_bytes(b"\x89PNG")
    monkeypatch.chdir(root)
    return root


def post(root: Path, hero: str, name: str = "post.md") -> Path:
    path = root / "content" / name
    path.write_text(f'---\ntitle: Post\nhero: "{hero}"\n---\n\nText.\n', encoding="utf-8")
    return path


def lk003(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "content", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [f["message"] for f in json.loads(result.stdout)]


@pytest.mark.parametrize("hero", [
    "../../outside/secret.png",
    "../../../../../../../../etc/passwd",
    "%2e%2e/%2e%2e/outside/secret.png",
    "../public/../../outside/secret.png",
])
def test_relative_path_out_of_the_site_is_its_own_finding(site, hero):
    post(site, hero)
    assert lk003() == [f"Image `{hero}` points outside the site; not looked up"]


def test_relative_path_that_stays_inside_is_looked_up(site):
    post(site, "../public/images/ok.png")
    assert lk003() == []
    post(site, "../public/images/gone.png")
    assert lk003() == ["Image `../public/images/gone.png` does not exist (no `public/images/gone.png`)"]


@pytest.mark.parametrize("hero", ["/../../outside/secret.png", "/dev/zero", "/../../../../../../etc/passwd"])
def test_root_path_is_looked_up_in_the_static_folders_only(site, hero):
    post(site, hero)
    assert lk003() == [f"Image `{hero}` is not in `public/`"]


def test_root_path_climbing_stops_at_the_site_root_as_in_a_browser(site):
    post(site, "/../../images/ok.png")
    assert lk003() == []


def test_static_folder_outside_the_project_is_a_configuration_error(site):
    for folder in ("/", "../outside", "public/../../outside", "C:/Windows", "~/pictures"):
        (site / "contentlint.toml").write_text(f'select = ["LK003"]\n[links]\nstatic-folders = ["{folder}"]\n')
        result = CliRunner().invoke(main, ["check", "content", "--no-cache"])
        assert result.exit_code == 2, folder
        assert "a static folder is a path inside the project root" in result.stderr, folder


def test_site_root_as_static_folder_still_never_reaches_the_machine_root(site):
    # Jekyll serves the site root: `/dev/zero` is `./dev/zero`, not the device.
    (site / "contentlint.toml").write_text('select = ["LK003"]\n[links]\nstatic-folders = ["."]\n')
    post(site, "/dev/zero")
    assert lk003() == ["Image `/dev/zero` is not in `./`"]


def test_folder_and_fifo_named_like_images_are_not_images(site):
    (site / "content" / "dir.png").mkdir()
    os.mkfifo(site / "content" / "pipe.png")
    post(site, "./dir.png", "a.md")
    post(site, "./pipe.png", "b.md")
    assert lk003() == [
        "Image `./dir.png` is not a file (`content/dir.png` is a folder)",
        "Image `./pipe.png` is not a file (`content/pipe.png` is a named pipe (FIFO))",
    ]


def test_symlink_leading_out_of_the_site_is_not_followed(site, tmp_path):
    (site / "public" / "linked").symlink_to(tmp_path / "outside")
    (site / "content" / "secret.png").symlink_to(tmp_path / "outside" / "secret.png")
    post(site, "/linked/secret.png", "a.md")
    post(site, "./secret.png", "b.md")
    assert lk003() == [
        "Image `/linked/secret.png` points outside the site through the symlink `public/linked`",
        "Image `./secret.png` points outside the site through the symlink `content/secret.png`",
    ]


def test_symlink_inside_the_site_is_an_image(site):
    (site / "content" / "ok.png").symlink_to(site / "public" / "images" / "ok.png")
    post(site, "./ok.png")
    assert lk003() == []


def test_static_folder_linked_out_of_the_site_is_not_used(site, tmp_path):
    (site / "static").symlink_to(tmp_path / "outside")
    (site / "contentlint.toml").write_text('select = ["LK003"]\n[links]\nstatic-folders = ["static"]\n')
    post(site, "/secret.png")
    assert lk003() == ["Image `/secret.png` points outside the site through the symlink `static`"]


# A property: whatever the path, no file-system call of the rule touches a
# path outside the site (other than the site's own parent folders, which
# resolving a path inside it walks through).

SEGMENTS = st.sampled_from(["..", ".", "content", "public", "images", "ok.png", "outside", "secret.png",
                            "%2e%2e", "%2E%2E", "%252e%252e", "", "x.png", "linked", "Linked"])


class Recorder:
    def __init__(self, monkeypatch):
        self.paths: list[str] = []
        for name in ("stat", "lstat", "listdir", "scandir", "readlink", "open"):
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(real))

    def _wrap(self, real):
        def recorded(path=".", *args, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)):
                self.paths.append(os.path.abspath(os.fsdecode(path)))
            return real(path, *args, **kwargs)

        return recorded


@pytest.fixture(scope="module")
def property_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("prop")
    root = base / "site"
    (root / "content").mkdir(parents=True)
    (root / "public" / "images").mkdir(parents=True)
    (root / "public" / "images" / "ok.png").write_bytes(b"\x89PNG")
    (base / "outside").mkdir()
    (base / "outside" / "secret.png").write_bytes(b"\x89PNG")
    for folder in (root / "public", root / "content"):
        (folder / "linked").symlink_to(base / "outside")
    return Path(os.path.realpath(root))


@settings(max_examples=200, deadline=None)
@given(segments=st.lists(SEGMENTS, max_size=8), rooted=st.booleans())
def test_no_lookup_ever_leaves_the_site(property_site, segments, rooted):
    root = property_site
    config = Config(root=root).with_table({"select": ["LK003"]}, "test")
    hero = ("/" if rooted else "") + "/".join(segments)
    text = f'---\ntitle: Post\nhero: "{hero}"\n---\n\nText.\n'
    doc = Document.from_bytes("content/post.md", text.encode(), abs_path=str(root / "content" / "post.md"))
    with pytest.MonkeyPatch.context() as mp:
        recorder = Recorder(mp)
        violations, crashed = lint_document(doc, config, "content/post.md")
    assert crashed == 0
    site = str(root)
    strays = [p for p in recorder.paths
              if not (p == site or p.startswith(site + os.sep) or site.startswith(p.rstrip(os.sep) + os.sep))]
    assert strays == [], (hero, strays)
    # Nothing named secret.png exists in the site: a local path to it is never "found"
    # (`//…` is a protocol-relative URL, not a local path).
    if "secret.png" in segments and not hero.startswith("//"):
        assert violations, hero


def test_post_named_from_outside_the_project_is_bounded_by_its_repository(tmp_path, monkeypatch):
    """No configuration and run from elsewhere: the project root (the current
    folder) does not hold the post, so its repository is the site."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "public").mkdir()
    (repo / "public" / "ok.png").write_bytes(b"\x89PNG")
    (repo / "content").mkdir()
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    post(repo, "../public/ok.png", "a.md")
    post(repo, "../../secret.png", "b.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["check", str(repo / "content"), "--no-cache", "--format", "json",
                                       "--select", "LK003"])
    assert [(Path(f["path"]).name, f["message"]) for f in json.loads(result.stdout)] == [
        ("b.md", "Image `../../secret.png` points outside the site; not looked up"),
    ]


def test_config_named_from_elsewhere_bounds_posts_by_the_current_folder(site, tmp_path):
    """`--config` in another folder makes that folder the project root; a
    post under the current folder is then bounded by the current folder."""
    shared = tmp_path / "shared-config"
    shared.mkdir()
    (shared / "contentlint.toml").write_text('select = ["LK003"]\n')
    post(site, "../public/images/ok.png", "a.md")
    post(site, "../../outside/secret.png", "b.md")
    result = CliRunner().invoke(main, ["check", "content", "--no-cache", "--format", "json",
                                       "--config", str(shared / "contentlint.toml")])
    assert [(Path(f["path"]).name, f["message"]) for f in json.loads(result.stdout)] == [
        ("b.md", "Image `../../outside/secret.png` points outside the site; not looked up"),
    ]


def test_post_named_from_outside_a_site_without_git_is_bounded_by_the_site_root(tmp_path, monkeypatch):
    """No configuration, no `.git`, run from elsewhere (the shared ruby-lang
    corpus): the site root (the folder with `_config.yml`) bounds the posts,
    so `../../images/x.png` from `en/about/` is looked up, not reported as
    leaving the site; a climb above the site root still is."""
    site_root = tmp_path / "site"
    (site_root / "images").mkdir(parents=True)
    (site_root / "images" / "logo.png").write_bytes(b"\x89PNG")
    (site_root / "_config.yml").write_text("permalink: pretty\n")
    (site_root / "_posts").mkdir()
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    about = site_root / "en" / "about"
    about.mkdir(parents=True)
    (about / "index.md").write_text("# About\n\n![logo](../../images/logo.png)\n\n![missing](../../images/gone.png)\n"
                                    "\n![out](../../../secret.png)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["check", str(site_root / "en"), "--no-cache", "--format", "json",
                                       "--select", "LK003"])
    assert [(f["line"], f["message"].split(" (")[0]) for f in json.loads(result.stdout)] == [
        (5, "Image `../../images/gone.png` does not exist"),
        (7, "Image `../../../secret.png` points outside the site; not looked up"),
    ]
