#!/usr/bin/env python3
"""Throughput, losslessness, CPU and memory of `ampscope capture` on real pseudo-terminals.

Modes
  (default) --rate 1000000 --seconds 60: two consoles, each fed 1 MB/s of counter lines mixed
      with random binary blocks; ampscope captures both. Afterwards `ampscope export --raw`
      of each console is compared with what was sent (sha256 + length): bytes lost must be 0.
      Reports ampscope's CPU % (utime+stime from /proc/PID/stat over the feeding window),
      peak RSS (VmHWM) and RSS every second (first/last/min/max and the slope).
  --pace115200: every console fed 11,520 B/s of text lines (115200 baud, 8N1, wire full).
      ampscope captures two consoles; in the same run a second ampscope captures one console,
      and tio and grabserial one console each (unless --no-peers), for CPU % side by side.
  --minutes N: soak; the default mode for N minutes, printing RSS every minute and at the
      start, middle and end, with the slope, to show memory stays flat.

Usage
  throughput.py [--bin PATH] [--rate B/s] [--seconds S | --minutes M] [--pace115200]
                [--consoles N] [--no-peers] [--keep] [--workdir DIR] [--json FILE]
Exit status 1 when any byte was lost or ampscope did not exit 0.
"""
import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import feed       # noqa: E402
import procstat   # noqa: E402

REPO = subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse",
                       "--show-toplevel"], capture_output=True, text=True).stdout.strip()
NAMES = ["a7", "m4", "c2", "c3", "c4", "c5", "c6", "c7"]


class Capture:
    """One tool process capturing some ports, with how to start, stop and check it."""

    def __init__(self, label, argv, ports, workdir, tty_io=False, stop_keys=b""):
        self.label, self.argv, self.ports = label, argv, ports
        self.tty_io, self.stop_keys = tty_io, stop_keys
        self.out = open(os.path.join(workdir, f"{label}.stdout"), "wb")
        self.proc = self.terminal = self.drain = None
        self.cpu = self.rc = self.stopped_by = None

    def start(self):
        kw = dict(start_new_session=True)
        if self.tty_io:
            import pty
            self.terminal, slave = pty.openpty()
            kw.update(stdin=slave, stdout=slave, stderr=slave, env=dict(os.environ, TERM="xterm"))
        else:
            kw.update(stdin=subprocess.DEVNULL, stdout=self.out, stderr=subprocess.STDOUT)
        self.proc = subprocess.Popen(self.argv, **kw)
        if self.tty_io:
            os.close(slave)
            self.drain = feed.Drain(self.terminal)
            self.drain.start()
        self.cpu = procstat.CpuWindow(self.proc.pid)

    def wait_ready(self, timeout=20):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.label} exited with {self.proc.returncode} before opening "
                                   f"its ports; see {self.out.name}")
            if all(procstat.holds_path(self.proc.pid, p.path) for p in self.ports):
                return
            time.sleep(0.02)
        raise RuntimeError(f"{self.label} did not open {[p.path for p in self.ports]} within {timeout} s")

    def peak_rss(self):
        return procstat.memory_kib(self.proc.pid)[1]

    def stop(self):
        """Stops the tool by its PID: its quit keys, then SIGINT, SIGTERM, SIGKILL, 5 s apart."""
        steps = ([("keys", None)] if self.stop_keys and self.terminal is not None else [])
        steps += [("sig", signal.SIGINT), ("sig", signal.SIGTERM), ("sig", signal.SIGKILL)]
        for kind, sig in steps:
            if self.proc.poll() is not None:
                break
            if kind == "keys":
                os.write(self.terminal, self.stop_keys)
            else:
                os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(5)
                self.stopped_by = "keys" if kind == "keys" else signal.Signals(sig).name
            except subprocess.TimeoutExpired:
                pass
        self.rc = self.proc.wait()
        if self.drain:
            self.drain.stop_now = True
            self.drain.join(1)
            os.close(self.terminal)
        self.out.close()


def ampscope_capture(binary, label, ports, workdir):
    session = os.path.join(workdir, label)
    argv = [binary, "capture", "-o", session, "-q", "--log-clock", "epoch"]
    for p in ports:
        argv += ["--console", f"{p.name}={p.path},115200"]
    c = Capture(label, argv, ports, workdir)
    c.session = session
    return c


def peer_capture(tool, port, workdir):
    log = os.path.join(workdir, f"{tool}.log")
    if tool == "tio":   # tio 2.5 logs only with a terminal on stdin (latency-peers.md)
        argv = ["tio", "-b", "115200", "-t", "--timestamp-format", "iso8601", "-l",
                "--log-file", log, port.path]
        c = Capture(tool, argv, [port], workdir, tty_io=True, stop_keys=b"\x14q")
    else:
        argv = ["grabserial", "-S", "-d", port.path, "-b", "115200", "-T", "-n",
                "-F", "%Y-%m-%d %H:%M:%S.%f", "-Q", "-o", log]
        c = Capture(tool, argv, [port], workdir)
    c.log = log
    return c


