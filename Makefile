# Qogam: `make demo` runs the platform with demo data; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV := DEBUG=true SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: demo test install messages compilemessages serve lint fmt bench clean

demo: install
	$(DEV) $(BIN)/python manage.py check --database default
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py load_demo
	@echo
	@echo "Qogam is running at http://127.0.0.1:$(PORT)/  (stop with Ctrl+C)"
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	./scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto

install: $(BIN)/.installed compilemessages

$(BIN)/.installed: pyproject.toml package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Translations compile on every install; the .mo files are never committed.
compilemessages:
	@$(DEV) $(BIN)/python manage.py compilemessages --ignore "$(VENV)" --ignore node_modules -v 0

messages: install
	$(DEV) $(BIN)/python manage.py makemessages -l kk -l ru -l en --ignore "$(VENV)" --ignore node_modules --ignore staticfiles --ignore test-artifacts --no-obsolete

serve: install
	$(DEV) $(BIN)/python manage.py migrate --no-input
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks print a table and write it under var/bench/ (the first run prepares var/bench.sqlite3).
bench: install
	$(BIN)/python bench/indicators.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/sdg.py

clean:
	rm -rf $(VENV) node_modules var staticfiles test-artifacts
