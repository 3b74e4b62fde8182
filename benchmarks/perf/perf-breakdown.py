#!/usr/bin/env python3
"""Where a node's CPU goes per request, from a Linux `perf` recording: kernel included, no safepoint bias.

  benchmarks/perf/perf-profile.sh PID SECONDS OUT     # records the node (see there), then:
  benchmarks/perf/perf-breakdown.py OUT/perf.data --requests N [--frequency 499]

The node must run with -XX:+PreserveFramePointer (whole Java stacks) and have written its JIT symbol map
(jcmd PID Compiler.perfmap, which perf-profile.sh does). Prints:
  1. CPU per thread group, as a share and, with --requests, as microseconds per request;
  2. on the event loops, the share inside each stage of a page view (inclusive: a stage's callees count for it;
     a method the JIT inlined into its caller has no frame of its own and counts for the caller);
  3. on the event loops, self time by layer (the top frame's code: kernel, JVM, Tailor's modules, Vert.x, Netty,
     Jackson, the JDK) and the top methods by self samples.
JFR (jfr-breakdown.py) samples Java code at safepoint-free points but never the kernel; this counts everything
the node's threads ran, so the rows add up to the node's CPU.
"""
import argparse
import collections
import re
import subprocess

STAGES = [
    ("recommendations handler (all)", ("RecommendationsHandler.respond(", "RecommendationsHandler.handle(")),
    ("  profile lookup (replica)", ("ProfileReplica.lookup", "ProfileReplica.recordIn(")),
    ("  profile decode", ("ProfileCodec.decode(",)),
    ("  impression overlay (frequency cap)", ("ImpressionRecord.overlay(",)),
    # The JIT inlines Recommender.recommend into the handler: any frame of the ranking package counts.
    ("  recommend (all scoring stages)", ("Recommender.recommend(", "io.tailor.scoring.rank.")),
    ("    candidate sources and rules", ("CandidateSources.collect(", "CandidateSources.add(")),
    ("    scoring the candidates", ("Scorer.scoreCandidates(",)),
    ("    diverse selection", ("DiverseSelection.select(",)),
    ("    new-arrival slot", ("NewArrivalSlot.",)),
    ("  JSON answer", ("Responses.json(", "RecommendationsHandler.write(")),
    ("  impressions queued", ("ImpressionStore.record(",)),
    ("socket writes (kernel, from Java)", ("writev0(", "FileDispatcherImpl.write0(")),
    ("socket reads (kernel, from Java)", ("FileDispatcherImpl.read0(", "IOUtil.read(")),
    ("epoll (kernel, from Java)", ("EPoll.wait(",)),
]

LAYERS = [
    ("kernel", lambda sym, dso: "kernel" in dso),
    ("JVM (compiler, GC barriers, runtime)", lambda sym, dso: "libjvm" in dso),
    ("Tailor scoring", lambda sym, dso: "io.tailor.scoring." in sym),
    ("Tailor grid", lambda sym, dso: "io.tailor.grid." in sym),
    ("Tailor server", lambda sym, dso: "io.tailor.server." in sym),
    ("Vert.x", lambda sym, dso: "io.vertx." in sym),
    ("Netty", lambda sym, dso: "io.netty." in sym),
    ("Jackson", lambda sym, dso: "com.fasterxml." in sym),
    ("Hazelcast", lambda sym, dso: "com.hazelcast." in sym),
    ("JDK", lambda sym, dso: re.search(r"\b(java|javax|jdk|sun)\.", sym) is not None),
]

FRAME = re.compile(r"^\s+[0-9a-f]+ (.*?)(?:\+0x[0-9a-f]+)? \((.*)\)$")


def group(comm):
    if comm.startswith("vert.x-eventloo"):
        return "vert.x event loops"
    if comm.startswith("hz."):
        return "hazelcast threads (partition operations, I/O)"
    if comm.startswith("tailor-"):
        return comm
    if comm.startswith(("GC Thread", "G1 ")):
        return "garbage collector"
    if comm.startswith(("C1 Compiler", "C2 Compiler")):
        return "JIT compiler"
    return "other"


def samples(path):
    text = subprocess.run(["perf", "script", "-i", path, "-F", "comm,tid,ip,sym,dso"],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        # "comm tid": the thread's name (up to 15 characters, possibly with spaces), then its id.
        header = re.match(r"^(.*?)\s+\d+\s*$", lines[0])
        comm = header.group(1).strip() if header else lines[0].strip()
        frames = []
        for line in lines[1:]:
            m = FRAME.match(line)
            if m:
                frames.append((m.group(1), m.group(2)))
        yield comm, frames


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="perf.data of the node")
    parser.add_argument("--requests", type=float, help="requests served while recording: prints us per request")
    parser.add_argument("--frequency", type=float, default=499.0, help="perf record -F (default 499)")
    args = parser.parse_args()

    by_group = collections.Counter()
    loop = 0
    stage = collections.Counter()
    layer = collections.Counter()
    top = collections.Counter()
    for comm, frames in samples(args.data):
        g = group(comm)
        by_group[g] += 1
        if g != "vert.x event loops" or not frames:
            continue
        loop += 1
        sym, dso = frames[0]
        top[sym[:150]] += 1
        layer[next((name for name, test in LAYERS if test(sym, dso)), "other")] += 1
        for label, needles in STAGES:
            if any(n in s for s, _ in frames for n in needles):
                stage[label] += 1

    total = sum(by_group.values())
    per_sample_us = None
    if args.requests:
        per_sample_us = 1e6 / args.frequency / args.requests
    print(f"{total} samples ({total / args.frequency:.1f} s of CPU)" +
          (f", {args.requests:,.0f} requests: {total * per_sample_us:.1f} us of node CPU per request"
           if per_sample_us else ""))

    def row(label, n, of):
        share = 100.0 * n / max(1, of)
        us = f"{n * per_sample_us:7.2f} us/request" if per_sample_us else ""
        return f"  {label:44s} {share:5.1f} %  {us}"

    print("\nCPU by thread group (share of the node's samples)")
    for g, n in by_group.most_common():
        print(row(g, n, total))
    print(f"\nevent loops: {loop} samples; inclusive share per stage (of the event loops' samples)")
    for label, _ in STAGES:
        print(row(label, stage[label], loop))
    print("\nevent loops: self time by layer")
    for name, n in layer.most_common():
        print(row(name, n, loop))
    print("\nevent loops: top methods by self samples")
    for sym, n in top.most_common(25):
        print(row(sym[:110], n, loop))


if __name__ == "__main__":
    main()
