# docs.mk - make docs: the Doxygen reference of include/abi, the kernel and libstd, with
# docs/mainpage.md and the design notes, into $(BUILD)/docs/html (docs/Doxyfile says
# what goes in). Any doxygen warning fails the target and is printed.

DOCS_OUT := $(BUILD)/docs

.PHONY: docs
docs:
	@tools/deps.sh docs
	@rm -rf $(DOCS_OUT) && mkdir -p $(DOCS_OUT)
	@{ cat docs/Doxyfile; echo 'OUTPUT_DIRECTORY = $(DOCS_OUT)'; \
	   echo 'WARN_LOGFILE = $(DOCS_OUT)/warnings.log'; } | doxygen - && \
	 [ ! -s $(DOCS_OUT)/warnings.log ] || { cat $(DOCS_OUT)/warnings.log 2>/dev/null; \
	   echo "docs: doxygen warnings (kept in $(DOCS_OUT)/warnings.log)" >&2; exit 1; }
	@echo "docs: $(DOCS_OUT)/html/index.html"