def wait_consumed(captures, quiet_for=1.0, limit=60):
    """Waits until every tool has read what its ptys hold (FIONREAD on the slave is 0),
    then `quiet_for` s more, so stopping it loses nothing that was sent."""
    import fcntl
    import struct
    import termios
    end = time.monotonic() + limit
    while time.monotonic() < end:
        pending = 0
        for c in captures:
            for p in c.ports:
                pending += struct.unpack("i", fcntl.ioctl(p.slave, termios.FIONREAD, b"\0\0\0\0"))[0]
        if pending == 0:
            break
        time.sleep(0.1)
    time.sleep(quiet_for)


def sha256_file(path):
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                return h.hexdigest(), n
            h.update(b)
            n += len(b)


def verify_ampscope(binary, capture, seed_of, kind, workdir):
    """Exports each console --raw and compares with what was sent; returns per-console results."""
    results = []
    for p in capture.ports:
        out = os.path.join(workdir, f"{capture.label}-{p.name}.raw")
        r = subprocess.run([binary, "export", capture.session, "--console", p.name, "--raw", "-o", out],
                           capture_output=True, text=True)
        if r.returncode != 0:
            results.append(dict(console=p.name, sent=p.sent, error=r.stderr.strip()))
            continue
        digest, length = sha256_file(out)
        sent_digest = p.sha.hexdigest()
        same = digest == sent_digest and length == p.sent
        diff = None if same else feed.first_difference(p.name, seed_of[p.name], kind, out, p.sent)
        results.append(dict(console=p.name, sent=p.sent, received=length, lost=max(0, p.sent - length),
                            sha_sent=sent_digest, sha_received=digest, identical=same,
                            first_difference=diff))
        os.unlink(out)
    return results


def count_lines_seen(log, label):
    """Distinct counter lines of console `label` found in a peer tool's log (a sanity check:
    the peers' logs are text, not the exact bytes)."""
    seen = set()
    key = label.encode() + b" "
    with open(log, "rb") as f:
        for line in f:
            i = line.find(key)
            if i >= 0:
                parts = line[i:].split(b" ", 2)
                if len(parts) >= 2 and parts[1].isdigit():
                    seen.add(int(parts[1]))
    return len(seen)


def fmt_mib(kib):
    return f"{kib / 1024:.1f} MiB"


