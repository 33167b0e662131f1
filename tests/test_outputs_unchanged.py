"""The outputs of every command on the data folders and synthetic
organisations are byte-identical to the ones recorded in
``tests/golden/outputs.json`` (run-dependent stamps and temp paths masked).

This guards refactoring: a change of output must be intended, and is
recorded with ``python -m tests.golden.commands --update``.
"""
import json
from pathlib import Path

import pytest

from tests.golden.commands import HERE, STAMP, click_invoke, run_all


@pytest.mark.graphviz         # the reports hold the static chart Graphviz draws
def test_every_output_is_as_recorded(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", STAMP)   # the day they were recorded
    recorded = json.loads((HERE / "outputs.json").read_text())
    found = run_all(tmp_path, click_invoke)
    changed = [k for k in sorted(set(recorded) | set(found)) if recorded.get(k) != found.get(k)]
    assert not changed, "outputs changed:\n" + "\n".join(changed)
