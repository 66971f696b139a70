# image.mk - the RAM-disk archive (ustar of root/) and the GPT disk images:
# bin/patchwork.img (normal boot), build/test/patchwork-test.img (test mode, test kernel)
# and build/bench/patchwork-bench.img (bench mode, release kernel).

RAMDISK := $(BUILD)/ramdisk.tar
IMAGE := $(BIN)/patchwork.img
TEST_IMAGE := $(BUILD)/test/patchwork-test.img
BENCH_IMAGE := $(BUILD)/bench/patchwork-bench.img
ROOT_FILES := $(shell find root -type f 2>/dev/null)
ROOTFS := $(BUILD)/rootfs

.PHONY: images
images: $(IMAGE) $(TEST_IMAGE)

# home: = root/ (committed files) + build/root/ (programs and test programs built here,
# debug info stripped: spawn reads the whole file; gdb uses the copies in build/root/)
$(RAMDISK): $(ROOT_FILES) $(USER_PROGRAM_BINS) $(USER_TEST_BINS) $(LUA_BIN) $(LUA_TEST_SCRIPTS) mk/image.mk
	rm -rf $(ROOTFS) && mkdir -p $(ROOTFS)/bin $(ROOTFS)/tests $(ROOTFS)/cfg $(ROOTFS)/data $(ROOTFS)/usr $(ROOTFS)/tmp
	cp -R root/. $(ROOTFS)/
	cp -R $(BUILD)/root/. $(ROOTFS)/
	mkdir -p $(ROOTFS)/tests/lua-scripts && cp $(LUA_TEST_SCRIPTS) $(ROOTFS)/tests/lua-scripts/
	find $(ROOTFS)/bin $(ROOTFS)/tests -type f ! -name '*.lua' -exec strip --strip-debug {} +
	tar --format=ustar --owner=0 --group=0 --numeric-owner --sort=name --mtime=@0 -cf $@ -C $(ROOTFS) .

$(BUILD)/boot.cfg: mk/image.mk
	@mkdir -p $(@D)
	printf '# Patchwork boot configuration\ntest=0\nlog=info\nresolution=1024x768\n' > $@

$(BUILD)/test/boot.cfg: mk/image.mk
	@mkdir -p $(@D)
	printf '# Patchwork boot configuration (test image)\ntest=1\nlog=info\nresolution=1024x768\n' > $@

$(BUILD)/bench/boot.cfg: mk/image.mk
	@mkdir -p $(@D)
	printf '# Patchwork boot configuration (benchmark image)\nbench=1\nlog=info\nresolution=1024x768\n' > $@

$(BENCH_IMAGE): tools/mkimage.sh $(BOOT_EFI) $(KERNEL_RELEASE_ELF) $(RAMDISK) $(BUILD)/bench/boot.cfg
	@mkdir -p $(@D)
	tools/mkimage.sh $@ $(BOOT_EFI) $(KERNEL_RELEASE_ELF) $(RAMDISK) $(BUILD)/bench/boot.cfg

$(IMAGE): tools/mkimage.sh $(BOOT_EFI) $(KERNEL_ELF) $(RAMDISK) $(BUILD)/boot.cfg
	@mkdir -p $(@D)
	tools/mkimage.sh $@ $(BOOT_EFI) $(KERNEL_ELF) $(RAMDISK) $(BUILD)/boot.cfg

$(TEST_IMAGE): tools/mkimage.sh $(BOOT_EFI) $(KERNEL_TEST_ELF) $(RAMDISK) $(BUILD)/test/boot.cfg
	@mkdir -p $(@D)
	tools/mkimage.sh $@ $(BOOT_EFI) $(KERNEL_TEST_ELF) $(RAMDISK) $(BUILD)/test/boot.cfg
