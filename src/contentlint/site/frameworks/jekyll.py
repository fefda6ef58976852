"""Jekyll routes.

Pages are the files with front matter outside folders starting with `_`;
posts are `_posts/YYYY-MM-DD-title.ext` files anywhere, their categories the
folders above `_posts` plus `categories`/`category`. The URL comes from the
page's `permalink`, else the site's `permalink` style (`date`, `pretty`,
`ordinal`, `none` or a template). `redirect_from` (jekyll-redirect-from)
declares old URLs. The locale is `lang` in the front matter, else the first
folder when it names a locale (`_data/locales/*.yml`, `_data/languages.yml`).
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

from .. import slugs
from .base import PageInput, SiteConfig
from ...patterns import lazy_regex

CONFIG_NAMES = ("_config.yml", "_config.yaml")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_POST_NAME = lazy_regex(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.[^.]+$")
_PLACEHOLDER = lazy_regex(r":([a-z_]+)")
_DATE = lazy_regex(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def load_yaml(path: Path) -> Any:
    """The data of a YAML file (None when unreadable or not YAML), read once per
    run while it is unchanged: the framework detection (config/frameworks.py)
    and the site's config read the same `_config.yml`. Shared: never modified."""
    try:
        st = path.stat()
    except OSError:
        return None
    return _load_yaml(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _load_yaml(path: str, mtime_ns: int, size: int) -> Any:
    import yaml  # lazy: start-up time (a Jekyll site's config)

    try:
        # libyaml's safe loader when it is there: the same data, several times faster.
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # an unreadable config says nothing (and the run goes on)
        return None


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return []


class Jekyll:
    name = "jekyll"

    def load_config(self, root: Path) -> SiteConfig:
        data: dict[str, Any] = {}
        for name in CONFIG_NAMES:
            loaded = load_yaml(root / name)
            if isinstance(loaded, dict):
                data = loaded
                break
        locales: list[str] = []
        locale_dir = root / "_data" / "locales"
        try:
            locales = sorted(p.stem for p in locale_dir.iterdir() if p.suffix in (".yml", ".yaml", ".json"))
        except OSError:
            languages = load_yaml(root / "_data" / "languages.yml")
            if isinstance(languages, list):
                locales = [str(x.get("code") or x.get("lang")) for x in languages if isinstance(x, dict)]
        default = data.get("lang") or data.get("locale") or ("en" if "en" in locales else None)
        baseurl = str(data.get("baseurl") or "").strip("/")
        url = str(data.get("url") or "").rstrip("/")
        permalink = data.get("permalink") or "date"
        return SiteConfig(
            root=root, content_dir=".", base="/" + baseurl + ("/" if baseurl else ""), trailing_slash="ignore",
            default_locale=str(default) if default else None, locales=tuple(locales), redirects={},
            domains=(url + ("/" + baseurl if baseurl else ""),) if url else (),
            options={"permalink": str(permalink), "exclude": _as_list(data.get("exclude")),
                     "include": _as_list(data.get("include")), "pretty": permalink == "pretty",
                     # `{% include %}` reads from includes_dir; `{% include_relative %}` beside the page.
                     "include_dirs": {"include": (str(data.get("includes_dir") or "_includes").strip("/"),),
                                      "include_relative": None},
                     # kramdown (also its GFM input): `{: #id}` below a heading is the heading's id.
                     "kramdown_ial": True},
        )

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        fm = page.frontmatter
        if fm.get("published") is False:
            return None
        parts = page.relpath.split("/")
        name = parts[-1]
        if "_posts" in parts[:-1]:
            return self._post_route(page, config, parts)
        if any(p.startswith("_") for p in parts[:-1]) or name.startswith(("_", ".")):
            return None
        stem, _, ext = name.rpartition(".")
        if not stem:
            stem, ext = name, ""
        markdown = ("." + ext) in MARKDOWN_EXTENSIONS
        permalink = fm.get("permalink")
        if isinstance(permalink, str) and permalink:
            return self._base(config, self._fill(permalink, {
                "path": "/".join(parts[:-1]), "basename": stem, "output_ext": ".html" if markdown else "." + ext,
                "title": stem, "slug": stem, "categories": "",
            }))
        folder = "/".join(parts[:-1])
        out_ext = ".html" if markdown or ext == "html" else "." + ext
        if stem == "index" and out_ext == ".html":
            return self._base(config, f"/{folder}/" if folder else "/")
        style = config.options.get("permalink", "date")
        if out_ext == ".html" and (style == "pretty" or str(style).endswith("/")):
            return self._base(config, f"/{folder}/{stem}/" if folder else f"/{stem}/")
        return self._base(config, f"/{folder}/{stem}{out_ext}" if folder else f"/{stem}{out_ext}")

    def _post_route(self, page: PageInput, config: SiteConfig, parts: list[str]) -> Optional[str]:
        fm = page.frontmatter
        if "_drafts" in parts:
            return None
        m = _POST_NAME.match(parts[-1])
        if m is None:
            return None  # Jekyll skips a post whose name carries no date
        year, month, day, title = m.groups()
        date = fm.get("date")
        if isinstance(date, str):
            found = _DATE.match(date)
            if found:
                year, month, day = found.groups()
        elif isinstance(date, (datetime.date, datetime.datetime)):
            year, month, day = str(date.year), str(date.month), str(date.day)
        folders = parts[: parts.index("_posts")]
        categories = [c for c in folders if c] + _as_list(fm.get("categories")) + _as_list(fm.get("category"))
        categories = list(dict.fromkeys(categories))
        given = fm.get("slug")
        slug = given if isinstance(given, str) else title
        permalink = fm.get("permalink")
        template = permalink if isinstance(permalink, str) and permalink else str(config.options.get("permalink", "date"))
        template = STYLES.get(template, template)
        day_of_year = datetime.date(int(year), int(month), int(day)).timetuple().tm_yday if ":y_day" in template else 0
        url = self._fill(template, {
            "year": year, "month": f"{int(month):02d}", "day": f"{int(day):02d}", "i_month": str(int(month)),
            "i_day": str(int(day)), "short_year": year[2:], "y_day": f"{day_of_year:03d}",
            "title": slugs_title(slug), "slug": slugs_title(slug),
            "categories": "/".join(c.lower() for c in categories), "output_ext": ".html",
        })
        return self._base(config, url)

    @staticmethod
    def _fill(template: str, values: dict[str, str]) -> str:
        """``template`` with its placeholders replaced by ``values`` (an unknown one
        stays as written), empty segments dropped."""
        filled = "".join([values.get(name, text) if name else text for text, name in _pieces(template)])
        return "/" + "/".join([p for p in filled.split("/") if p]) + ("/" if filled.endswith("/") else "")

    @staticmethod
    def _base(config: SiteConfig, path: str) -> str:
        return config.base.rstrip("/") + path

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        return tuple(self._base(config, "/" + a.lstrip("/")) for a in _as_list_keep(page.frontmatter.get("redirect_from")))

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        lang = page.frontmatter.get("lang")
        if isinstance(lang, str) and lang:
            return lang
        first = page.relpath.split("/", 1)[0]
        return first if first in config.locales else None

    def slugger(self) -> Callable[[str], str]:
        # Jekyll's kramdown reads GFM unless `kramdown: {input: kramdown}` says otherwise.
        return slugs.kramdown_gfm()


@lru_cache(maxsize=256)
def _pieces(template: str) -> tuple[tuple[str, str], ...]:
    """``template`` split once into (text, placeholder name or "") pieces: a site has
    a few permalink templates and thousands of posts."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for m in _PLACEHOLDER.finditer(template):
        if m.start() > at:
            pieces.append((template[at : m.start()], ""))
        pieces.append((m.group(), m.group(1)))
        at = m.end()
    if at < len(template):
        pieces.append((template[at:], ""))
    return tuple(pieces)


def slugs_title(slug: str) -> str:
    # Jekyll's :title keeps the file name's own spelling (only spaces become dashes).
    return slug.replace(" ", "-")


def _as_list_keep(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str)]
    return []
