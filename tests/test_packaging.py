"""The data in models/ is found from an editable install and from a built wheel."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_models_found_from_this_install():
    from fitpost import resources
    cfg = resources.load_json("pipeline.json")
    assert cfg["components"][0]["factory"] == "fitpost_quantities"
    assert resources.load_json("activities.json")["activities"]["running"]["sport_type"] == "Run"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr[-300:]}")
    return next(out.glob("fitpost-*.whl"))


def test_wheel_holds_every_model_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in (ROOT / "models").rglob("*.json"):
        rel = f.relative_to(ROOT / "models").as_posix()
        assert f"fitpost/models/{rel}" in names, rel


def test_installed_wheel_finds_models_and_runs(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)
    code = ("import fitpost, fitpost.resources as r; from fitpost import Extractor;"
            f"assert fitpost.__file__.startswith({str(target)!r}), fitpost.__file__;"
            "print(r.path('pipeline.json'));"
            "p = Extractor(model='blank').extract('Ran 5 km');"
            "print(p.activities[0].distance.meters)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-1500:]
    first, second = proc.stdout.split()
    assert first.startswith(str(target))
    assert float(second) == 5000.0
