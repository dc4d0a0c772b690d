#!/usr/bin/env bash
# Install the point of sale for the current user from the unpacked bundle this script
# sits in (make dist; tar -xzf pos-*.tar.gz; cd pos; ./install.sh). No root needed.
#
#   ./install.sh                 install or upgrade: the program in ~/.local/opt/pos, the
#                                `pos` command in ~/.local/bin, "Point of Sale" in the
#                                applications menu (it runs `pos register`)
#   ./install.sh --autostart     the same, and the register opens at login
#   ./install.sh --no-autostart  the same, and the register no longer opens at login
#   ./install.sh --kiosk         the register opens full screen without a frame, and only
#                                a manager quits it (`pos register --kiosk`)
#   ./install.sh --no-kiosk      the register opens as a window again
#   ./install.sh --uninstall     remove all of that; the stores (~/.local/share/pos) stay
#
# Run it again at any time: it puts everything back as it should be. An upgrade replaces
# the program folder whole, so no file of the old version is left behind; a till that is
# running keeps the files it has open until it is closed.
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
}

autostart=keep
kiosk=keep
uninstall=no
for arg in "$@"; do
    case "$arg" in
        --autostart) autostart=yes ;;
        --no-autostart) autostart=no ;;
        --kiosk) kiosk=yes ;;
        --no-kiosk) kiosk=no ;;
        --uninstall) uninstall=yes ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
prefix="$HOME/.local/opt/pos"
bin_dir="$HOME/.local/bin"
command_link="$bin_dir/pos"
desktop_file="$data_home/applications/pos-register.desktop"
icon_file="$data_home/icons/hicolor/scalable/apps/pos-register.svg"
autostart_file="${XDG_CONFIG_HOME:-$HOME/.config}/autostart/pos-register.desktop"
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"

if [[ $uninstall == yes ]]; then
    # the command only if it is ours: a `pos` from elsewhere stays
    if [[ -L $command_link && $(readlink "$command_link") == "$prefix/pos" ]]; then
        rm -f "$command_link"
    fi
    rm -f "$desktop_file" "$icon_file" "$autostart_file"
    rm -rf "$prefix" "$prefix.new" "$prefix.old"
    echo "Point of Sale removed. Stores and their key files were kept (pos doctor shows where)."
    exit 0
fi

if [[ ! -x $source_dir/pos || ! -d $source_dir/_internal ]]; then
    echo "install.sh: run the install.sh inside the unpacked bundle (make dist builds it)." >&2
    exit 1
fi
# A desktop entry's Exec line cannot hold these characters unescaped.
if [[ $prefix == *[\"\`\$\\]* ]]; then
    echo "install.sh: cannot install under $prefix: the path holds \", \`, \$ or \\." >&2
    exit 1
fi

if [[ ! $source_dir -ef $prefix ]]; then
    # Copied beside, then swapped in: an interrupted copy never leaves half a program.
    mkdir -p "$(dirname "$prefix")"
    rm -rf "$prefix.new" "$prefix.old"
    cp -a "$source_dir/." "$prefix.new"
    if [[ -e $prefix ]]; then
        mv "$prefix" "$prefix.old"
    fi
    mv "$prefix.new" "$prefix"
    rm -rf "$prefix.old"
fi

# an upgrade keeps the kiosk mode the entry had
if [[ $kiosk == keep ]]; then
    kiosk=no
    if [[ -e $desktop_file ]] && grep -q '^Exec=.* register --kiosk$' "$desktop_file"; then
        kiosk=yes
    fi
fi
exec_args=register
if [[ $kiosk == yes ]]; then
    exec_args="register --kiosk"
fi

mkdir -p "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")"
ln -sfn "$prefix/pos" "$command_link"
cp "$prefix/pos-register.svg" "$icon_file"
sed -e "s|^Exec=.*|Exec=\"$prefix/pos\" $exec_args|" -e "s|^TryExec=.*|TryExec=$prefix/pos|" \
    "$prefix/pos-register.desktop" > "$desktop_file"
chmod 644 "$desktop_file" "$icon_file"

if [[ $autostart == yes || ($autostart == keep && -e $autostart_file) ]]; then
    mkdir -p "$(dirname "$autostart_file")"
    cp "$desktop_file" "$autostart_file"
elif [[ $autostart == no ]]; then
    rm -f "$autostart_file"
fi

echo "Point of Sale installed in $prefix."
echo "  command:  $command_link (try: pos doctor)"
echo "  menu:     $desktop_file ($exec_args)"
if [[ -e $autostart_file ]]; then
    echo "  at login: $autostart_file"
fi
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "Note: $bin_dir is not on your PATH; log out and in again, or add it." ;;
esac
