# diplomatic-kg — the two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= out/store
EXAMPLES := $(wildcard examples/*/annotation.yaml)

.PHONY: demo test setup lint typecheck check bench clean explorer screenshots reranker

# Set-up: a virtualenv with the project and its test extras, re-run when pyproject changes.
$(BIN)/kg: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/kg

setup: $(BIN)/kg

demo: setup
	$(BIN)/kg add --store $(STORE) $(EXAMPLES)
	$(BIN)/kg validate --store $(STORE)
	$(BIN)/kg summary --store $(STORE)
	$(BIN)/kg render --store $(STORE) --output out/graph.html
	$(BIN)/kg export --store $(STORE) --format ttl --output out/kg.ttl
	$(BIN)/kg export --store $(STORE) --format json --output out/kg.json
	@echo
	@echo "Store:       $(STORE)"
	@echo "Graph page:  $(abspath out/graph.html)  (open it in a browser; works offline)"
	@echo "Turtle:      $(abspath out/kg.ttl)"
	@echo "JSON view:   $(abspath out/kg.json)"
	@echo "Try:         $(BIN)/kg query who-condemns-whom --store $(STORE)"

# The optional servers (chromium, Virtuoso): installed when missing if we run as root with
# apt-get (KG_NO_APT=1 to not), else the groups of tests that will be skipped are named.
# The suite runs on WORKERS pytest-xdist workers (CI has 2 cores; WORKERS=0 runs it in one
# process), each taking whole test files (--dist loadfile), so a file's module and session
# fixtures (a Virtuoso, a Chromium, a served store) are set up once, as in one process.
WORKERS ?= 2
test: setup
	@.ci/test-deps
	$(BIN)/ruff check kg tests scripts benchmarks
	$(BIN)/mypy --strict kg
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --doctest-modules --durations=25 kg tests

lint: setup
	$(BIN)/ruff check kg tests scripts benchmarks

typecheck: setup
	$(BIN)/mypy --strict kg

# The web explorer's bundle, rebuilt from kg/explorer/frontend/src with the pinned npm
# packages; the built files are committed, so users need no Node.
explorer:
	cd kg/explorer/frontend && npm ci --no-audit --no-fund && node build.mjs

# The README's pictures of the explorer, taken by its browser tests.
screenshots: setup
	KG_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/test_explorer.py -k screenshots

# The extraction re-ranker, retrained from the dev and blind-dev gold files.
reranker: setup
	$(BIN)/python -m kg.extract.train_reranker

bench: setup
	$(BIN)/python benchmarks/store.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache kg-store
