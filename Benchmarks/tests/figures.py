#!/usr/bin/env python3
"""Timing figures the tests used to assert and no longer do (a loaded machine only makes them
worse, it does not make the code wrong). Prints them; asserts nothing.

  python3 Benchmarks/tests/figures.py [--bin PATH] [--lines N]

- line stamp delay: a line written to a PTY vs the time `capture --log-clock epoch` stamped it
- --duration overshoot: how much longer than `--duration 1.5` the capture ran
- idle CPU: the share of one core an idle capture uses over 3 s
- replay timing error: `ampscope replay` of a board script at speed 1, arrival vs schedule
"""
import argparse, os, pty, re, select, signal, statistics, subprocess, sys, tempfile, time, tty

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def raw_pty():
    master, slave = pty.openpty()
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


def wait_for(condition, what, deadline=120):
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            sys.exit("gave up waiting for " + what)
        time.sleep(0.01)


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def capture_figures(binary, lines):
    master, slave, name = raw_pty()
    with tempfile.TemporaryDirectory() as work:
        session = os.path.join(work, "s")
        capture = subprocess.Popen([binary, "capture", "--a7", name, "-o", session, "--quiet", "--log-clock", "epoch"],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for(lambda: os.path.exists(os.path.join(session, "a7.log")), "the capture to start")
        written = {}
        for index in range(lines):
            written[index] = time.time()
            os.write(master, f"line {index}\r\n".encode())
            time.sleep(0.05)
        time.sleep(0.5)
        before, start = cpu_seconds(capture.pid), time.monotonic()
        time.sleep(3)
        idle = (cpu_seconds(capture.pid) - before) / (time.monotonic() - start)
        capture.send_signal(signal.SIGTERM)
        capture.wait(timeout=120)
        delays = []
        for text in open(os.path.join(session, "a7.log"), errors="replace"):
            match = re.search(r"([0-9]{9,}\.[0-9]+)\D.*line (\d+)", text)
            if match and int(match.group(2)) in written:
                delays.append((float(match.group(1)) - written[int(match.group(2))]) * 1000)
        report("line stamp delay (ms)", delays)
        print(f"idle CPU: {idle * 100:.2f} % of one core over 3 s")

        other = raw_pty()
        started = time.monotonic()
        timed = subprocess.run([binary, "capture", "--a7", other[2], "-o", session + "-d", "--duration", "1.5", "--quiet"],
                               stdin=subprocess.DEVNULL, capture_output=True)
        print(f"--duration 1.5 ran {time.monotonic() - started:.3f} s (exit {timed.returncode})")
    os.close(master), os.close(slave)


def replay_figures(binary, lines):
    with tempfile.TemporaryDirectory() as work:
        board = os.path.join(work, "ticks.board")
        schedule = {index: index * 0.1 for index in range(lines)}
        with open(board, "w") as out:
            out.write("console a7 kind=application\n")
            for index, seconds in schedule.items():
                out.write(f"{seconds:.3f} a7 tick {index}\n")
        replay = subprocess.Popen([binary, "replay", board, "--speed", "1", "--hold", "0.5"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        path = replay.stdout.readline().split()[1]
        descriptor = os.open(path, os.O_RDONLY | os.O_NOCTTY)
        arrivals, buffer = {}, b""
        while len(arrivals) < lines:
            ready, _, _ = select.select([descriptor], [], [], 120)
            if not ready:
                sys.exit("replay stalled")
            try:
                chunk = os.read(descriptor, 65536)
            except OSError:
                break
            if not chunk:
                break
            now = time.monotonic()
            buffer += chunk
            for match in re.finditer(rb"tick (\d+)\r?\n", buffer):
                arrivals.setdefault(int(match.group(1)), now)
            buffer = buffer[buffer.rfind(b"\n") + 1:]
        os.close(descriptor)
        replay.wait(timeout=120)
        first = arrivals[0]
        errors = [((arrivals[index] - first) - schedule[index]) * 1000 for index in sorted(arrivals)]
        report("replay arrival minus schedule (ms)", errors)


def report(name, values):
    if not values:
        print(f"{name}: no samples")
        return
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"{name}: n={len(values)} median {statistics.median(values):.2f} p99 {p99:.2f} max {max(values):.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "debug", "ampscope"))
    parser.add_argument("--lines", type=int, default=40)
    options = parser.parse_args()
    if not os.access(options.bin, os.X_OK):
        sys.exit(f"no ampscope at {options.bin}: swift build first, or --bin PATH")
    with open("/proc/loadavg") as load:
        print(f"load average: {load.read().split()[0]} on {os.cpu_count()} cores")
    capture_figures(options.bin, options.lines)
    replay_figures(options.bin, options.lines)


if __name__ == "__main__":
    main()
