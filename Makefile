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
LDFLAGS := -X annals/internal/buildinfo.Version=$(VERSION)

# Every build that ships, is tested or is measured compiles Fyne with the one
# patched file of third_party/fyne (see its README; issue 19): fyne-overlay
# prepares the folder (it fails when Fyne is not the version the patch was
# derived from), FYNE_FLAGS are the go flags that use it.
FYNE_OVERLAY := $(CURDIR)/dist/fyne-overlay
FYNE_FLAGS   := -modfile=$(FYNE_OVERLAY)/annals-fyne.mod -overlay=$(FYNE_OVERLAY)/overlay.json

# Debian/Ubuntu packages the build and the tests need: a C compiler for cgo
# (SQLite, GLFW), OpenGL and X11 headers for Fyne, Xvfb and friends for the
# test that opens a real window.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth x11-utils

.PHONY: all run build test bench bench-window eval train-ner ner-words train-ner-en ner-words-en lint fmt-check deps clean ui-shots fyne-overlay

all: build

deps:
	@./.ci/deps.sh $(APT_PACKAGES)

fyne-overlay:
	@$(GO) run ./third_party/fyne/cmd/fyneoverlay -dir $(FYNE_OVERLAY)

build: deps fyne-overlay
	$(GO) build -tags '$(TAGS)' $(FYNE_FLAGS) -ldflags '$(LDFLAGS)' -o $(BINARY) .

run: build
	./$(BINARY)

test: deps fmt-check fyne-overlay
	$(GO) vet -tags '$(TAGS)' $(FYNE_FLAGS) ./...
	@# -json feeds tools/testreport, which lists every skipped test with its
	@# reason and ends with "N passed, N failed, N skipped"; pipefail keeps
	@# go test's own exit status too.
	@# ANNALS_FYNE_OVERLAY: third_party/fyne's test must find the patched Fyne running.
	bash -o pipefail -c "ANNALS_FYNE_OVERLAY=1 $(GO) test -tags '$(TAGS)' $(FYNE_FLAGS) -race -count=1 -json ./... | $(GO) run ./tools/testreport"
	@# third_party/go-readability (our fork, issue 19) is a module of its own, which
	@# ./... does not reach: its upstream tests and the byte-identity check.
	$(GO) -C third_party/go-readability vet ./...
	bash -o pipefail -c "$(GO) -C third_party/go-readability test -race -count=1 -json ./... | $(GO) run ./tools/testreport"

# bench: the Go micro-benchmarks, then the performance harness (tools/benchharness):
# pipeline speed and F1 beside Readability.js + linkedom (Node; npm installs
# them into bench/js, never into the app), a 10k synthetic library, the cold
# start under Xvfb. Prints a table, writes bench/results.json. Add the 100k
# library (well over 8 minutes on 2 cores) with BENCH_FLAGS='-n 10000,100000'.
bench: deps fyne-overlay
	$(GO) test -tags '$(TAGS)' $(FYNE_FLAGS) -run '^$$' -bench . -benchmem ./...
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix bench/js --no-audit --no-fund --loglevel=error || echo "bench: npm ci failed; the Readability.js column will be skipped"; else echo "bench: npm not found; the Readability.js column will be skipped"; fi
	$(GO) run -tags '$(TAGS)' ./tools/benchharness $(BENCH_FLAGS)
	$(MAKE) --no-print-directory bench-window

# bench-window: the real app in its window under its own Xvfb (software
# OpenGL), driven with xdotool, timed by the app's own probe (issue 19,
# tools/uitiming): a click on a library row → the article's text painted
# (the seed, a 1,000-paragraph article), frames while scrolling it (wheel,
# Page Down) and while zooming and panning a timeline of ~10,000 events,
# launch → first frame with 10k articles. Prints median and p95 with the
# load average and adds them (section "window") to bench/results.json.
# LIB10K=path uses that 10k library (copied first); without it one is
# generated once into UITIMING_WORK (several minutes), then reused: a run
# takes about a minute. UITIMING_FLAGS adds flags (-profile, -display :N).
UITIMING_WORK ?= /tmp/annals-uitiming
bench-window: deps
	@./.ci/deps.sh xdotool imagemagick
	$(GO) run -tags '$(TAGS)' ./tools/uitiming -work $(UITIMING_WORK) $(if $(LIB10K),-lib10k $(LIB10K)) $(UITIMING_FLAGS)

