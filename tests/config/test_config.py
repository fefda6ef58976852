import pytest

from contentlint.config.loader import ConfigError, load_config


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def codes(config):
    return {r.code for r in config.enabled_rules}


def test_pyproject_table_is_found_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.contentlint]\nselect = ["TX"]\n')
    sub = tmp_path / "content" / "blog"
    sub.mkdir(parents=True)
    config = load_config(start=sub)
    assert config.root == tmp_path.resolve()
    assert codes(config) and all(c.startswith("TX") for c in codes(config))


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(start=tmp_path).path is None


def test_contentlint_toml_wins_over_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.contentlint]\nselect = ["TX"]\n')
    write(tmp_path / "contentlint.toml", 'select = ["HD003"]\n')
    assert codes(load_config(start=tmp_path)) == {"HD003"}


def test_isolated_ignores_files(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["HD003"]\n')
    assert len(codes(load_config(start=tmp_path, isolated=True))) > 1


def test_selection_most_specific_wins(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["TX"]\nignore = ["TX"]\nextend-select = ["TX001"]\n')
    assert codes(load_config(start=tmp_path)) == {"TX001"}


def test_select_by_name_and_ignore_by_name(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["TX"]\nignore = ["mojibake"]\n')
    enabled = codes(load_config(start=tmp_path))
    assert "TX001" not in enabled and "TX005" in enabled


def test_command_line_overrides_file(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["TX"]\n')
    assert codes(load_config(start=tmp_path, overrides={"select": ["HD003"]})) == {"HD003"}


def test_per_file_ignores(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["TX", "HD003"]\n[per-file-ignores]\n"drafts/**" = ["HD003"]\n')
    config = load_config(start=tmp_path)
    assert "HD003" not in {r.code for r in config.rules_for("drafts/a.md")}
    assert "HD003" in {r.code for r in config.rules_for("posts/a.md")}


def test_rule_severity_and_options_by_name(tmp_path):
    write(tmp_path / "contentlint.toml", '[rules.heading-emphasis]\nseverity = "warning"\n')
    from contentlint.config.catalogue import get_rule

    assert load_config(start=tmp_path).severity(get_rule("HD003")).value == "warning"


def test_unknown_key_names_file_key_and_choices(tmp_path):
    write(tmp_path / "contentlint.toml", "selectt = ['TX']\n")
    with pytest.raises(ConfigError) as err:
        load_config(start=tmp_path)
    message = str(err.value)
    assert "contentlint.toml" in message and "`selectt`" in message and "select" in message


def test_bad_value_names_the_choices(tmp_path):
    write(tmp_path / "contentlint.toml", '[rules.TX001]\nseverity = "fatal"\n')
    with pytest.raises(ConfigError, match="choose one of `error`, `warning`"):
        load_config(start=tmp_path)


def test_unknown_rule_selector(tmp_path):
    write(tmp_path / "contentlint.toml", 'select = ["XX999"]\n')
    with pytest.raises(ConfigError, match="XX999"):
        load_config(start=tmp_path)


def test_invalid_toml_is_a_config_error(tmp_path):
    write(tmp_path / "contentlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(start=tmp_path)


def test_extends_layers_a_preset(tmp_path):
    write(tmp_path / "base.toml", 'select = ["TX"]\n[rules.TX001]\nseverity = "warning"\n')
    write(tmp_path / "contentlint.toml", 'extends = "base.toml"\nignore = ["TX005"]\n')
    config = load_config(start=tmp_path)
    assert "TX005" not in codes(config) and "TX001" in codes(config)
