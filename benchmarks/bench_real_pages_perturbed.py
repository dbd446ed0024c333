"""The real pages as other themes would print them: does the chain still read them?

    .venv/bin/python benchmarks/bench_real_pages_perturbed.py [--only TEXT]

The hidden pages that judge the chain come from sites whose themes rename a CMS's classes,
drop its JSON-LD or its datetime attributes. This copies ../shared/real-pages into a
temporary folder (never into the project) once per perturbation, changes every HTML page
there, and runs the corpus' own scorer on the copy:

- classes: every class and id replaced by a meaningless token, consistently per name;
- no-json-ld: the JSON-LD scripts removed;
- no-datetime: the datetime attributes removed, and the JSON-LD;
- both: classes renamed and the JSON-LD removed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "real-pages"
JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.S | re.I)
NAMES = re.compile(r"""\b(class|id)=(["'])(.*?)\2""")
DATETIME = re.compile(r"""\sdatetime=(["']).*?\1""")


def renamed(text: str) -> str:
    def token(match: re.Match) -> str:
        names = " ".join("c" + hashlib.md5(n.encode()).hexdigest()[:6] for n in match[3].split())
        return f"{match[1]}={match[2]}{names}{match[2]}"

    return NAMES.sub(token, text)


PERTURBATIONS = {
    "classes": renamed,
    "no-json-ld": lambda text: JSON_LD.sub("", text),
    "no-datetime": lambda text: DATETIME.sub("", JSON_LD.sub("", text)),
    "both": lambda text: renamed(JSON_LD.sub("", text)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="score only the cases whose file contains this")
    args = parser.parse_args()
    cases = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
    print(f"{'':<12} expected found matched recall precision")
    for name, change in PERTURBATIONS.items():
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "real-pages"
            shutil.copytree(CORPUS, copy)
            for case in cases:
                page = copy / case["file"]
                if page.suffix.startswith(".htm"):
                    text = page.read_text(encoding="utf-8", errors="surrogateescape")
                    page.write_text(change(text), encoding="utf-8", errors="surrogateescape")
            command = [sys.executable, str(copy / "score.py"), "--jobs", "2"]
            command += ["--only", args.only] if args.only else []
            scored = subprocess.run(command, cwd=ROOT, capture_output=True, text=True).stdout
            overall = next((line for line in scored.splitlines() if line.startswith("OVERALL")), "")
            print(f"{name:<12} {' '.join(overall.split()[1:])}")


if __name__ == "__main__":
    main()
