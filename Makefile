# Every target sets up its own virtualenv (.venv) first, so a fresh clone
# needs nothing but python3 (3.11+).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ORG    ?= data/deventer
OUT    ?= out/$(notdir $(ORG))

.PHONY: demo test bench docs db messages notebooks screenshots clean

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## demo: validate Deventer and write its report with its org chart (no database server needed;
##       Graphviz is installed when missing and allowed, else the report says it has no chart)
demo: $(VENV)/.installed
	-./scripts/ensure-graphviz
	$(VENV)/bin/orgmodel validate --org $(ORG)
	$(VENV)/bin/orgmodel report --org $(ORG) --out $(OUT)
	@echo "Open $(OUT)/report.html (or report.md) and $(OUT)/graph.html"

## test: the whole suite, with real Bolt servers (Neo4j 5 and ArcadeDB), Chromium, Graphviz and
##       a Jupyter kernel
test: $(VENV)/.installed
	./scripts/ensure-chromium
	./scripts/ensure-graphviz
	./scripts/ensure-cypher-lint
	PYTHON=$(PY) ./scripts/ensure-neo4j
	$(PY) -m pytest

## bench: benchmarks at 1k, 10k and 100k roles; writes benchmarks/results.md, formats.md, mandates.md, diff.md,
##        page.md (the org chart page in Chromium, the static chart, reports of 100k and 1M roles),
##        startup.md (the command line's start-up against its floors), shared.md (the shared model at
##        100k roles on Neo4j 5 and ArcadeDB), webapp.md (the web app at 100k roles over HTTP)
bench: $(VENV)/.installed
	PYTHON=$(PY) ./scripts/ensure-neo4j
	$(PY) benchmarks/shared.py
	$(PY) benchmarks/webapp.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/run.py
	$(PY) benchmarks/formats.py
	$(PY) benchmarks/mandates.py
	$(PY) benchmarks/diff.py
	$(PY) benchmarks/page.py

## docs: build the docs site into build/site (MkDocs, warnings as errors)
docs: $(VENV)/.installed
	$(VENV)/bin/mkdocs build --strict --quiet

## screenshots: redraw the pictures in docs/ (headless Chromium and Graphviz)
screenshots: $(VENV)/.installed
	./scripts/ensure-chromium
	./scripts/ensure-graphviz
	$(PY) scripts/screenshots

## db: start a local Neo4j 5 (or ArcadeDB without Java and Maven) for trying the db commands
db: $(VENV)/.installed
	$(VENV)/bin/orgmodel db serve

## messages: add the message ids the code has to the Dutch catalog; list those without Dutch
messages: $(VENV)/.installed
	$(PY) scripts/messages

## notebooks: open JupyterLab on notebooks/
notebooks: $(VENV)/.installed
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf $(VENV) out build *.egg-info
