# host.mk - host-side tests: the kernel library compiled for the host and tested with
# Criterion (tests/host/test_*.c), plus the runner's own tests (tests/host/*.py).
# libstd's floating point (src/math, the printf engine, strtod and the scanf engine)
# is compiled for the host too, into one object whose symbols all get the prefix pw_
# (pw_sin, pw_strtod, pw__std_format...) so the tests can compare it with glibc's.

HOST_TEST_SRC := $(wildcard tests/host/test_*.c) $(wildcard kernel/lib/*.c) kernel/fs/path.c
HOST_TESTS := $(BUILD)/host/host-tests

HOST_LIBSTD_SRC := $(wildcard lib/libstd/src/math/*.c) lib/libstd/src/stdlib/bignum.c \
	lib/libstd/src/stdio/format.c lib/libstd/src/stdio/format_float.c \
	lib/libstd/src/stdlib/strtod.c lib/libstd/src/stdio/scan.c
HOST_LIBSTD_OBJS := $(patsubst lib/libstd/src/%.c,$(BUILD)/host/libstd/%.o,$(HOST_LIBSTD_SRC))
HOST_LIBSTD_OBJ := $(BUILD)/host/libstd-pw.o
# libstd's own headers, errno mapped to glibc's (tests/host/libstd_errno.h).
HOST_LIBSTD_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -fno-tree-loop-distribute-patterns \
	-Ilib/libstd/include -Ilib/libstd/src -Iinclude -include tests/host/libstd_errno.h

$(BUILD)/host/libstd/%.o: lib/libstd/src/%.c tests/host/libstd_errno.h
	@mkdir -p $(@D)
	$(CC) $(HOST_LIBSTD_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(HOST_LIBSTD_OBJ): $(HOST_LIBSTD_OBJS)
	$(LD) -r -o $@.tmp $^
	nm -g --defined-only $@.tmp | awk '{ print $$3, "pw_" $$3 }' > $@.syms
	objcopy --redefine-syms=$@.syms $@.tmp $@
	rm -f $@.tmp $@.syms

$(HOST_TESTS): $(HOST_TEST_SRC) $(HOST_LIBSTD_OBJ) $(wildcard kernel/lib/*.h tests/host/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(HOST_TEST_SRC) $(HOST_LIBSTD_OBJ) -lcriterion -lm -o $@
