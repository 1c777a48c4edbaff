# Annals — build, run and test.
#
#   make run    install what is missing, build and open the app
#   make test   install what is missing, run every test (with the race detector)
#
# The build tags live here and nowhere else: sqlite_fts5 turns on SQLite's
# full-text search in go-sqlite3; migrated_fynedo tells Fyne that every
# update from another goroutine goes through fyne.Do.

TAGS    := sqlite_fts5 migrated_fynedo
GO      ?= go
BINARY  := annals
VERSION := $(shell awk -F'"' '/^ *Version *=/ {print $$2}' FyneApp.toml)
LDFLAGS := -X annals/cli.Version=$(VERSION)

# Debian/Ubuntu packages the build and the tests need: a C compiler for cgo
# (SQLite, GLFW), OpenGL and X11 headers for Fyne, Xvfb and friends for the
# test that opens a real window.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth x11-utils

.PHONY: all run build test bench eval lint fmt-check deps clean

all: build

deps:
	@./.ci/deps.sh $(APT_PACKAGES)

build: deps
	$(GO) build -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o $(BINARY) .

run: build
	./$(BINARY)

test: deps fmt-check
	$(GO) vet -tags '$(TAGS)' ./...
	$(GO) test -tags '$(TAGS)' -race -count=1 ./...

bench: deps
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

# Scores the analysis engine on the public benchmarks in ../shared/bench
# (TempEval-3, Recognizers-Text Arabic, ANERcorp) and times it; pure Go.
eval:
	$(GO) run -tags '$(TAGS)' ./tools/eval

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint: fmt-check
	$(GO) vet -tags '$(TAGS)' ./...

clean:
	rm -f $(BINARY)
