# kernel.mk - the kernel, twice from the same objects: build/kernel/kernel.elf (normal)
# and build/kernel/kernel-test.elf (with the tests kernel/test/test_*.c linked in; the
# runner kernel/test/ktest.c is in both, so test mode on a normal kernel runs none).

KERNEL_SRC := $(shell find kernel -name '*.c' -o -name '*.S' | grep -v '^kernel/test/test_' | sort)
KTEST_SRC := $(wildcard kernel/test/test_*.c)
KERNEL_OBJ := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRC))
KTEST_OBJ := $(patsubst %,$(BUILD)/%.o,$(KTEST_SRC))
KERNEL_LDS := kernel/arch/x86_64/kernel.ld
KERNEL_ELF := $(BUILD)/kernel/kernel.elf
KERNEL_TEST_ELF := $(BUILD)/kernel/kernel-test.elf
FONT_PSF := $(BUILD)/font.psf

$(BUILD)/kernel/%.c.o: kernel/%.c
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/kernel/%.S.o: kernel/%.S
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(DEPFLAGS) -DFONT_FILE='"$(FONT_PSF)"' -c $< -o $@

$(BUILD)/kernel/dev/font.S.o: $(FONT_PSF)

$(FONT_PSF): $(FONT_SRC)
	@mkdir -p $(@D)
	zcat $< > $@

$(KERNEL_ELF): $(KERNEL_OBJ) $(KERNEL_LDS)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJ)

$(KERNEL_TEST_ELF): $(KERNEL_OBJ) $(KTEST_OBJ) $(KERNEL_LDS)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJ) $(KTEST_OBJ)