def run(a):
    binary = os.path.abspath(a.bin)
    workdir = a.workdir or tempfile.mkdtemp(prefix="ampscope-throughput-", dir="/tmp")
    os.makedirs(workdir, exist_ok=True)
    kind = "text" if a.pace115200 else "mixed"
    rate = 11520 if a.pace115200 else a.rate
    seconds = a.minutes * 60 if a.minutes else a.seconds
    seed_of, captures, ports = {}, [], []

    def new_port(name):
        seed_of[name] = a.seed + len(seed_of)
        p = feed.Port(name, feed.Stream(name, seed_of[name], kind))
        ports.append(p)
        return p

    main = ampscope_capture(binary, "ampscope", [new_port(NAMES[i]) for i in range(a.consoles)], workdir)
    captures.append(main)
    if a.pace115200 and not a.no_peers:
        captures.append(ampscope_capture(binary, "ampscope-1console", [new_port("s1")], workdir))
        for tool, name in (("tio", "t1"), ("grabserial", "g1")):
            if shutil.which(tool):
                captures.append(peer_capture(tool, new_port(name), workdir))
            else:
                print(f"note: {tool} is not installed; its column is left out", flush=True)

    print(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {os.cpu_count()} cores, "
          f"load {open('/proc/loadavg').read().split()[:3]}; workdir {workdir}", flush=True)
    print(f"# {len(ports)} ptys, {rate} B/s each ({kind}), {seconds:.0f} s; "
          + ", ".join(f"{c.label}: {' '.join(p.name + '=' + p.path for p in c.ports)}" for c in captures),
          flush=True)
    feeder = None
    sampler = None
    machine = procstat.MachineWindow()
    try:
        for c in captures:
            c.start()
        for c in captures:
            c.wait_ready()
        time.sleep(0.5)
        sampler = procstat.RssSampler([main.proc.pid])
        sampler.start()
        machine.start()
        for c in captures:
            c.cpu.start()
        feeder = feed.PacedFeeder(ports, rate, seconds)
        feeder.start()
        next_report = 60
        while feeder.is_alive():
            feeder.join(1)
            elapsed = time.monotonic() - feeder.started
            if a.minutes and elapsed >= next_report:
                rss, hwm = procstat.memory_kib(main.proc.pid)
                print(f"  {elapsed / 60:5.1f} min: RSS {fmt_mib(rss)}, peak {fmt_mib(hwm)}, "
                      f"sent {sum(p.sent for p in main.ports) / 1e6:.0f} MB", flush=True)
                next_report += 60
        wait_consumed(captures)
        for c in captures:
            c.cpu.stop()
        machine.stop()
        sampler.stop_now = True
        sampler.join(2)
        peaks = {c.label: c.peak_rss() for c in captures}
    finally:
        if feeder:
            feeder.stop_now = True
        for c in captures:
            if c.proc:
                c.stop()
        for p in ports:
            p.close()

    report = dict(date=time.strftime("%Y-%m-%d", time.gmtime()), cores=os.cpu_count(), mode=kind,
                  rate=rate, seconds=seconds, feed_seconds=feeder.finished - feeder.started,
                  machine_busy_cores=machine.cores, tools={})
    failed = False
    print(f"fed {seconds:.0f} s at {rate} B/s per console in {report['feed_seconds']:.1f} s; "
          f"whole machine busy {machine.cores:.2f} of {os.cpu_count()} cores meanwhile", flush=True)
    for c in captures:
        t = dict(pid=c.proc.pid, rc=c.rc, stopped_by=c.stopped_by, cpu_seconds=c.cpu.cpu,
                 cpu_percent=c.cpu.percent, peak_rss_kib=peaks[c.label],
                 max_lag_bytes={p.name: feeder.max_lag[p.name] for p in c.ports},
                 bytes_per_second=sum(p.sent for p in c.ports) / report["feed_seconds"])
        line = (f"{c.label:18} CPU {c.cpu.percent:6.2f} % of one core ({c.cpu.cpu:.2f} s), "
                f"peak RSS {fmt_mib(peaks[c.label])}, {t['bytes_per_second'] / 1e3:.1f} kB/s in, "
                f"stopped by {c.stopped_by} rc={c.rc}")
        if c.rc != 0 and c.label.startswith("ampscope"):
            failed = True
        if c.label.startswith("ampscope"):
            t["consoles"] = verify_ampscope(binary, c, seed_of, kind, workdir)
            for r in t["consoles"]:
                if "error" in r or not r["identical"]:
                    failed = True
            line += "; " + "; ".join(
                f"{r['console']}: export failed: {r['error']}" if "error" in r else
                f"{r['console']}: sent {r['sent']} B, exported {r['received']} B, lost {r['lost']}, "
                f"sha256 {'identical' if r['identical'] else 'DIFFERENT from offset ' + str(r['first_difference'])}"
                for r in t["consoles"])
        else:
            p = c.ports[0]
            sent = feed.Stream(p.name, seed_of[p.name], kind).take(p.sent)
            # lines begun: the feed stops mid-line, and the tools log that last partial line too
            t["lines_sent"] = sent.count(b"\r\n") + (0 if sent.endswith(b"\r\n") else 1)
            t["lines_in_log"] = count_lines_seen(c.log, p.name)
            line += f"; {t['lines_in_log']} of the {t['lines_sent']} lines sent are in its log"
        report["tools"][c.label] = t
        print(line, flush=True)
    samples = sampler.samples[main.proc.pid]
    report["rss_kib"] = samples
    print_rss(samples, a.minutes)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)
    if a.keep:
        print(f"kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


def print_rss(samples, soak):
    if not samples:
        print("no RSS samples")
        return
    values = [r for _, r in samples]
    settled = samples[len(samples) // 10:]     # leave out the first tenth: buffers growing to size
    slope = procstat.slope_kib_per_minute(settled)
    mid = samples[len(samples) // 2]
    print(f"ampscope RSS, {len(samples)} samples 1 s apart: start {fmt_mib(samples[0][1])}, "
          f"middle ({mid[0]:.0f} s) {fmt_mib(mid[1])}, end {fmt_mib(samples[-1][1])}, "
          f"min {fmt_mib(min(values))}, max {fmt_mib(max(values))}; slope after the first tenth "
          f"{slope:+.1f} KiB/min")
    if not soak:
        step = max(1, len(samples) // 12)
        print("  every " + str(step) + " s: " + " ".join(f"{r / 1024:.1f}" for _, r in samples[::step]) + " MiB")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(REPO, ".build/release/ampscope"),
                    help="ampscope binary (default: <repo>/.build/release/ampscope)")
    ap.add_argument("--rate", type=int, default=1_000_000, help="bytes/s per console (default 1000000)")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--minutes", type=float, help="soak for this many minutes (overrides --seconds)")
    ap.add_argument("--pace115200", action="store_true",
                    help="11,520 B/s of text per console, with tio and grabserial beside ampscope")
    ap.add_argument("--no-peers", action="store_true", help="with --pace115200: ampscope only")
    ap.add_argument("--consoles", type=int, default=2, choices=range(1, len(NAMES) + 1))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", help="session and logs go here (default: a new dir under /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the workdir (sessions can be GBs)")
    ap.add_argument("--json", help="write all figures and RSS samples to this file")
    a = ap.parse_args()
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"throughput.py: no ampscope binary at {a.bin}; run 'swift build -c release' "
                 f"in the repo first, or pass --bin PATH")
    try:
        sys.exit(run(a))
    except RuntimeError as e:
        sys.exit(f"throughput.py: {e}")


if __name__ == "__main__":
    main()