# Scores the analysis engine on the public benchmarks in ../shared/bench
# (TempEval-3, Recognizers-Text Arabic, ANERcorp) and times it; pure Go.
eval:
	$(GO) run -tags '$(TAGS)' ./tools/eval

# Retrains the Arabic names tagger (data/analysis/ner) on the training part of
# ANERcorp (../shared/bench/anercorp) and rewrites assets/ner_ar.bin.gz;
# the same corpus gives the same bytes.
train-ner:
	$(GO) run -tags '$(TAGS)' ./tools/trainner

# Rewrites assets/ner_ar_words.bin.gz, the tagger's word lists (hashed
# Arabic words, see assets/ner_ar_words.NOTICE), from Debian's hunspell-ar
# (Ayaspell); a build-time input only: the app and its tests read the
# committed file. Run `make train-ner` after it: the words are features.
ner-words:
	@./.ci/deps.sh hunspell-ar
	$(GO) run -tags '$(TAGS)' ./tools/trainner -words /usr/share/hunspell/ar

# Retrains the English names tagger (data/analysis) on the English dev
# splits of tools/eval's unseen gold and the annotated pages of
# tools/trainen/gold (texts from ../shared/bench) and rewrites
# assets/ner_en.bin.gz; the same gold, rules and word list give the same
# bytes. Its features include the English rules' output: run it after any
# change to them (tools/trainen's TestEmbeddedModelIsTheTrainers fails until then).
train-ner-en:
	$(GO) run -tags '$(TAGS)' ./tools/trainen -write assets/ner_en.bin.gz

# Rewrites assets/ner_en_words.bin.gz, the English tagger's word list (hashed
# words, see assets/ner_en_words.NOTICE), from Debian's wamerican (SCOWL); a
# build-time input only. Run `make train-ner-en` after it.
ner-words-en:
	@./.ci/deps.sh wamerican
	$(GO) run -tags '$(TAGS)' ./tools/trainen -words /usr/share/dict/american-english

# ui-shots: the real app under its own Xvfb on a fresh library holding the
# samples, driven with xdotool; writes screenshots of named steps (reader
# Arabic and English, Naskh after the Timeline, highlights panel, Arabic
# search, timeline, Arabic interface) to UI_SHOTS_DIR. Look at each one.
# Not part of make test. UI_SHOTS_DISPLAY picks the X display (default :77).
UI_SHOTS_DIR ?= /tmp/annals-ui-shots
ui-shots: deps fyne-overlay
	@./.ci/deps.sh xdotool imagemagick x11-xserver-utils
	$(GO) build -tags '$(TAGS)' $(FYNE_FLAGS) -ldflags '$(LDFLAGS)' -o $(BINARY) .
	BIN=$(CURDIR)/$(BINARY) UI_SHOTS_DIR=$(UI_SHOTS_DIR) ./tools/uishots/uishots.sh

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

lint: fmt-check fyne-overlay
	$(GO) vet -tags '$(TAGS)' $(FYNE_FLAGS) ./...
	$(GO) -C third_party/go-readability vet ./...

clean:
	rm -f $(BINARY)

# The "Save to Annals" browser button (browser/, issue 18):
#   make browser-ext  dist/annals-browser-<v>.zip (Chrome, Edge) and .xpi (Firefox, unsigned)
#   make e2e          saves three pages through the extension in Debian's
#                     headless chromium (puppeteer-core) into `annals serve`
.PHONY: browser-ext e2e
browser-ext:
	$(GO) run ./browser/build -version $(VERSION) -src browser -out dist

e2e: build browser-ext
	@./.ci/deps.sh chromium
	npm ci --prefix browser/e2e --no-audit --no-fund --loglevel=error
	node --test browser/e2e/background.test.mjs
	ANNALS_BIN=$(CURDIR)/$(BINARY) node browser/e2e/e2e.mjs

