# Every target builds the virtual environment it needs first, so each works on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test lint format bench-import bench-quality bench-speed bench-exposure bench-api bench-monitor bench-web bench-batch clean

$(STAMP): pyproject.toml src/sanctio/matching/_kernel.pyx
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The benchmarks also run the nomenklatura peer (the bench extra).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

## run: import the official lists (downloaded, or from $$SANCTIO_LISTS_DIR) and screen a few names
run: $(STAMP)
	$(BIN)/sanctio update
	$(BIN)/sanctio lists
	$(BIN)/sanctio screen "Bashar al-Assad"
	$(BIN)/sanctio screen "بشار الأسد"
	$(BIN)/sanctio screen "Antony Blinken"

## test: lint, format check and the whole test suite
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-import: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py

## bench-quality: recall and false alerts per variation class, beside Jaro-Winkler and nomenklatura
bench-quality: $(BENCH_STAMP)
	$(BIN)/python benchmarks/quality.py

## bench-speed: index build, memory, query latency, throughput, candidate recall, compare pairs/s
bench-speed: $(BENCH_STAMP)
	$(BIN)/python benchmarks/speed.py

## bench-monitor: delta re-screening against a full re-screen, 100,000 customers, real SDN change
bench-monitor: $(STAMP)
	$(BIN)/python benchmarks/bench_monitor.py --sdn-only --workers 2

## bench-api: POST /v1/screen under load (wrk) against `sanctio serve --workers 2`, real list names
bench-api: $(STAMP)
	$(BIN)/python benchmarks/bench_api.py

## bench-exposure: 10,000 customers' exposure over a 100,000-edge ownership graph, beside networkx
bench-exposure: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_exposure.py

## bench-web: server time of every UI page with all shared lists loaded (target: < 300 ms)
bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py

## bench-batch: 1,000,000 customer rows (generated once): rows/s and memory locally, Spark local[2], recall
bench-batch: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) build src/*.egg-info
