# kernel.mk - the kernel, twice from the same objects: build/kernel/kernel.elf (normal)
# and build/kernel/kernel-test.elf (with the tests kernel/test/test_*.c linked in; the
# runner kernel/test/ktest.c is in both, so test mode on a normal kernel runs none).
# Both are debug kernels (KERNEL_DEBUG=1: lock-owner and rank checks, slab red zones and
# poisoning). make bench measures build/release/kernel/kernel.elf, the same sources built
# with -DKERNEL_DEBUG=0 into objects of their own.

KERNEL_SRC := $(shell find kernel -name '*.c' -o -name '*.S' | grep -v '^kernel/test/test_' | sort)
KTEST_SRC := $(wildcard kernel/test/test_*.c)
KERNEL_OBJ := $(patsubst %,$(BUILD)/%.o,$(KERNEL_SRC))
KTEST_OBJ := $(patsubst %,$(BUILD)/%.o,$(KTEST_SRC))
KERNEL_LDS := kernel/arch/x86_64/kernel.ld
KERNEL_ELF := $(BUILD)/kernel/kernel.elf
KERNEL_TEST_ELF := $(BUILD)/kernel/kernel-test.elf
FONT_PSF := $(BUILD)/font.psf

KERNEL_RELEASE_OBJ := $(patsubst %,$(BUILD)/release/%.o,$(KERNEL_SRC))
KERNEL_RELEASE_ELF := $(BUILD)/release/kernel/kernel.elf

$(BUILD)/kernel/%.c.o: kernel/%.c
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/kernel/%.S.o: kernel/%.S
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) $(DEPFLAGS) -DFONT_FILE='"$(FONT_PSF)"' -c $< -o $@

$(BUILD)/release/kernel/%.c.o: kernel/%.c
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) -DKERNEL_DEBUG=0 $(DEPFLAGS) -c $< -o $@

$(BUILD)/release/kernel/%.S.o: kernel/%.S
	@mkdir -p $(@D)
	$(CC) $(KERNEL_CFLAGS) -DKERNEL_DEBUG=0 $(DEPFLAGS) -DFONT_FILE='"$(FONT_PSF)"' -c $< -o $@

$(BUILD)/kernel/dev/font.S.o $(BUILD)/release/kernel/dev/font.S.o: $(FONT_PSF)

$(FONT_PSF): $(FONT_SRC)
	@mkdir -p $(@D)
	zcat $< > $@

$(KERNEL_ELF): $(KERNEL_OBJ) $(KERNEL_LDS)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJ)

$(KERNEL_TEST_ELF): $(KERNEL_OBJ) $(KTEST_OBJ) $(KERNEL_LDS)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJ) $(KTEST_OBJ)

$(KERNEL_RELEASE_ELF): $(KERNEL_RELEASE_OBJ) $(KERNEL_LDS)
	$(LD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_RELEASE_OBJ)