# ---------------------------------------------------------------------------
# Packaging: release builds and installers in dist/.
#
#   make package-linux    dist/annals_<v>_<arch>.deb, dist/Annals-<v>-linux-<arch>.tar.xz
#   make package-windows  dist/Annals-Setup-<v>.exe (NSIS, per-user), dist/windows/Annals.exe
#   make package-darwin   dist/Annals-<v>-macos-<arch>.dmg (on a Mac only)
#
# Release builds use -trimpath -ldflags "-s -w" plus LDFLAGS above (the version
# from FyneApp.toml). Set SIGN_CERT (a .pfx/.p12) and SIGN_PASS to sign the
# Windows executable and installer with osslsigncode.

PACKAGE_APT      := gcc-mingw-w64-x86-64 nsis p7zip-full xz-utils lintian
FYNE_CLI_VERSION := v1.7.4
NFPM_VERSION     := v2.48.0
APP_ID           := $(shell awk -F'"' '/^ *ID *=/ {print $$2}' FyneApp.toml)
APP_BUILD        := $(shell awk -F'= *' '/^ *Build *=/ {print $$2+0}' FyneApp.toml)
DIST             := dist
TOOLS_DIR        := $(CURDIR)/$(DIST)/tools
FYNE_CLI         := $(TOOLS_DIR)/fyne-$(FYNE_CLI_VERSION)/fyne
NFPM             := $(TOOLS_DIR)/nfpm-$(NFPM_VERSION)/nfpm
RELEASE_LDFLAGS  := -s -w $(LDFLAGS)
HOST_ARCH        := $(shell $(GO) env GOARCH)
WIN_CC           := x86_64-w64-mingw32-gcc
SIGN_PASS        ?=
SIGN_TIMESTAMP   ?=
pkg_comma        := ,
pkg_empty        :=
pkg_space        := $(pkg_empty) $(pkg_empty)

.PHONY: package-deps package-linux package-windows package-darwin package-clean wine-deps

# What packaging/check-wine.sh needs: Debian's Wine (64-bit, and 32-bit for
# the NSIS installer, which needs the i386 architecture) and mingw for its
# ProcessPrng shim.
WINE_APT := wine wine64 wine32:i386 gcc-mingw-w64-x86-64 gcc libx11-dev xvfb x11-utils
wine-deps:
	@if ! dpkg --print-foreign-architectures | grep -qx i386; then \
	  $(if $(filter 0,$(shell id -u)),,sudo) dpkg --add-architecture i386 && $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq; fi
	@./.ci/deps.sh $(WINE_APT)

package-deps:
	@./.ci/deps.sh $(PACKAGE_APT)

$(FYNE_CLI):
	GOBIN=$(dir $@) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_CLI_VERSION)

$(NFPM):
	GOBIN=$(dir $@) $(GO) install github.com/goreleaser/nfpm/v2/cmd/nfpm@$(NFPM_VERSION)

