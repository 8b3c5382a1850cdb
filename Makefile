# Frontline. The README's two commands: `make demo` and `make test`.
SWIFT ?= swift
SETUP := tools/setup
# What the tests drive besides the product: GDAL's ogrinfo (GeoPackage check), rsvg-convert
# (PNG maps), Chromium (the timeline viewer, headless), xmllint (KML against the OGC schema).
TEST_PACKAGES := gdal-bin librsvg2-bin chromium postgresql-15-postgis-3 libxml2-utils

.PHONY: demo test test-sanitize bench bench-build fuzz geodata build release install-man clean

build:
	@$(SETUP)
	$(SWIFT) build

release:
	@$(SETUP)
	$(SWIFT) build -c release

## demo: install what is missing, build, run the main job on the shipped GeoData.
demo:
	@$(SETUP) librsvg2-bin
	$(SWIFT) build -c release
	tools/demo

## test: install what is missing, build and run the whole test suite.
test:
	@$(SETUP) $(TEST_PACKAGES)
	@tools/build-geodata --fetch-only || echo "make test: GeoData sources not fetched; the rebuild check is skipped" >&2
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip MemoryTests
	FRONTLINE_MEMORY_TEST=1 $(SWIFT) test --filter MemoryTests

## test-sanitize: the suite under ThreadSanitizer, then AddressSanitizer (separate build folders).
test-sanitize:
	@$(SETUP) $(TEST_PACKAGES)
	FRONTLINE_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan
	LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp FRONTLINE_SANITIZER=address $(SWIFT) test --sanitize=address --scratch-path .build-asan

## bench: benchmarks against peers (C for the wrapper; shapely/pyproj for the product).
bench:
	@$(SETUP)
	tools/bench/run

## bench-build: build what `make bench` runs (the C peer of the wrapper benchmark, frontline-bench), running nothing.
bench-build:
	@$(SETUP)
	tools/bench/run --build-only

## fuzz: libFuzzer targets (GeoJSON decoder, claims loader to snapshot, import through GDAL: Shapefile, dBASE, GeoPackage) for FUZZ_SECONDS each (default 60).
fuzz:
	@$(SETUP)
	tools/fuzz/run

## install-man: the man page (swift-argument-parser's generate-manual) and the bash, zsh and fish
## completions (frontline --generate-completion-script), installed under PREFIX (default /usr/local).
PREFIX ?= /usr/local
install-man: release
	$(SWIFT) package --disable-sandbox generate-manual --date $$(git log -1 --format=%cs 2>/dev/null || date +%F)
	install -D -m 644 .build/plugins/GenerateManual/outputs/frontline/frontline.1 $(DESTDIR)$(PREFIX)/share/man/man1/frontline.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	.build/release/frontline --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/frontline
	.build/release/frontline --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_frontline
	.build/release/frontline --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/frontline.fish

## geodata: rebuild GeoData/ from the Debian and PyPI sources.
geodata: release
	tools/build-geodata

clean:
	rm -rf .build .build-tsan .build-asan tools/bench/.build tools/bench/work out
