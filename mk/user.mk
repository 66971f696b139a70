# user.mk - user space: libstd (build/user/libstd.a + build/user/crt0.o), libutil (what
# the utilities share: build/user/libutil.a from lib/libutil), the programs
# (programs/<name>/*.c -> build/root/bin/<name>) and the user test suites
# (tests/user/<suite>.c -> build/root/tests/<suite>). Every program is a static ELF64
# linked at 0x400000 by lib/libstd/user.ld: crt0, its objects, libstd, libgcc.
# Included by the top Makefile; also works alone: make -f mk/user.mk [user|clean-user].

BUILD ?= build
WARN ?= -Wall -Wextra -Werror
DEPFLAGS ?= -MMD -MP
LD ?= ld

USER_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -fno-stack-protector -fno-pic -fno-pie \
	-fno-asynchronous-unwind-tables -Ilib/libstd/include -Ilib/libutil/include -Iinclude
# libstd implements memcpy & co.: gcc must not turn its loops back into calls to them.
LIBSTD_CFLAGS := $(USER_CFLAGS) -fno-tree-loop-distribute-patterns -Ilib/libstd/src
USER_LDFLAGS := -static -nostdlib -z max-page-size=0x1000 -z noexecstack -T lib/libstd/user.ld
USER_LIBGCC := $(shell $(CC) -print-libgcc-file-name)

LIBSTD := $(BUILD)/user/libstd.a
USER_CRT0 := $(BUILD)/user/crt0.o
USER_LDS := lib/libstd/user.ld
LIBSTD_SRC := $(shell find lib/libstd/src \( -name '*.c' -o -name '*.S' \) ! -path '*/crt/*' | sort)
LIBSTD_OBJ := $(patsubst %,$(BUILD)/user/%.o,$(LIBSTD_SRC))
LIBUTIL := $(BUILD)/user/libutil.a
LIBUTIL_OBJ := $(patsubst %,$(BUILD)/user/%.o,$(sort $(wildcard lib/libutil/src/*.c)))

USER_PROGRAMS := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard programs/*/*.c)))))
USER_PROGRAM_BINS := $(patsubst %,$(BUILD)/root/bin/%,$(USER_PROGRAMS))
USER_TEST_SRC := $(wildcard tests/user/*.c)
USER_TEST_BINS := $(patsubst tests/user/%.c,$(BUILD)/root/tests/%,$(USER_TEST_SRC))

ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := user
endif

.PHONY: user clean-user
user: $(LIBSTD) $(LIBUTIL) $(USER_PROGRAM_BINS) $(USER_TEST_BINS)

clean-user:
	rm -rf $(BUILD)/user $(BUILD)/root

$(BUILD)/user/lib/libstd/%.c.o: lib/libstd/%.c
	@mkdir -p $(@D)
	$(CC) $(LIBSTD_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/user/lib/libstd/%.S.o: lib/libstd/%.S
	@mkdir -p $(@D)
	$(CC) $(LIBSTD_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/user/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIBSTD): $(LIBSTD_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(LIBUTIL): $(LIBUTIL_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(USER_CRT0): $(BUILD)/user/lib/libstd/src/crt/crt0.S.o $(BUILD)/user/lib/libstd/src/crt/start.c.o
	$(LD) -r -o $@ $^

# user_link(output, objects): one static program (libutil adds only what it uses).
define user_link
$(1): $(2) $(USER_CRT0) $(LIBUTIL) $(LIBSTD) $(USER_LDS)
	@mkdir -p $$(@D)
	$(LD) $(USER_LDFLAGS) -o $$@ $(USER_CRT0) $(2) $(LIBUTIL) $(LIBSTD) $(USER_LIBGCC)
endef

$(foreach p,$(USER_PROGRAMS),$(eval $(call user_link,$(BUILD)/root/bin/$(p),\
	$(patsubst %,$(BUILD)/user/%.o,$(wildcard programs/$(p)/*.c)))))
$(foreach t,$(USER_TEST_SRC),$(eval $(call user_link,\
	$(patsubst tests/user/%.c,$(BUILD)/root/tests/%,$(t)),$(BUILD)/user/$(t).o)))

-include $(shell find $(BUILD)/user -name '*.d' 2>/dev/null)