package-linux: deps package-deps fyne-overlay $(FYNE_CLI) $(NFPM)
	rm -rf $(DIST)/linux && mkdir -p $(DIST)/linux
	$(GO) build -tags '$(TAGS)' $(FYNE_FLAGS) -trimpath -buildmode=pie -ldflags '$(RELEASE_LDFLAGS)' -o $(DIST)/linux/annals .
	sed 's/@VERSION@/$(VERSION)/' packaging/linux/changelog | gzip -9n > $(DIST)/linux/changelog.Debian.gz
	gzip -9n < packaging/linux/annals.1 > $(DIST)/linux/annals.1.gz
	$(GO) run ./packaging/icons -src assets/icon.png -svg assets/icon.svg -out $(DIST)/linux/icons -name $(APP_ID)
	cp FyneApp.toml $(DIST)/linux/FyneApp.toml.orig
	$(FYNE_CLI) package --os linux --release --exe $(DIST)/linux/annals; rc=$$?; \
	  cp $(DIST)/linux/FyneApp.toml.orig FyneApp.toml; exit $$rc
	mv Annals.tar.xz $(DIST)/Annals-$(VERSION)-linux-$(HOST_ARCH).tar.xz
	VERSION=$(VERSION) ARCH=$(HOST_ARCH) $(NFPM) package --config packaging/linux/nfpm.yaml --packager deb --target $(DIST)/
	@ls -l $(DIST)/linux/annals $(DIST)/*.deb $(DIST)/Annals-$(VERSION)-linux-$(HOST_ARCH).tar.xz

# `fyne package` adds 1 to Build in FyneApp.toml each time it runs: the file is
# put back afterwards, so a package build leaves the tree as it was.
# The cross-build runs on a copy of the source tree (tracked and untracked,
# not ignored, files) because `fyne package` drops fyne.syso (icon, manifest
# with the 4-part version x.y.z.Build, version info) into the main package's
# folder, where it would break other builds while it is there.
package-windows: package-deps fyne-overlay $(FYNE_CLI)
	rm -rf $(DIST)/windows && mkdir -p $(DIST)/windows/src
	git ls-files -co --exclude-standard | while IFS= read -r f; do [ -f "$$f" ] && printf '%s\n' "$$f"; done \
	  | tar -cf - -T - | tar -xf - -C $(DIST)/windows/src
	cd $(DIST)/windows/src && CC=$(WIN_CC) CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	  GOFLAGS='-ldflags=$(subst -X$(pkg_space),-X=,$(LDFLAGS)) $(FYNE_FLAGS)' \
	  $(FYNE_CLI) package --os windows --release --tags '$(subst $(pkg_space),$(pkg_comma),$(TAGS))'
	mv $(DIST)/windows/src/Annals.exe $(DIST)/windows/Annals.exe
	rm -rf $(DIST)/windows/src
	$(GO) run ./packaging/icons -src assets/icon.png -ico $(DIST)/windows/annals.ico
	$(if $(SIGN_CERT),./packaging/windows/sign.sh $(DIST)/windows/Annals.exe)
	makensis -V4 -DVERSION=$(VERSION) -DVERSION4=$(VERSION).$(APP_BUILD) -DLICENSE=$(CURDIR)/LICENSE \
	  -DEXE=$(CURDIR)/$(DIST)/windows/Annals.exe -DICON=$(CURDIR)/$(DIST)/windows/annals.ico \
	  -DOUTFILE=$(CURDIR)/$(DIST)/Annals-Setup-$(VERSION).exe packaging/windows/annals.nsi \
	  > $(DIST)/windows/makensis.log || { cat $(DIST)/windows/makensis.log; exit 1; }
	@tail -n 3 $(DIST)/windows/makensis.log
	$(if $(SIGN_CERT),./packaging/windows/sign.sh $(DIST)/Annals-Setup-$(VERSION).exe)
	@ls -l $(DIST)/windows/Annals.exe $(DIST)/Annals-Setup-$(VERSION).exe

# Needs macOS with Xcode's command-line tools (cgo) and hdiutil.
package-darwin:
	@if [ "$$(uname -s)" != Darwin ]; then echo "make package-darwin needs macOS (Xcode tools for cgo, hdiutil for the .dmg); this is $$(uname -s). The release workflow builds it on macos-latest." >&2; exit 1; fi
	$(MAKE) $(FYNE_CLI) fyne-overlay
	rm -rf $(DIST)/darwin && mkdir -p $(DIST)/darwin
	cp FyneApp.toml $(DIST)/darwin/FyneApp.toml.orig
	GOFLAGS='-ldflags=$(subst -X$(pkg_space),-X=,$(LDFLAGS)) $(FYNE_FLAGS)' \
	  $(FYNE_CLI) package --os darwin --release --tags '$(subst $(pkg_space),$(pkg_comma),$(TAGS))'; rc=$$?; \
	  cp $(DIST)/darwin/FyneApp.toml.orig FyneApp.toml; rm $(DIST)/darwin/FyneApp.toml.orig; exit $$rc
	mv Annals.app $(DIST)/darwin/
	ln -s /Applications $(DIST)/darwin/Applications
	hdiutil create -volname "Annals $(VERSION)" -srcfolder $(DIST)/darwin -ov -format UDZO \
	  $(DIST)/Annals-$(VERSION)-macos-$(HOST_ARCH).dmg
	rm -rf $(DIST)/darwin

package-clean:
	rm -rf $(DIST)/linux $(DIST)/windows $(DIST)/darwin $(DIST)/*.deb $(DIST)/*.tar.xz $(DIST)/*.exe $(DIST)/*.dmg
