# lua.mk - the Lua 5.4 interpreter home:/bin/lua, built from Debian's unmodified upstream
# sources (fetched by tools/fetch-lua.sh into $(BUILD)/third_party) against libstd, plus
# the Lua test scripts tests/lua/*.lua installed as home:/tests/lua-scripts/ (home:/tests/lua is the suite program).
# Lua's own configuration (luaconf.h) is steered with -D flags only: module search paths
# on home:. Third-party code is compiled with warnings on but not as errors.

LUA_VERSION := 5.4.4
LUA_DIR := $(BUILD)/third_party
LUA_SRC_DIR := $(LUA_DIR)/lua-$(LUA_VERSION)/src
LUA_STAMP := $(LUA_DIR)/lua-$(LUA_VERSION)/.unpacked
# The interpreter: every source file but the stand-alone compiler luac.c.
LUA_NAMES := lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes \
	lparser lstate lstring ltable ltm lundump lvm lzio lauxlib lbaselib lcorolib ldblib \
	liolib lmathlib loadlib loslib lstrlib ltablib lutf8lib linit lua
LUA_OBJ := $(patsubst %,$(BUILD)/lua/%.o,$(LUA_NAMES))
LUA_BIN := $(BUILD)/root/bin/lua
LUA_CFLAGS := $(filter-out -Werror,$(USER_CFLAGS)) -Wno-unused-parameter \
	-DLUA_PATH_DEFAULT='"home:/lib/lua/?.lua;home:/lib/lua/?/init.lua;./?.lua"' \
	-DLUA_CPATH_DEFAULT='""'
LUA_TEST_SCRIPTS := $(wildcard tests/lua/*.lua)

$(LUA_STAMP): tools/fetch-lua.sh $(wildcard third_party/lua/*.patch)
	tools/fetch-lua.sh $(LUA_DIR)

# Static pattern: the sources exist only once the stamp's recipe has unpacked them.
$(LUA_OBJ): $(BUILD)/lua/%.o: $(LUA_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LUA_CFLAGS) $(DEPFLAGS) -c $(LUA_SRC_DIR)/$*.c -o $@

$(LUA_BIN): $(LUA_OBJ) $(USER_CRT0) $(LIBSTD) $(USER_LDS)
	@mkdir -p $(@D)
	$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $(LUA_OBJ) $(LIBSTD) $(USER_LIBGCC)
