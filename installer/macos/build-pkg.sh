#!/usr/bin/env bash
# Builds sheetdrop's macOS installer package with pkgbuild (macOS only: pkgbuild, launchd and
# the Mach-O binary exist only there; CI on Linux only shellchecks this script).
#
#   installer/macos/build-pkg.sh [BINARY] [OUTPUT]
#
# BINARY: the release build (default target/release/sheetdrop; for both Intel and Apple
# silicon, `lipo -create` the two targets' binaries first). OUTPUT: the package (default
# target/macos/sheetdrop-VERSION.pkg). The package installs:
#   /usr/local/bin/sheetdrop
#   /Library/LaunchAgents/com.sheetdrop.tray.plist    (`sheetdrop run` at every user's login)
#   /Library/LaunchDaemons/com.sheetdrop.agent.plist  (the service: installed, not loaded;
#                                                       `sudo sheetdrop service install` loads it)
# and its postinstall script starts the LaunchAgent for the user logged in at the console.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/installer/macos"
binary="${1:-$repo/target/release/sheetdrop}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1)"
output="${2:-$repo/target/macos/sheetdrop-$version.pkg}"

if ! command -v pkgbuild >/dev/null 2>&1; then
	echo "build-pkg.sh: pkgbuild not found: this script runs on macOS only" >&2
	exit 2
fi
for f in "$binary" "$here/com.sheetdrop.tray.plist" "$here/com.sheetdrop.agent.plist"; do
	if [ ! -f "$f" ]; then
		echo "build-pkg.sh: missing $f" >&2
		exit 2
	fi
done
if [ -z "$version" ]; then
	echo "build-pkg.sh: no version found in $repo/Cargo.toml" >&2
	exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
install -d -m 755 "$root/usr/local/bin" "$root/Library/LaunchAgents" "$root/Library/LaunchDaemons"
install -m 755 "$binary" "$root/usr/local/bin/sheetdrop"
# launchd ignores plists that are group- or world-writable or not owned by root.
install -m 644 "$here/com.sheetdrop.tray.plist" "$root/Library/LaunchAgents/"
install -m 644 "$here/com.sheetdrop.agent.plist" "$root/Library/LaunchDaemons/"
plutil -lint "$root/Library/LaunchAgents/com.sheetdrop.tray.plist" \
	"$root/Library/LaunchDaemons/com.sheetdrop.agent.plist"

mkdir -p "$(dirname "$output")"
pkgbuild --root "$root" \
	--identifier com.sheetdrop.pkg \
	--version "$version" \
	--install-location / \
	--ownership recommended \
	--scripts "$here/scripts" \
	"$output"
echo "$output"
