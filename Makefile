# AME: the two commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
SAO_VERSION := 8.0.11
SAO_DIR := var/sao
AME := $(VENV)/bin/ame --config config/trytond.conf

.PHONY: demo demo-reset serve test lint bench install sao clean

demo: install sao
	$(AME) demo

demo-reset: install sao
	$(AME) demo --reset --no-serve
	$(AME) demo

test: install sao lint
	scripts/run-tests.sh

lint: install
	$(VENV)/bin/ruff check

# gunicorn, which serves the tenant of the lists benchmark under load,
# comes with the test extra (tests/test_deploy.py serves with it too).
bench: install
	$(VENV)/bin/python benchmarks/run.py $(BENCH)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[test]'
	touch $@

sao: $(SAO_DIR)/package/.installed $(SAO_DIR)/package/custom.js \
	$(SAO_DIR)/package/custom.css $(SAO_DIR)/package/docs/index.html \
	$(SAO_DIR)/package/locale/zh_CN.json

# The web client comes from npm as published; its runtime packages are
# installed inside the package because index.html loads them from there.
$(SAO_DIR)/package/.installed:
	rm -rf $(SAO_DIR) && mkdir -p $(SAO_DIR)
	cd $(SAO_DIR) && npm pack --silent tryton-sao@$(SAO_VERSION) >/dev/null \
		&& tar xzf tryton-sao-$(SAO_VERSION).tgz \
		&& rm tryton-sao-$(SAO_VERSION).tgz
	cd $(SAO_DIR)/package && npm install --omit=dev --legacy-peer-deps \
		--no-audit --no-fund --silent
	touch $@

# AME's branding goes through sao's own customisation hooks (custom.js and
# custom.css, loaded by its index.html); sao's files are left untouched.
$(SAO_DIR)/package/custom.%: config/sao/custom.% $(SAO_DIR)/package/.installed
	cp $< $@

# The client's own Chinese completed by AME's (config/sao/locale/zh_CN.po,
# merged over sao's zh_CN.po into the zh_CN.json that sao loads).
$(SAO_DIR)/package/locale/zh_CN.json: config/sao/locale/zh_CN.po \
	ame/saolocale.py $(SAO_DIR)/package/.installed $(VENV)/.installed
	$(VENV)/bin/python -m ame.saolocale config/sao/locale $(SAO_DIR)/package/locale

# The user guide, opened by the client's Help menu (docs/ of the web root).
$(SAO_DIR)/package/docs/index.html: $(wildcard docs/user/*.md) \
	ame/userdocs.py $(SAO_DIR)/package/.installed $(VENV)/.installed
	rm -rf $(SAO_DIR)/package/docs
	$(VENV)/bin/python -m ame.userdocs docs/user $(SAO_DIR)/package/docs

clean:
	rm -rf $(VENV) var/sao var/test-cache
