#!/bin/sh
# deps.sh - checks the host tools a target needs and, as root on Debian/Ubuntu, installs
# the missing ones with apt-get (saying so); otherwise prints the exact command.
# usage: deps.sh build|run|test|debug|docs (docs: doxygen only)
set -eu
need=""
check() { # check PATH-OR-COMMAND PACKAGE
    case $1 in
        /*) [ -e "$1" ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac || need="$need $2"
}
if [ "${1:-}" = docs ]; then
    check doxygen doxygen
else
check gcc gcc
check make make
check ld binutils
check clang clang
check lld-link lld
check sgdisk gdisk
check mformat mtools
check zcat gzip
check /usr/share/consolefonts/Lat15-Terminus16.psf.gz console-setup-linux
check qemu-system-x86_64 qemu-system-x86
check /usr/share/ovmf/OVMF.fd ovmf
check /usr/include/criterion/criterion.h libcriterion-dev
check /usr/bin/python3 python3
[ "${1:-}" = debug ] && check gdb gdb
fi
[ -z "$need" ] && exit 0
need=$(echo $need | tr ' ' '\n' | sort -u | tr '\n' ' ')
cmd="apt-get install -y --no-install-recommends $need"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing missing host tools: $need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && $cmd >/dev/null || { echo "deps: '$cmd' failed" >&2; exit 1; }
else
    echo "deps: missing host tools; run as root: apt-get update && $cmd" >&2
    exit 1
fi
