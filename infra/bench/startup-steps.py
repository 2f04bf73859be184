#!/usr/bin/env python3
"""Summarises the start-up steps MinkaApplication writes with MINKA_STARTUP_STEPS=<file>.

Lines: id, parent id, name, duration in ms, tags. A step's own time is its duration minus the
time of the steps nested in it, so that a bean that waits for its dependencies is not charged
for them. Prints the top-level total, own time per kind of step, and the 20 slowest steps.
"""
import collections
import sys

steps = {}
for line in open(sys.argv[1], encoding="utf-8"):
    sid, parent, name, ms, tags = (line.rstrip("\n").split("\t") + [""])[:5]
    steps[sid] = {"name": name, "parent": parent, "ms": float(ms), "tags": tags}
own = {i: s["ms"] for i, s in steps.items()}
for s in steps.values():
    if s["parent"] in own:
        own[s["parent"]] -= s["ms"]
top = sum(s["ms"] for s in steps.values() if s["parent"] not in steps)
print(f"recorded steps: {len(steps)}, top-level total {top:.0f} ms")
kinds = collections.Counter()
for i, s in steps.items():
    kinds[s["name"]] += own[i]
for name, t in kinds.most_common(8):
    print(f"  {t:7.0f} ms own  {name}")
print("slowest steps (own time):")
for i in sorted(own, key=own.get, reverse=True)[:20]:
    s = steps[i]
    print(f"  {own[i]:7.0f} ms  {s['name']}  {s['tags'][:100]}")
