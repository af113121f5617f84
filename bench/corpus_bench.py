"""Corpus runs at scale: engines against bare spaCy, memory per worker, memory against corpus size, resuming.

    .venv/bin/python bench/corpus_bench.py            # print the figures
    .venv/bin/python bench/corpus_bench.py --write    # and update docs/benchmarks.md

Corpora (built in a temporary directory, never in the repository): the 98
Wikinews articles (``1x``), and the same articles repeated ten times with new
ids (``10x``, 980 documents).

Every measurement runs in a fresh child process, so its peak memory is its
own.  Throughput modes, on the 1x corpus, alternating round after round so
that the machine's load hits them alike (medians over the rounds):

- ``bare x1``: ``nlp.pipe(texts)`` in one process, the model loaded before the clock starts;
- ``run x1``: ``run_corpus(..., workers=1)``: read, extract, check, store, incidents; model loaded before;
- ``bare x2``: ``nlp.pipe(texts, n_process=2)``: spaCy's own two processes (their start-up counted);
- ``run x2``: ``run_corpus(..., workers=2)``, the local engine's two worker processes (start-up counted);
- ``dask-local x2``: ``run_corpus(..., engine="dask-local", workers=2)``, LocalCluster start-up counted.

Memory: peak resident set of the process (``ru_maxrss``), and of the largest
worker process (``RUSAGE_CHILDREN`` once the pool is gone; for Dask, each
worker reports its own).  Flatness: ``run x1`` and ``run x2`` on 1x and on 10x.

Resuming: ``eventcoder run`` on the 10x corpus is killed (SIGKILL) after
half of it is stored, then the same command runs again; the table gives the
time of that second run against a clean run, and of a re-run of a finished
corpus (every document skipped).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import git_commit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wikinews-political" / "wikinews_political_subset.jsonl"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- corpus:start -->", "<!-- corpus:end -->"
SCRIPT = Path(sys.executable).with_name("eventcoder")


def build_corpora(tmp: Path) -> dict[str, Path]:
    lines = [json.loads(x) for x in DATA.read_text("utf-8").splitlines() if x.strip()]
    out = {}
    for name, times in (("1x", 1), ("10x", 10)):
        path = tmp / f"corpus-{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for k in range(times):
                for rec in lines:
                    fh.write(json.dumps({**rec, "id": f"{rec['id']}-r{k}"}, ensure_ascii=False) + "\n")
        out[name] = path
    return out


def _mb(kib: int) -> float:
    return kib / 1024


# -- child side -------------------------------------------------------------------------------------


def child(mode: str, corpus: str, db: str) -> dict[str, Any]:
    texts = [json.loads(x)["text"] for x in Path(corpus).read_text("utf-8").splitlines() if x.strip()]
    out: dict[str, Any] = {"docs": len(texts)}
    cpu0 = _cpu(resource.RUSAGE_SELF)
    if mode.startswith("bare"):
        from eventcoder.nlp import load

        nlp = load(None)
        cpu0 = _cpu(resource.RUSAGE_SELF)
        n_process = 2 if mode == "bare2" else 1
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
            pass
        out["seconds"] = time.perf_counter() - t0
    else:
        from eventcoder.io.readers import read_inputs
        from eventcoder.pipeline import PipelineConfig
        from eventcoder.runner import run_corpus

        kw: dict[str, Any] = {}
        workers = 1
        if mode == "run1":
            from eventcoder.engines.local import shared_pipeline

            kw["pipeline"] = shared_pipeline(PipelineConfig())
            checkpoints: list[float] = []
            stored = 0
            per = 98  # one copy of the corpus

            def on_stored(_doc: Any) -> None:
                nonlocal stored
                stored += 1
                if stored % per == 0:
                    checkpoints.append(_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))

            kw["on_stored"] = on_stored
            out["checkpoints"] = checkpoints
        elif mode == "run2":
            workers = 2
        elif mode == "dask2":
            workers = 2
            from eventcoder.engines.dask import start_client

            cpu0 = _cpu(resource.RUSAGE_SELF)
            t_start = time.perf_counter()
            client, cluster = start_client("dask-local", None, 2)
            out["cluster_start"] = time.perf_counter() - t_start
            kw.update(engine="dask-local", client=client)
        if mode != "dask2":
            cpu0 = _cpu(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        report = run_corpus(read_inputs([corpus]), db=db, workers=workers, progress=False, **kw)
        out["seconds"] = time.perf_counter() - t0 + out.get("cluster_start", 0.0)
        out["stored"] = report.stored
        out["engine"] = report.engine
        if mode == "dask2":
            import resource as r

            peaks = client.run(lambda: r.getrusage(r.RUSAGE_SELF).ru_maxrss)
            out["worker_peak_mb"] = max(_mb(v) for v in peaks.values())
            client.close()
            cluster.close()  # joins the nannies, which joined their workers: RUSAGE_CHILDREN has their CPU
    out["peak_mb"] = _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    out["cpu"] = (
        _cpu(resource.RUSAGE_SELF) - cpu0 + _cpu(resource.RUSAGE_CHILDREN) + out.pop("worker_cpu", 0.0)
    )
    if mode in ("run2", "bare2"):
        out["worker_peak_mb"] = _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return out


def _cpu(who: int) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def measure(mode: str, corpus: Path, tmp: Path) -> dict[str, Any]:
    db = tmp / f"{mode}-{time.time_ns()}.duckdb"
    proc = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(corpus), str(db)],
        capture_output=True, text=True, timeout=3600,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"child {mode} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- resuming ---------------------------------------------------------------------------------------


def resume(corpus: Path, tmp: Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_MODEL"}
    n = sum(1 for x in corpus.read_text("utf-8").splitlines() if x.strip())

    def cmd(db: Path, summary: bool = False) -> list[str]:
        return [str(SCRIPT), "run", str(corpus), "--db", str(db), "--workers", "1", "--no-progress"] + (
            ["--summary"] if summary else []
        )

    clean_db = tmp / "resume-clean.duckdb"
    t0 = time.perf_counter()
    subprocess.run(cmd(clean_db), check=True, capture_output=True, env=env)
    clean = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run(cmd(clean_db), check=True, capture_output=True, env=env)
    rerun_done = time.perf_counter() - t0

    db = tmp / "resume-killed.duckdb"
    proc = subprocess.Popen(
        cmd(db, summary=True), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    seen = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("== "):
            seen += 1
            if seen >= n // 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    t0 = time.perf_counter()
    done = subprocess.run(cmd(db), check=True, capture_output=True, env=env, text=True)
    finish = time.perf_counter() - t0
    m = re.search(r"stored (\d+), skipped (\d+)", done.stderr)
    return {"docs": n, "clean": clean, "rerun_done": rerun_done, "finish": finish,
            "stored_after_kill": int(m.group(1)) if m else -1, "skipped_after_kill": int(m.group(2)) if m else -1}  # fmt: skip


# -- report -----------------------------------------------------------------------------------------


def render(res: dict[str, Any]) -> str:
    t = res["throughput"]
    n = t["bare1"][0]["docs"]

    def med(mode: str, key: str = "seconds") -> float:
        return statistics.median(r[key] for r in t[mode])

    def rate(mode: str) -> float:
        return n / med(mode)

    def cpa(mode: str) -> float:  # CPU seconds per article, all processes of the mode
        return med(mode, "cpu") / n

    lines = [
        START,
        "## Corpus runs: engines, memory, resuming",
        "",
        f"- Date: {res['date']}; commit {res['commit']}",
        f"- Command: `{res['command']}`",
        f"- Machine: {res['machine']}",
        f"- Corpus: the {n} Wikinews articles (1x) and the same repeated ten times with new ids (10x, "
        f"{res['n10']} documents), built in a temporary directory; medians of {res['rounds']} alternating rounds; "
        "each measurement in a fresh process",
        "",
        "| engine | processes | articles/s | seconds (1x) | ratio to bare spaCy (wall) | CPU s / article | ratio (CPU) | peak RSS, main process | peak RSS, largest worker |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| bare `nlp.pipe` | 1 | {rate('bare1'):.1f} | {med('bare1'):.2f} | 1.00 | {cpa('bare1'):.3f} | 1.00 | {med('bare1', 'peak_mb'):.0f} MB | - |",
        f"| `run --workers 1` | 1 | {rate('run1'):.1f} | {med('run1'):.2f} | {med('bare1') / med('run1'):.2f} | {cpa('run1'):.3f} | {cpa('bare1') / cpa('run1'):.2f} | {med('run1', 'peak_mb'):.0f} MB | - |",
        f"| bare `nlp.pipe(n_process=2)` | 2 | {rate('bare2'):.1f} | {med('bare2'):.2f} | 1.00 | {cpa('bare2'):.3f} | 1.00 | {med('bare2', 'peak_mb'):.0f} MB | {med('bare2', 'worker_peak_mb'):.0f} MB |",
        f"| `run --workers 2` (local pool) | 2 | {rate('run2'):.1f} | {med('run2'):.2f} | {med('bare2') / med('run2'):.2f} | {cpa('run2'):.3f} | {cpa('bare2') / cpa('run2'):.2f} | {med('run2', 'peak_mb'):.0f} MB | {med('run2', 'worker_peak_mb'):.0f} MB |",
        f"| `run --engine dask-local --workers 2` | 2 | {rate('dask2'):.1f} | {med('dask2'):.2f} | {med('bare2') / med('dask2'):.2f} | {cpa('dask2'):.3f} | {cpa('bare2') / cpa('dask2'):.2f} | {med('dask2', 'peak_mb'):.0f} MB | {med('dask2', 'worker_peak_mb'):.0f} MB |",
        "",
        "One-process modes start the clock (wall and CPU) with the model loaded; two-process modes count "
        "their workers' start-up (a model load in each, and our stage tables for `run`), which on 98 articles "
        f"is a large share: the LocalCluster itself took {med('dask2', 'cluster_start'):.1f} s to start. `run` "
        "includes reading, the integrity check, the DuckDB transactions and the incidents. The machine is "
        "shared with other jobs, so the CPU columns (which other processes disturb less) are the steadier ones.",
        "",
        "**Memory against corpus size** (peak resident set, fresh process each):",
        "",
        "| mode | 1x (98 docs) | 10x (980 docs) |",
        "|---|---:|---:|",
    ]
    f = res["flat"]
    n10 = f["bare1_10x"]["docs"]

    def row10(label: str, mode: str, base: str) -> str:
        m, b = f[f"{mode}_10x"], f[f"{base}_10x"]
        return (
            f"| {label} | {n10 / m['seconds']:.1f} | {m['seconds']:.1f} | {b['seconds'] / m['seconds']:.2f} "
            f"| {m['cpu'] / n10:.3f} | {b['cpu'] / m['cpu']:.2f} |"
        )

    lines[-4:-4] = [
        f"**The 10x corpus** ({n10} documents, one run per mode): start-up weighs ten times less.",
        "",
        "| engine | articles/s | seconds | ratio to bare spaCy (wall) | CPU s / article | ratio (CPU) |",
        "|---|---:|---:|---:|---:|---:|",
        row10("bare `nlp.pipe`", "bare1", "bare1"),
        row10("`run --workers 1`", "run1", "bare1"),
        row10("bare `nlp.pipe(n_process=2)`", "bare2", "bare2"),
        row10("`run --workers 2` (local pool)", "run2", "bare2"),
        row10("`run --engine dask-local --workers 2`", "dask2", "bare2"),
        "",
    ]
    lines += [
        f"| `run --workers 1`, the process | {f['run1_1x']['peak_mb']:.0f} MB | {f['run1_10x']['peak_mb']:.0f} MB |",
        f"| `run --workers 2`, the parent | {f['run2_1x']['peak_mb']:.0f} MB | {f['run2_10x']['peak_mb']:.0f} MB |",
        f"| `run --workers 2`, the largest worker | {f['run2_1x']['worker_peak_mb']:.0f} MB | {f['run2_10x']['worker_peak_mb']:.0f} MB |",
        f"| `run --engine dask-local --workers 2`, the driver | {f['dask2_1x']['peak_mb']:.0f} MB | {f['dask2_10x']['peak_mb']:.0f} MB |",
        f"| `run --engine dask-local --workers 2`, the largest worker | {f['dask2_1x']['worker_peak_mb']:.0f} MB | {f['dask2_10x']['worker_peak_mb']:.0f} MB |",
        "",
        "Within the 10x run at one worker, the peak so far after each copy of the corpus: "
        + ", ".join(f"{x:.0f}" for x in f["run1_10x"]["checkpoints"])
        + " MB: it rises while caches and the allocator warm up, then stays level.",
        "",
    ]
    r = res["resume"]
    lines += [
        "",
        "**Resuming** (`eventcoder run` on the 10x corpus, one worker, as a command: start-up included):",
        "",
        "| run | seconds |",
        "|---|---:|",
        f"| clean run, {r['docs']} documents | {r['clean']:.1f} |",
        f"| the same command again (all {r['docs']} skipped: id + text hash) | {r['rerun_done']:.1f} |",
        f"| after `kill -9` at half: the same command finishes ({r['stored_after_kill']} stored, "
        f"{r['skipped_after_kill']} skipped) | {r['finish']:.1f} |",
        END,
    ]
    return "\n".join(lines)


def write_doc(section: str) -> None:
    doc = DOC.read_text("utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in doc and END in doc:
        doc = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, doc, flags=re.S)
    else:
        doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(doc, "utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], argv[2], argv[3])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    import spacy

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        corpora = build_corpora(tmp)
        modes = ["bare1", "run1", "bare2", "run2", "dask2"]
        throughput: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
        for r in range(args.rounds):
            for mode in modes if r % 2 == 0 else list(reversed(modes)):
                got = measure(mode, corpora["1x"], tmp)
                throughput[mode].append(got)
                print(f"round {r + 1} {mode}: {got}", file=sys.stderr)
        flat = {
            "run1_1x": throughput["run1"][0],
            "run2_1x": throughput["run2"][0],
            "dask2_1x": throughput["dask2"][0],
        }
        for mode in modes:  # the 10x corpus once per mode: start-up weighs less
            flat[f"{mode}_10x"] = measure(mode, corpora["10x"], tmp)
            print(f"10x {mode}: {flat[f'{mode}_10x']}", file=sys.stderr)
        print(f"flat: {flat}", file=sys.stderr)
        res_resume = resume(corpora["10x"], tmp)
        print(f"resume: {res_resume}", file=sys.stderr)
    import multiprocessing as mp

    res = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(("src", "bench")),
        "command": f"cd {shlex.quote(str(ROOT))} && .venv/bin/python bench/corpus_bench.py "
        + " ".join(shlex.quote(a) for a in argv),
        "machine": f"{platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}; load average at the end {os.getloadavg()[0]:.1f}",
        "rounds": args.rounds,
        "n10": flat["run1_10x"]["docs"],
        "throughput": throughput,
        "flat": flat,
        "resume": res_resume,
    }
    text = render(res)
    print(text)
    if args.write:
        write_doc(text)
        print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
