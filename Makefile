# Makefile - Patchwork's build. The targets people use:
#   make        build bin/patchwork.img (loader, kernel, RAM disk, boot.cfg)
#   make run    build and boot it in QEMU (window with $DISPLAY, serial console without)
#   make debug  boot halted with QEMU's gdb stub and attach gdb with the kernel's symbols
#   make test   build and run every test layer; one closing line "N passed, N failed"
#   make docs   the Doxygen reference and the design notes in build/docs/html (no warnings)
#   make clean  remove build/ and bin/
# Flags and rules live in mk/; host tools are installed on demand by tools/deps.sh.

BUILD := build
BIN := bin

.DEFAULT_GOAL := all
include mk/config.mk
include mk/boot.mk
include mk/kernel.mk
include mk/user.mk
include mk/lua.mk
include mk/image.mk
include mk/host.mk
include mk/run.mk
include mk/docs.mk
include mk/fuzz.mk

.PHONY: all clean deps
all: deps
	@$(MAKE) --no-print-directory images

deps:
	@tools/deps.sh build

clean:
	rm -rf $(BUILD) $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
