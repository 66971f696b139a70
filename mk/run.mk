# run.mk - booting the image: run, debug and test. QEMU always gets OVMF as -bios (no
# boot-menu countdown) and -nic none (no network boot attempts).

QEMU := qemu-system-x86_64
QEMU_FLAGS := -machine q35 -smp 4 -m 1G -accel tcg -bios $(OVMF) -nic none \
	-drive format=raw,file=$(IMAGE),snapshot=on -no-reboot
QEMU_DISPLAY := $(if $(DISPLAY),-serial stdio,-nographic)

.PHONY: run debug test bench
run: deps
	@$(MAKE) --no-print-directory $(IMAGE)
	$(QEMU) $(QEMU_FLAGS) $(QEMU_DISPLAY)

debug: deps
	@$(MAKE) --no-print-directory $(IMAGE)
	$(QEMU) $(QEMU_FLAGS) -display none -serial file:$(BUILD)/debug-serial.log -s -S & pid=$$!; \
	gdb -q $(KERNEL_ELF) -ex 'target remote localhost:1234' -ex 'hbreak kmain' -ex 'continue'; \
	kill $$pid 2>/dev/null || true

test: deps
	@$(MAKE) --no-print-directory $(HOST_TESTS) $(TEST_IMAGE) $(IMAGE)
	@$(PYTHON) tools/testrun.py --host-tests $(HOST_TESTS) --image $(TEST_IMAGE) --out $(BUILD)/test \
		--host-check 'docs=$(MAKE) --no-print-directory docs BUILD=$(BUILD)' --e2e-image $(IMAGE)

bench: deps
	@$(MAKE) --no-print-directory $(BENCH_IMAGE)
	@$(PYTHON) tools/bench.py --image $(BENCH_IMAGE) --ovmf $(OVMF) --log $(BUILD)/bench/serial.log
