# boot.mk - the UEFI loader, boot/*.c -> build/boot/BOOTX64.EFI (PE32+, EFI application).

BOOT_SRC := $(wildcard boot/*.c)
BOOT_OBJ := $(BOOT_SRC:%.c=$(BUILD)/%.o)
BOOT_EFI := $(BUILD)/boot/BOOTX64.EFI

$(BUILD)/boot/%.o: boot/%.c
	@mkdir -p $(@D)
	$(CLANG) $(BOOT_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BOOT_EFI): $(BOOT_OBJ)
	$(LLD_LINK) $(BOOT_LDFLAGS) -out:$@ $^
