# Soest Smart City QGIS plugin. The two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PROFILE ?= soest-demo
PYTEST_ARGS ?=
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test demo-data install package lint translations bench screenshots clean headless-demo

setup:
	@bash tools/setup.sh

## The main job: QGIS with the plugin on the Soest demo project (headless path without a display).
run: setup demo-data install
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
	  echo ">> Opening QGIS (profile $(PROFILE)) on demo-data/soest-demo.qgz"; \
	  env -u QT_QPA_PLATFORM PYTHONPATH="$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	    qgis --profile $(PROFILE) --project demo-data/soest-demo.qgz; \
	else \
	  echo ">> No display found: running the plugin's Processing algorithms headless (qgis_process) instead."; \
	  $(PY) tools/run_headless.py --data demo-data --out demo-output --profile $(PROFILE); \
	fi

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

demo-data: setup
	@if [ ! -f demo-data/soest-demo.qgz ]; then $(PY) -m tools.demo_data --out demo-data; else echo ">> demo-data/ is there (make clean to regenerate)"; fi

package: setup
	$(PY) tools/package.py --out dist

install: package
	$(PY) tools/install_plugin.py --profile $(PROFILE)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

translations: setup
	$(PY) tools/update_translations.py
	lrelease -silent i18n/*.ts

bench: setup demo-data
	$(PY) -m benchmarks.run

screenshots: setup demo-data
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) tools/screenshots.py --out docs

clean:
	rm -rf demo-data demo-output dist build .pytest_cache
