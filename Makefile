# Two commands do everything: `make run` and `make test`. Only Python 3.11+, make and a C
# compiler are needed; the virtual environment and the locked dependencies are set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test lint typecheck pytest venv lock clean bench screenshots generate generate-rest \
	generate-graphql

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

## Regenerate jtlapp/erp/generated/ (models, operation tables), the scope table and the typed
## GraphQL results panes/erp_graphql/ from jtlapp/reference/ (and panes/graphql/queries.graphql);
## GENERATED, SCOPE_TABLE and ERP_GRAPHQL let the staleness tests write elsewhere.
GENERATED ?= jtlapp/erp/generated
SCOPE_TABLE ?= jtlapp/erp/scope_table.json
ERP_GRAPHQL ?= panes/erp_graphql
CODEGEN := $(BIN)/datamodel-codegen --input-file-type openapi \
	--output-model-type pydantic_v2.BaseModel --target-python-version 3.11 \
	--no-treat-dot-as-module --disable-timestamp --use-annotated --use-standard-collections \
	--use-union-operator --extra-fields allow --allow-population-by-field-name \
	--base-class jtlapp.erp.generated.base.JtlModel --ignore-pyproject --no-formatters
generate: generate-rest generate-graphql

generate-rest: $(STAMP)
	mkdir -p $(GENERATED)/.meta
	for api in v1 v2; do \
		spec=jtlapp/reference/jtl-wawi-api-cloud-$${api#v}.0.openapi.json; \
		$(CODEGEN) --input $$spec --output $(GENERATED)/cloud_$$api.py \
			--emit-model-metadata $(GENERATED)/.meta/$$api.json 2>/dev/null || exit 1; \
		$(BIN)/python -m jtlapp.erp.generated.operations_build --spec $$spec --api $$api \
			--metadata $(GENERATED)/.meta/$$api.json --output $(GENERATED)/operations_$$api.py \
			--models $(GENERATED)/cloud_$$api.py --calls-output $(GENERATED)/calls_$$api.py \
			|| exit 1; \
	done
	rm -rf $(GENERATED)/.meta
	$(BIN)/ruff check --quiet --config pyproject.toml --fix-only $(GENERATED)/cloud_v*.py \
		$(GENERATED)/operations_v*.py $(GENERATED)/calls_v*.py
	$(BIN)/ruff format --quiet --config pyproject.toml $(GENERATED)/cloud_v*.py \
		$(GENERATED)/operations_v*.py $(GENERATED)/calls_v*.py
	$(BIN)/python -m jtlapp.erp.scope_table_build --output $(SCOPE_TABLE)

generate-graphql: $(STAMP)
	stage=$$(mktemp -d) && \
	sed 's|^target_package_path = .*|target_package_path = "'$$stage'"|' \
		panes/graphql/codegen.toml > $$stage/codegen.toml && \
	$(BIN)/ariadne-codegen --config $$stage/codegen.toml >/dev/null && \
	$(BIN)/ruff check --quiet --config pyproject.toml --fix-only $$stage/erp_graphql && \
	$(BIN)/ruff format --quiet --config pyproject.toml $$stage/erp_graphql && \
	rm -rf $(ERP_GRAPHQL) && cp -r $$stage/erp_graphql $(ERP_GRAPHQL) && rm -rf $$stage
