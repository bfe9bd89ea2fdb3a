# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Run the AME benchmarks (`make bench`): every benchmarks/bench_*.py, or
those named on the command line, each in its own process. They create their
own data and print their figures; none asserts a time."""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def main(names):
    scripts = sorted(HERE.glob('bench_*.py'))
    if names:
        scripts = [s for s in scripts if s.stem in names
            or s.stem.removeprefix('bench_') in names]
    status = 0
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        status |= subprocess.call([sys.executable, str(script)])
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
