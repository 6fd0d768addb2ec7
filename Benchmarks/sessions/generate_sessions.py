#!/usr/bin/env python3
"""Writes a board farm of COUNT small sessions for the soak benchmark of `analyze DIR`.

    generate_sessions.py OUT COUNT SEED [BOARDS]

Each session is one boot of a sample board script (samples/*/board.board) written as a capture
would have written it, from docs/session-format.md (magic, header record, one chunk record per
line, CRC-32 per record) by this script, not by ampscope: OUT/BOARD/run-NNN/session.amps and
session.json. The header's command line is `ampscope capture --board BOARD`, so boards are
named by the session header. BOARDS boards (default 10) share the sessions; half run the
remoteproc healthy sample, half the legacy (bootaux) one, and about one session in 50 (SEED)
is a faulty sample instead. Prints what was injected, one `BOARD run-NNN SAMPLE` line each:
the sessions `analyze` must name as differing from their board's majority.
"""
import json
import os
import random
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEALTHY = ["remoteproc-healthy", "legacy-healthy"]
FAULTS = {
    "remoteproc-healthy": ["remoteproc-firmware-missing", "remoteproc-m4-fault", "remoteproc-mailbox-kick-failed"],
    "legacy-healthy": ["legacy-m4-halted-at-clock-gating", "legacy-kernel-panic"],
}
ESCAPES = {"r": b"\r", "n": b"\n", "t": b"\t", "0": b"\0", "e": b"\x1b", "\\": b"\\"}


def unescape(text):
    """The board script's C escapes; a trailing \\c means no line ending."""
    out, index, newline = bytearray(), 0, True
    raw = text.encode("utf-8")
    while index < len(raw):
        byte = raw[index:index + 1]
        if byte == b"\\" and index + 1 < len(raw):
            code = chr(raw[index + 1])
            if code == "c" and index + 2 == len(raw):
                newline = False
                index += 2
                continue
            if code == "x":
                out += bytes([int(raw[index + 2:index + 4], 16)])
                index += 4
                continue
            if code in ESCAPES:
                out += ESCAPES[code]
                index += 2
                continue
        out += byte
        index += 1
    return bytes(out) + (b"\r\n" if newline else b"")


def parse(path):
    """(consoles [(name, kind, baud)], outputs [(seconds, console index, bytes)])."""
    consoles, outputs, previous = [], [], 0.0
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not line or line.startswith("#"):
            continue
        if line.startswith("console "):
            words = line.split("#")[0].split()
            fields = dict(word.split("=", 1) for word in words[2:])
            consoles.append((words[1], fields.get("kind", "unknown"), int(fields.get("baud", "115200"))))
            continue
        stamp, rest = line.split(" ", 1)
        name, _, text = rest.partition(" ")
        seconds = previous + float(stamp[1:]) if stamp.startswith("+") else float(stamp)
        previous = seconds
        index = [console[0] for console in consoles].index(name)
        outputs.append((seconds, index, unescape(text)))
    return consoles, outputs


def record(kind, payload):
    head = struct.pack("<BI", kind, len(payload))
    return b"\xa7\x4d" + head + payload + struct.pack("<I", zlib.crc32(head + payload) & 0xFFFFFFFF)


def write_session(directory, board, script, wall):
    consoles, outputs = script
    anchor = 4_242_000_000_000
    header = {
        "formatVersion": 1, "toolVersion": "0.1.0", "host": "farm-host", "monotonicAnchor": anchor,
        "wallClockNanoseconds": wall, "commandLine": ["ampscope", "capture", "--board", board, "-o", os.path.basename(directory)],
        "consoles": [
            {"id": index, "name": name, "kind": kind, "port": "/dev/ttyUSB%d" % index,
             "settings": {"baud": baud, "dataBits": 8, "parity": "none", "stopBits": 1, "flowControl": "none", "keepModemLines": True}}
            for index, (name, kind, baud) in enumerate(consoles)
        ],
    }
    os.makedirs(directory, exist_ok=True)
    body = bytearray(b"AMPSCOPE SESSION 1\n")
    body += record(1, json.dumps(header).encode())
    for sequence, (seconds, console, data) in enumerate(outputs):
        body += record(2, struct.pack("<HQQ", console, sequence, anchor + int(round(seconds * 1e9))) + data)
    with open(os.path.join(directory, "session.amps"), "wb") as out:
        out.write(body)
    with open(os.path.join(directory, "session.json"), "w") as out:
        json.dump(header, out, indent=2)


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    boards = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    rng = random.Random(seed)
    scripts = {}

    def script(sample):
        if sample not in scripts:
            scripts[sample] = parse(os.path.join(ROOT, "samples", sample, "board.board"))
        return scripts[sample]

    wall = 1_795_000_000_000_000_000
    for index in range(count):
        board_number = index % boards + 1
        board = "colibri-%d" % board_number
        run = "run-%03d" % (index // boards + 1)
        sample = HEALTHY[board_number % 2]
        if rng.random() < 0.02:
            sample = rng.choice(FAULTS[sample])
            print(board, run, sample)
        write_session(os.path.join(out, board, run), board, script(sample), wall + index * 600_000_000_000)


if __name__ == "__main__":
    main()
