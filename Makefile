# Casebook: `make serve` and `make test` are the two commands of the README.
SWIFT ?= swift
APT_PACKAGES := pkg-config libgit2-dev libyaml-dev libsqlite3-dev libmimalloc-dev zlib1g-dev libxml2-dev libcurl4 git chromium
# The statically linked release binary links the Swift runtime and Foundation in, and with them
# libcurl, whose development files it needs.
BENCH_PACKAGES := wrk libcurl4-openssl-dev
# The tests read exported workbooks back with LibreOffice (without its desktop, without recommends).
TEST_PACKAGES := libreoffice-calc-nogui
BENCH_DIR ?= .build-bench
# `make fuzz`: the parsers of outside input under libFuzzer, each for FUZZ_SECONDS.
FUZZ_DIR ?= .build-fuzz
FUZZ_SECONDS ?= 60
# `make soak`: how long the load runs.
SOAK_SECONDS ?= 120
# The Python tools of the tests (scripts/requirements.txt), in a virtual environment of their own.
PY_DIR ?= .build-py

.PHONY: deps pydeps apt-install build serve test bench fuzz soak schemathesis clean

# Installs the system packages the build needs (and, for bench, the load generator), when any is missing.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"
	@$(MAKE) --no-print-directory pydeps

# The virtual environment, made again when scripts/requirements.txt changes.
pydeps: $(PY_DIR)/installed

$(PY_DIR)/installed: scripts/requirements.txt
	@python3 -c 'import ensurepip, venv' 2>/dev/null || $(MAKE) --no-print-directory apt-install PACKAGES="python3 python3-venv"
	python3 -m venv $(PY_DIR)
	$(PY_DIR)/bin/pip install -q --disable-pip-version-check -r scripts/requirements.txt
	@cp scripts/requirements.txt $@

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_OPTIONS) $$missing; \
	fi

build: deps
	$(SWIFT) build

serve: build
	@echo "Open http://127.0.0.1:8080/ — reads need no sign-in (--anonymous-read). To write, create the first admin"
	@echo "  swift run casebook user add --admin NAME"
	@echo "and sign in at http://127.0.0.1:8080/login, or for the API:"
	@echo "  curl -X POST 127.0.0.1:8080/api/v1/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"NAME\",\"password\":\"...\"}'"
	$(SWIFT) run casebook serve --project sample-repo --host 127.0.0.1 --port 8080 --anonymous-read

test: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_PACKAGES)" APT_OPTIONS=--no-install-recommends
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
	$(SWIFT) test

bench: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_PACKAGES)"
	$(SWIFT) build -c release --product casebook --static-swift-stdlib
	python3 scripts/bench.py --binary .build/release/casebook --work $(BENCH_DIR) --out BENCHMARKS.md

# Every module is built with the fuzzer's coverage and AddressSanitizer, in a build folder of its own.
fuzz: deps
	$(SWIFT) build --scratch-path $(FUZZ_DIR) --product casebook-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	python3 scripts/fuzz.py --binary $(FUZZ_DIR)/debug/casebook-fuzz --work $(FUZZ_DIR) --seconds $(FUZZ_SECONDS) --out BENCHMARKS.md

# Reads, commits and result writes against a server of 100,000 cases for SOAK_SECONDS (loopback only).
soak: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_PACKAGES)"
	$(SWIFT) build -c release --product casebook --static-swift-stdlib
	python3 scripts/soak.py --binary .build/release/casebook --work $(BENCH_DIR) --seconds $(SOAK_SECONDS) --out BENCHMARKS.md

clean:
	rm -rf .build $(BENCH_DIR) $(FUZZ_DIR)

# schemathesis against a live server (scripts/schemathesis.sh); SCHEMATHESIS_EXAMPLES per operation.
schemathesis: deps
	$(SWIFT) build --product casebook
	@test -x .build-st/bin/st || (python3 -m venv .build-st && .build-st/bin/pip install -q --disable-pip-version-check schemathesis==4.32.5)
	scripts/schemathesis.sh
