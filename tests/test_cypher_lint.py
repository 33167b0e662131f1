"""Every .cypher file is valid Cypher for Neo4j 5 as Neo4j's own tooling sees
it: linted by the official language support (npm
``@neo4j-cypher/language-support``, ``lintCypherQuery``), run by Node.

The ``{label}``/``{type}`` slots are filled from the schema, and every slot
value is tried, so each query is linted as the store sends it.  Any
diagnostic (syntax error, semantic error, undeclared parameter, unknown
label or type) fails the test.
"""
import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from orgmodel.schema import DERIVED_EDGE_KINDS, EDGE_KINDS, NODE_KINDS
from orgmodel.store import _SLOTS, cypher, query_parameters

LINT = Path(__file__).resolve().parent / "cypher-lint"
CYPHER = Path(__file__).resolve().parent.parent / "orgmodel" / "cypher"

pytestmark = pytest.mark.cypher_lint


def _queries():
    for path in sorted(CYPHER.glob("*.cypher")):
        name = path.stem
        slots = sorted(set(re.findall(r"\{(label|type|src|dst)\}", path.read_text())))
        choices = [sorted(_SLOTS[s]) for s in slots]
        for combo in itertools.product(*choices):
            filled = dict(zip(slots, combo))
            # create_edges and friends only run for kinds the schema allows.
            if "type" in filled and "src" in filled and \
                    filled["src"] not in EDGE_KINDS[filled["type"]].sources:
                continue
            if "type" in filled and "dst" in filled and \
                    filled["dst"] not in EDGE_KINDS[filled["type"]].targets:
                continue
            yield f"{name}{combo or ''}", cypher(name, **filled), query_parameters(name)


def _lint(items):
    node = shutil.which("node")
    if not (LINT / "node_modules" / "@neo4j-cypher").is_dir() or node is None:
        pytest.skip("the Cypher linter is not installed: scripts/ensure-cypher-lint installs it "
                    "(make test runs it; npm ci in tests/cypher-lint)")
    schema = {"labels": list(NODE_KINDS) + ["Organisation", "ChangeSet", "AppUser"],
              "relationshipTypes": list(EDGE_KINDS) + list(DERIVED_EDGE_KINDS)}
    payload = [{"name": n, "query": q, "schema": {**schema, "parameters": {p: None for p in ps}}}
               for n, q, ps in items]
    res = subprocess.run([node, str(LINT / "lint.cjs")], input=json.dumps(payload),
                         capture_output=True, text=True, cwd=LINT, timeout=300)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_every_query_lints_clean_with_neo4j_language_support():
    items = list(_queries())
    assert len({n.split("(")[0] for n, _, _ in items}) == len(list(CYPHER.glob("*.cypher")))
    results = _lint(items)
    bad = {r["name"]: r["diagnostics"] for r in results if r["diagnostics"]}
    assert not bad, json.dumps(bad, indent=1)


def test_the_linter_does_catch_a_broken_query():
    # The test above is only worth something if the linter reports errors.
    results = _lint([("broken", "MATCH (n:Post {org: $org} RETURN n", ["org"]),
                     ("undeclared", "MATCH (n:Post {org: $nope}) RETURN n", []),
                     ("fine", "MATCH (n:Post {org: $org}) RETURN n", ["org"])])
    by = {r["name"]: r["diagnostics"] for r in results}
    assert by["broken"] and by["undeclared"] and not by["fine"]
