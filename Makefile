# Two commands do everything: `make run` and `make test`. Only Python 3.11+, make and a C
# compiler are needed; the virtual environment and the locked dependencies are set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest venv lock clean bench screenshots

$(STAMP): .ci/requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r .ci/requirements-dev.lock
	touch $(STAMP)

venv: $(STAMP)

## Start web (:8000), Celery worker and beat, the sandbox (:8001) and, if REDIS_URL is unset, Redis.
run: $(STAMP)
	$(BIN)/python -m jtlapp.local.run

## Lint, format check, type check and the whole test suite against real Redis (and Postgres if set).
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy jtlapp panes tests

pytest: $(STAMP)
	$(BIN)/python -m jtlapp.local.with_redis -- $(BIN)/pytest $(PYTEST_ARGS)

## Re-resolve the locked dependencies after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o .ci/requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --extra dev -o .ci/requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) .run .mypy_cache .ruff_cache .pytest_cache

## Benchmark: the ERP proxy against direct calls to the sandbox (BENCH_RATE, BENCH_SECONDS).
bench: $(STAMP)
	$(BIN)/python -m jtlapp.local.with_redis -- $(BIN)/python -m jtlapp.local.bench

## Screenshots of every page (de, en) into panes/screenshots/ (needs Debian's chromium).
screenshots: $(STAMP)
	$(BIN)/python -m jtlapp.local.with_redis -- $(BIN)/python -m jtlapp.local.screenshots
