# host.mk - host-side tests: the kernel library compiled for the host and tested with
# Criterion (tests/host/test_*.c), plus the runner's own tests (tests/host/*.py).

HOST_TEST_SRC := $(wildcard tests/host/test_*.c) $(wildcard kernel/lib/*.c) kernel/fs/path.c
HOST_TESTS := $(BUILD)/host/host-tests

$(HOST_TESTS): $(HOST_TEST_SRC) $(wildcard kernel/lib/*.h tests/host/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(HOST_TEST_SRC) -lcriterion -o $@
