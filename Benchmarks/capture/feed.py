"""Deterministic console streams and a paced writer that feeds them into pseudo-terminals.

A stream is rebuilt from its seed, so the sender keeps only a running sha256 and length, and a
mismatch can still be located (first differing offset) by generating the stream again.
"""
import hashlib
import os
import pty
import random
import threading
import time
import tty

LETTERS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .:_-=/"


class Stream:
    """Bytes a console sends, generated on demand.

    kind "mixed": 1-20 counter lines, then a random binary block of 0-4096 bytes (every byte
    value, so NUL, CR, LF, ESC and invalid UTF-8 all occur), repeated.
    kind "text": only counter lines of 20-120 bytes, like a booting console.
    Every counter line is  "<label> <counter, 9 digits> <offset in the stream> <letters>\\r\\n".
    """

    def __init__(self, label, seed, kind):
        if kind not in ("mixed", "text"):
            raise ValueError(f"unknown stream kind {kind!r} (mixed or text)")
        self.label, self.kind = label.encode(), kind
        self.rng = random.Random(seed)
        self.pending = bytearray()
        self.lines = 0
        self.produced = 0          # bytes generated so far (including pending)
        self.taken = 0             # bytes handed out by take()

    def _line(self):
        head = b"%s %09d %d " % (self.label, self.lines, self.produced)
        size = self.rng.randint(20, 120)
        body = bytes(self.rng.choice(LETTERS) for _ in range(max(1, size - len(head) - 2)))
        self.lines += 1
        return head + body + b"\r\n"

    def _refill(self):
        unit = bytearray()
        for _ in range(self.rng.randint(1, 20)):
            line = self._line()
            self.produced += len(line)
            unit += line
        if self.kind == "mixed":
            block = self.rng.randbytes(self.rng.randint(0, 4096))
            self.produced += len(block)
            unit += block
        self.pending += unit

    def take(self, count):
        while len(self.pending) < count:
            self._refill()
        out = bytes(self.pending[:count])
        del self.pending[:count]
        self.taken += count
        return out


def first_difference(label, seed, kind, path, length):
    """Offset of the first byte where the file differs from the stream's first `length` bytes
    (or the shorter length when one is a prefix of the other); None when they are equal."""
    again = Stream(label, seed, kind)
    offset = 0
    with open(path, "rb") as f:
        while offset < length:
            want = again.take(min(1 << 20, length - offset))
            got = f.read(len(want))
            if got != want:
                for i, (x, y) in enumerate(zip(got, want)):
                    if x != y:
                        return offset + i
                return offset + min(len(got), len(want))
            offset += len(want)
        if f.read(1):
            return offset
    return None


class Port:
    """One pty pair in raw mode: the tool opens `path`; the feeder writes into `master`."""

    def __init__(self, name, stream):
        self.name, self.stream = name, stream
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)      # no echo, no CR/LF translation: bytes pass unchanged
        self.path = os.ttyname(self.slave)
        os.set_blocking(self.master, False)
        self.carry = b""            # taken from the stream, not yet accepted by the pty
        self.sent = 0
        self.sha = hashlib.sha256()

    def close(self):
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


class PacedFeeder(threading.Thread):
    """Writes each port's stream at `rate` bytes/s, in ticks of `tick` s, without ever
    blocking: bytes a full pty refuses are kept and sent first next tick, so a slow reader
    shows up as lag (scheduled minus sent), never as loss on the sending side."""

    def __init__(self, ports, rate, seconds, tick=0.01):
        super().__init__(daemon=True)
        self.ports, self.rate, self.seconds, self.tick = ports, rate, seconds, tick
        self.started = self.finished = None
        self.max_lag = {p.name: 0 for p in ports}
        self.stop_now = False

    def run(self):
        self.started = time.monotonic()
        end = self.started + self.seconds
        next_tick = self.started
        while not self.stop_now:
            now = time.monotonic()
            due_total = int(self.rate * (min(now, end) - self.started))
            for p in self.ports:
                want = due_total - p.sent - len(p.carry)
                data = p.carry + (p.stream.take(want) if want > 0 else b"")
                if data:
                    try:
                        n = os.write(p.master, data)
                    except BlockingIOError:
                        n = 0
                    p.sha.update(data[:n])
                    p.sent += n
                    p.carry = data[n:]
                self.max_lag[p.name] = max(self.max_lag[p.name], due_total - p.sent)
            if now >= end and all(not p.carry for p in self.ports):
                break
            if now >= end + 60:
                break               # a reader that stopped reading: give up, report the lag
            next_tick += self.tick
            delay = next_tick - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                next_tick = time.monotonic()
        self.finished = time.monotonic()


class Drain(threading.Thread):
    """Reads a pty master (a tool's terminal) so the tool never blocks on its output."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd, self.stop_now = fd, False

    def run(self):
        import select
        while not self.stop_now:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.2)
                if ready and not os.read(self.fd, 65536):
                    return
            except OSError:
                return
