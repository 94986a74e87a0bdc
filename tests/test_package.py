"""The package as a user installs it: a wheel (not the checkout), run from a folder of its own.

The wheel is built from a copy of the sources (the checkout gets no build/ folder) and installed
into a fresh virtual environment, with no dependencies: those are the test environment's own,
reached through a .pth line written after the install (a plain path line, so that the checkout's
editable install, which a .pth *import* line makes, stays out). The installed `news-compare`
then builds the demo and serves the dashboard on 127.0.0.1.

Building needs setuptools from PyPI; without it the test is skipped, unless
$NEWS_COMPARE_REQUIRE_WHEEL is set (as .ci/run sets it), when it fails instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from test_cli import free_port, listening_addresses, stop_group, wait_for_health

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.wheel


def build_wheel(folder: Path) -> Path:
    """The package's wheel, built from a copy of the sources in ``folder``."""
    source = folder / "src"
    shutil.copytree(ROOT / "compare", source / "compare", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--retries", "1",
                            "--timeout", "20", "--wheel-dir", str(folder / "dist"), str(source)],
                           capture_output=True, text=True, timeout=300)
    wheels = sorted((folder / "dist").glob("news_compare-*.whl"))
    if built.returncode != 0 or not wheels:
        why = f"pip could not build the wheel: {(built.stderr or built.stdout).strip()[-600:]}"
        if os.environ.get("NEWS_COMPARE_REQUIRE_WHEEL"):
            pytest.fail(why)
        pytest.skip(why)
    return wheels[0]


def install(wheel: Path, venv: Path) -> Path:
    """A fresh virtual environment holding the wheel; the dependencies come from this one's site-packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=300)
    installed = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                    capture_output=True, text=True, check=True).stdout.strip())
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (installed / "dependencies-of-the-tests.pth").write_text("".join(f"{path}\n" for path in ours))
    return installed


def test_the_wheel_installed_elsewhere_builds_the_demo_and_serves_the_dashboard(tmp_path):
    wheel = build_wheel(tmp_path)
    # Every file the package reads at run time is in the wheel: each non-Python file of compare/.
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "compare").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert data and data <= shipped, sorted(data - shipped)
    assert "compare/ui/app.py" in shipped

    venv = tmp_path / "venv"
    installed = install(wheel, venv)
    elsewhere = tmp_path / "elsewhere"  # no checkout here, no feeds.toml, no database
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWS_COMPARE_DB", "NEWS_COMPARE_FEEDS",
                                                                "NEWS_COMPARE_PASSWORD")}
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import compare.ui.app as a; print(a.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert where.stdout.strip().startswith(str(installed)), where.stderr  # the wheel's copy, not the checkout
    news_compare = str(venv / "bin" / "news-compare")

    demo = subprocess.run([news_compare, "demo", "--no-dashboard", "--db", "demo.db"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert f"demo database: {elsewhere / 'demo.db'}: " in demo.stdout and "in 15 stories" in demo.stdout
    listed = subprocess.run([news_compare, "--db", "demo.db", "stories", "--limit", "1"], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "Saldenburg talks" in listed.stdout, listed.stderr

    port = free_port()
    dashboard = subprocess.Popen([news_compare, "--db", "demo.db", "dashboard", "--port", str(port)], cwd=elsewhere,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 start_new_session=True)
    try:
        assert wait_for_health(f"http://127.0.0.1:{port}", dashboard), dashboard.stdout.read() \
            if dashboard.poll() is not None else "the dashboard did not answer"
        assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop_group(dashboard)
