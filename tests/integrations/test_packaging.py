"""The bundled schemas ship inside the wheel and are found from an installed
wheel, not only from the source tree."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_installed_wheel_finds_its_bundled_schemas(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.name for p in (ROOT / "schemas").glob("*.schema.json"))
    assert bundled and all(f"contentlint/schemas/{name}" in names for name in bundled)

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)  # what an installer lays down for a pure wheel
    probe = (
        "import contentlint, contentlint.schema.store as s;"
        "print(contentlint.__file__);"
        "print(s.builtin_dir());"
        "print(s.builtin_names());"
        "print(s.load('builtin:astro-blog', base=__import__('pathlib').Path('.')).is_valid("
        "{'title': 'x', 'description': 'y', 'pubDate': '2024-03-21'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    module, folder, listed, valid = out.stdout.strip().splitlines()
    assert module.startswith(str(target)) and folder.startswith(str(target)), "imported from the installed wheel"
    assert eval(listed) == [n[: -len(".schema.json")] for n in bundled]
    assert valid == "True"
