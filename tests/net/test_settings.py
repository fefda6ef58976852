import pytest

from contentlint.config.loader import ConfigError, load_config
from contentlint.net.settings import LinkSettings, parse_duration


def write(tmp_path, text):
    path = tmp_path / "contentlint.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_defaults_and_overrides(tmp_path):
    config = load_config(config_path=write(tmp_path, '[links]\nper-host = 2\ncache-max-age = "12h"\nextend-fields = ["seo.card"]\n'))
    ls = LinkSettings.from_table(config.settings["links"])
    assert (ls.per_host, ls.concurrency, ls.cache_max_age, ls.cache_failure_max_age) == (2, 64, 43200.0, 3600.0)
    assert ls.fields[-1] == "seo.card" and ls.fields[0] == "hero"
    assert (ls.connect_timeout, ls.timeout, ls.retries, ls.max_redirects) == (5.0, 10.0, 2, 5)
    # one URL never takes more than 15 s in all, the network phase 5 minutes
    assert (ls.url_deadline, ls.network_deadline) == (15.0, 300.0)
    assert ls.user_agent.startswith("contentlint/")
    assert config.settings["network"] is False
    assert load_config(config_path=write(tmp_path, "network = true\n")).settings["network"] is True


@pytest.mark.parametrize("text,words", [
    ("[links]\nbody-link = true\n", "unknown key `links.body-link`"),
    ('[links]\nallow-private = ["999.1.1.1/8"]\n', "allow-private"),
    ("[links]\nconcurrency = 0\n", "concurrency"),
    ('[links]\ncache-max-age = "soon"\n', "cache-max-age"),
    ('network = "yes"\n', "network"),
    ("[links]\nurl-deadline = 0\n", "links.url-deadline"),
    ("[links]\nurl-deadline = -1\n", "links.url-deadline"),
    ('[links]\nurl-deadline = "0s"\n', "links.url-deadline"),
    ('[links]\nnetwork-deadline = "soon"\n', "links.network-deadline"),
    ('[links]\nnetwork-deadline = "0m"\n', "links.network-deadline"),
    ("[links]\nnetwork-deadline = false\n", "links.network-deadline"),
])
def test_bad_settings_are_configuration_errors(tmp_path, text, words):
    with pytest.raises(ConfigError, match=words.replace(".", r"\.").replace("[", r"\[")):
        load_config(config_path=write(tmp_path, text))


def test_durations():
    assert parse_duration(90) == 90
    assert parse_duration("30m") == 1800
    assert parse_duration("1.5h") == 5400
    assert parse_duration("1d") == 86400


def test_deadlines_take_seconds_or_durations(tmp_path):
    config = load_config(config_path=write(tmp_path, '[links]\nurl-deadline = 2.5\nnetwork-deadline = "10m"\n'))
    ls = LinkSettings.from_table(config.settings["links"])
    assert (ls.url_deadline, ls.network_deadline) == (2.5, 600.0)
    config = load_config(config_path=write(tmp_path, '[links]\nurl-deadline = "0.5s"\nnetwork-deadline = 90\n'))
    ls = LinkSettings.from_table(config.settings["links"])
    assert (ls.url_deadline, ls.network_deadline) == (0.5, 90.0)
