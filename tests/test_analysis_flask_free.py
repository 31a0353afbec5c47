"""analysis/ is plain Python: importing every module of it must not pull in Flask."""

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import importlib, pkgutil, sys
import analysis
names = [m.name for m in pkgutil.walk_packages(analysis.__path__, "analysis.")]
for name in names:
    importlib.import_module(name)
print(len(names), "flask" in sys.modules)
"""


def test_importing_every_analysis_module_leaves_flask_out():
    run = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, flask_loaded = run.stdout.split()
    assert int(count) >= 8
    assert flask_loaded == "False"
