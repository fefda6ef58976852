import json
import threading
import time

from contentlint.net.url_cache import Outcome, UrlCache, cache_path


def make(path, fp="fp", max_age=86400, failure=3600):
    return UrlCache(path, fp, max_age, failure).load()


def test_round_trip_and_ages(tmp_path):
    path = cache_path(tmp_path)
    assert path == tmp_path / ".contentlint_cache" / "urls.json"
    assert (tmp_path / ".contentlint_cache" / ".gitignore").read_text().strip().endswith("*")
    now = time.time()
    cache = make(path)
    cache.put([
        Outcome("https://a.example/ok.png", status=200, content_type="image/png", checked_at=now - 7200),
        Outcome("https://a.example/broken.png", status=404, checked_at=now - 7200),
        Outcome("https://a.example/recent-failure.png", error="timeout", checked_at=now - 60),
    ])
    cache.save()
    again = make(path)
    ok = again.get("https://a.example/ok.png")
    assert ok is not None and ok.cached and ok.status == 200 and ok.content_type == "image/png"
    assert again.get("https://a.example/broken.png") is None  # failures expire sooner
    assert again.get("https://a.example/recent-failure.png").error == "timeout"
    assert make(path, fp="other settings").get("https://a.example/ok.png") is None
    assert make(path, max_age=3600).get("https://a.example/ok.png") is None


def test_damaged_cache_is_ignored_and_repaired(tmp_path):
    path = cache_path(tmp_path)
    path.write_text("{not json", encoding="utf-8")
    cache = make(path)
    assert cache.entries == {}
    cache.put([Outcome("https://a.example/x.png", status=200, checked_at=time.time())])
    cache.save()
    assert json.loads(path.read_text())["urls"]


def test_two_runs_sharing_the_cache_keep_each_others_results(tmp_path):
    path = cache_path(tmp_path)
    first, second = make(path), make(path)  # both loaded the empty cache
    first.put([Outcome(f"https://a.example/{i}.png", status=200, checked_at=time.time()) for i in range(50)])
    second.put([Outcome(f"https://b.example/{i}.png", status=200, checked_at=time.time()) for i in range(50)])
    errors = []

    def save(cache):
        try:
            cache.save()
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(c,)) for c in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    merged = make(path)
    assert len(merged.entries) == 100
    assert not [p for p in path.parent.iterdir() if p.suffix == ".tmp"]


def test_read_only_project_falls_back_to_the_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    project = tmp_path / "project"
    project.mkdir()
    (project / ".contentlint_cache").write_text("a file where the folder should be")
    path = cache_path(project)
    assert path is not None and str(path).startswith(str(tmp_path / "xdg"))
