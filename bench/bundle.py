"""`python -m bench.bundle [DIST]` (make bench-dist): the installed bundle's size and start.

DIST is what `make dist` leaves (default dist/). Every run is a new process of the
bundle's `pos`, started from an empty folder with an empty environment (no virtualenv,
no source), as a desktop starts it; the figure is the median of RUNS. The page cache
is warm: the first start after a boot also reads the files from disk (see
docs/PERFORMANCE.md for one such figure).

- `pos --version`: the bootloader and Python, no store, no Qt.
- `pos doctor` on a fresh store: the command line's whole path with SQLite.
- the register on screen: from exec until its window is mapped on an X display,
  polled every 10 ms with xdotool (Xvfb gives one when DISPLAY is not set).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

RUNS = 5
POLL_S = 0.01


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                           and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6


def started(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds from exec to the command's exit (which must be 0)."""
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def window_shown(program: Path, store: Path, cwd: Path, env: dict[str, str]) -> float:
    """Seconds from exec until a window of class POS is mapped."""
    start = time.perf_counter()
    process = subprocess.Popen([str(program), "register", "--db", str(store)], cwd=cwd,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        while subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "^POS$"],
                             env=env, capture_output=True).returncode != 0:
            if process.poll() is not None:
                raise RuntimeError(f"pos register exited with {process.returncode}: "
                                   f"{process.stderr.read()}")
            time.sleep(POLL_S)
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait()


@contextmanager
def display(env: dict[str, str]):
    """The session's X display, or an Xvfb of our own."""
    if os.environ.get("DISPLAY"):
        yield {**env, "DISPLAY": os.environ["DISPLAY"]}
        return
    ready, told = os.pipe()  # Xvfb writes its display number here once it accepts clients
    server = subprocess.Popen(["Xvfb", "-displayfd", str(told), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(told,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(told)
    try:
        with os.fdopen(ready) as answer:
            number = answer.readline().strip()
        yield {**env, "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bundle", description=__doc__)
    parser.add_argument("dist", nargs="?", type=Path, default=Path("dist"))
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    program = (args.dist / "pos" / "pos").resolve()
    (tarball,) = args.dist.glob("pos-*.tar.gz")
    print(f"folder {size_mb(args.dist / 'pos'):.0f} MB, tarball {size_mb(tarball):.0f} MB")

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {"HOME": str(work), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        subprocess.run([str(program), "init", "--db", "fresh.db"], cwd=work, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([str(program), "demo", "--db", "demo.db", "--products", "200", "--days",
                        "1"], cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)
        figures = {
            "pos --version": [started([str(program), "--version"], work, env)
                              for _ in range(args.runs)],
            "pos doctor (fresh store)": [
                started([str(program), "doctor", "--db", "fresh.db"], work, env)
                for _ in range(args.runs)],
        }
        if shutil.which("xdotool") and (os.environ.get("DISPLAY") or shutil.which("Xvfb")):
            with display(env) as x_env:
                figures["pos register: window on screen"] = [
                    window_shown(program, work / "demo.db", work, x_env)
                    for _ in range(args.runs)]
        else:
            print("No X display and no Xvfb, or no xdotool: the window is not timed.")
    for name, runs in figures.items():
        shown = ", ".join(f"{s:.2f}" for s in runs)
        print(f"{name}: median {statistics.median(runs):.2f} s ({shown})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
