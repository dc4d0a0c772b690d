#!/usr/bin/env bash
# Build the store terminal's bundle: packaging/build.sh [DIST_DIR] [BUILD_DIR] (make dist).
#
# DIST_DIR/pos/ is the one-folder bundle (packaging/pos.spec) with install.sh, the desktop
# entry and the icon beside the `pos` executable, and DIST_DIR/pos-VERSION-linux-ARCH.tar.gz
# is that folder, to copy to a terminal and unpack there. PYTHON is the interpreter that
# has the program and PyInstaller installed (default: python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
dist="$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd -P)"
work="${2:-$root/build}/pyinstaller"
python="${PYTHON:-python3}"

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$root/packaging/pos.spec"
cp "$root/packaging/install.sh" "$root/packaging/pos-register.desktop" \
    "$root/resources/icons/pos-register.svg" "$dist/pos/"

version="$("$python" -c 'import pos; print(pos.__version__)')"
tarball="$dist/pos-$version-linux-$(uname -m).tar.gz"
rm -f "$dist"/pos-*-linux-*.tar.gz
tar -C "$dist" -czf "$tarball" pos
echo "Bundle: $dist/pos ($(du -sh "$dist/pos" | cut -f1)), $tarball ($(du -h "$tarball" | cut -f1))"
