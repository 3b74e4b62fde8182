#!/usr/bin/env python3
"""Where the served path's CPU goes, from a JFR recording of a node under load (perf.sh with JFR=1).

  benchmarks/perf/jfr-breakdown.py benchmarks/results/perf/<run>/node.jfr

Reads the execution samples (`jfr print --events jdk.ExecutionSample --stack-depth 96`), and prints:
  1. samples per thread group (event loops, partition threads, Tailor's background threads, the rest);
  2. on the event loops, the share of samples inside each stage of a page view (inclusive: a stage's callees
     count for it), and the top methods by self samples;
  3. on the event loops, allocation (jdk.ObjectAllocationSample, weighted) per stage and the top allocating
     frames with the class allocated.
Shares of samples are shares of CPU time while threads ran; they say where microseconds go, not how many.
"""
import collections
import re
import subprocess
import sys

STAGES = [
    ("parse & route (Vert.x, query)", ("io.vertx.ext.web.impl.RouterImpl.handle",)),
    ("recommendations handler (all)", ("io.tailor.server.api.RecommendationsHandler.handle",
                                        "io.tailor.server.api.RecommendationsHandler.handlePost")),
    ("profile lookup (replica)", ("io.tailor.grid.profile.ProfileReplica.lookup",)),
    ("profile decode", ("io.tailor.scoring.profile.ProfileCodec.decode",)),
    ("impression overlay", ("io.tailor.scoring.profile.ImpressionRecord.overlay",)),
    ("recommend (scoring)", ("io.tailor.scoring.rank.Recommender.recommend",)),
    ("JSON answer", ("io.tailor.server.api.Responses.json",)),
    ("impressions queued", ("io.tailor.grid.profile.ImpressionStore.record",)),
    ("HTTP write & flush (Netty)", ("io.netty.channel.AbstractChannelHandlerContext.writeAndFlush",
                                    "io.netty.channel.nio.AbstractNioByteChannel.doWrite",
                                    "sun.nio.ch.SocketChannelImpl.write")),
    ("socket read (Netty)", ("sun.nio.ch.SocketChannelImpl.read",)),
    ("epoll wait (idle)", ("sun.nio.ch.EPoll.wait",)),
]


def group(thread):
    if "eventloop" in thread:
        return "vert.x event loops"
    if "partition-operation" in thread:
        return "hazelcast partition threads"
    if thread.startswith("tailor-"):
        return thread
    if "hz." in thread:
        return "other hazelcast threads"
    if "GC" in thread or "G1" in thread:
        return "gc"
    return "other"


def main():
    path = sys.argv[1]
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    by_group = collections.Counter()
    loop_samples = 0
    stage = collections.Counter()
    self_top = collections.Counter()
    for event in text.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        name = thread.group(1) if thread else "?"
        g = group(name)
        by_group[g] += 1
        if g != "vert.x event loops":
            continue
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, flags=re.M)
        if not frames:
            continue
        loop_samples += 1
        self_top[frames[0]] += 1
        for label, prefixes in STAGES:
            if any(f.startswith(p) for f in frames for p in prefixes):
                stage[label] += 1
    total = sum(by_group.values())
    print(f"{total} samples")
    for g, n in by_group.most_common():
        print(f"  {g:32s} {n:7d}  {100.0 * n / total:5.1f} %")
    print(f"\nevent loops: {loop_samples} samples; inclusive share per stage")
    for label, _ in STAGES:
        print(f"  {label:34s} {100.0 * stage[label] / max(1, loop_samples):5.1f} %")
    print("\nevent loops: top methods by self samples")
    for method, n in self_top.most_common(25):
        print(f"  {100.0 * n / max(1, loop_samples):5.1f} %  {method}")
    allocations(path)


def allocations(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ObjectAllocationSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    total = 0
    stage = collections.Counter()
    top = collections.Counter()
    for event in text.split("jdk.ObjectAllocationSample")[1:]:
        thread = re.search(r'eventThread = "([^"]*)"', event)
        if not thread or "eventloop" not in thread.group(1):
            continue
        weight = re.search(r"weight = ([\d.,]+)\s*(bytes|kB|MB|GB)", event)
        if not weight:
            continue
        scale = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[weight.group(2)]
        w = float(weight.group(1).replace(",", "")) * scale
        klass = re.search(r"objectClass = ([\w$.\[\]]+)", event)
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, flags=re.M)
        total += w
        for label, prefixes in STAGES:
            if any(f.startswith(p) for f in frames for p in prefixes):
                stage[label] += w
        ours = next((f for f in frames if f.startswith("io.tailor.")), frames[0] if frames else "?")
        top[f"{ours} ({klass.group(1) if klass else '?'})"] += w
    print(f"\nevent loops: allocation samples, {total / 2 ** 20:.0f} MiB weighted; share per stage")
    for label, _ in STAGES:
        print(f"  {label:34s} {100.0 * stage[label] / max(1, total):5.1f} %")
    print("\nevent loops: top allocating sites (first Tailor frame on the stack, class allocated)")
    for site, w in top.most_common(20):
        print(f"  {100.0 * w / max(1, total):5.1f} %  {site}")


if __name__ == "__main__":
    main()
