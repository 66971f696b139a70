# fuzz.mk - `make fuzz`: a long run of the system-call fuzzer. The image has the normal
# kernel and RAM disk, except that home:/cfg/init starts home:/tests/fuzz (the `fuzz`
# suite) with FUZZ_CALLS calls, FUZZ_SEED and FUZZ_THREADS; tools/fuzz.py boots it like
# make bench (q35, FUZZ_SMP CPUs, default 2, TCG), prints the suite's lines and stops
# QEMU at the end.

FUZZ_CALLS ?= 5000000
FUZZ_SEED ?= 5
FUZZ_THREADS ?= 4
FUZZ_SMP ?= 2
FUZZ_IMAGE := $(BUILD)/fuzz/patchwork-fuzz.img
FUZZ_RAMDISK := $(BUILD)/fuzz/ramdisk.tar
FUZZ_ARGS := --seed $(FUZZ_SEED) --calls $(FUZZ_CALLS) --threads $(FUZZ_THREADS)

.PHONY: fuzz FORCE
$(FUZZ_RAMDISK): $(RAMDISK) FORCE
	@mkdir -p $(@D)
	rm -rf $(BUILD)/fuzz/root && mkdir -p $(BUILD)/fuzz/root && tar -xf $(RAMDISK) -C $(BUILD)/fuzz/root
	printf '# make fuzz\nhome:/tests/fuzz $(FUZZ_ARGS)\n' > $(BUILD)/fuzz/root/cfg/init
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name --mtime=@0 -cf $@ -C $(BUILD)/fuzz/root .

$(FUZZ_IMAGE): tools/mkimage.sh $(BOOT_EFI) $(KERNEL_ELF) $(FUZZ_RAMDISK) $(BUILD)/boot.cfg
	tools/mkimage.sh $@ $(BOOT_EFI) $(KERNEL_ELF) $(FUZZ_RAMDISK) $(BUILD)/boot.cfg

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_IMAGE)
	@$(PYTHON) tools/fuzz.py --image $(FUZZ_IMAGE) --ovmf $(OVMF) --log $(BUILD)/fuzz/serial.log --smp $(FUZZ_SMP)
