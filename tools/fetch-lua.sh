#!/bin/sh
# fetch-lua.sh - fetches the reference Lua 5.4 sources from Debian's source package
# (the upstream tarball lua5.4_<version>.orig.tar.gz of Debian's lua5.4 package, checked
# against the SHA-256 its .dsc lists) and unpacks them, unmodified, into DIR/lua-<version>.
# Applies the reviewed patches of third_party/lua/*.patch (none may be needed) in order.
# The download is cached in DIR, so later builds need no network.
# usage: fetch-lua.sh DIR
set -eu
VERSION=5.4.4
SHA256=164c7849653b80ae67bec4b7473b884bf5cc8d2dca05653475ec2ed27b9ebf61
TARBALL=lua5.4_$VERSION.orig.tar.gz
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
URL=$MIRROR/pool/main/l/lua5.4/$TARBALL
dir=$1
src=$dir/lua-$VERSION
[ -f "$src/.unpacked" ] && exit 0
mkdir -p "$dir"
if [ ! -f "$dir/$TARBALL" ]; then
    echo "fetch-lua: downloading $URL"
    curl -fsSL --retry 3 -o "$dir/$TARBALL.part" "$URL" ||
        { echo "fetch-lua: could not download $URL" >&2; exit 1; }
    mv "$dir/$TARBALL.part" "$dir/$TARBALL"
fi
echo "$SHA256  $dir/$TARBALL" | sha256sum -c --quiet - ||
    { echo "fetch-lua: $dir/$TARBALL does not match Debian's checksum" >&2; rm -f "$dir/$TARBALL"; exit 1; }
rm -rf "$src"
tar -xzf "$dir/$TARBALL" -C "$dir"
for p in $(ls third_party/lua/*.patch 2>/dev/null | sort); do
    echo "fetch-lua: applying $p"
    patch -s -d "$src" -p1 < "$p"
done
touch "$src/.unpacked"
