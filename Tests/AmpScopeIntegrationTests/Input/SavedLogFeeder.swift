import Foundation

/// The Python feeder the saved-log tool tests run: it writes a known board log into a PTY
/// (or a pipe for `ts`) that a real logging tool reads, and reports when each line was written.
/// Kept as text here so the test target has no resource files.
enum SavedLogFeeder {
    /// Writes the script to a temporary file and returns its path.
    static func scriptPath() throws -> String {
        let path = NSTemporaryDirectory() + "ampscope-savedlog-feed-\(getpid()).py"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let script = #"""
#!/usr/bin/env python3
"""Feeds a known board log to a real logging tool and reports when each line was written.

A real tool (tio, grabserial, picocom, ts, ...) reads the other end of a PTY pair (or a pipe
for `ts`) and writes its own log file; this script writes the lines with the pauses given,
notes the host time (time.time()) just before each line, waits until the tool has written the
last line, stops it and prints the fed times as JSON on stdout.

Usage: savedlog_feed.py --mode pty|pipe --log LOG --lines LINES.json [--midnight FILE] -- TOOL ARGS...
       savedlog_feed.py --mode attach --port PTY --log LOG --last TEXT --stop-file FILE -- TOOL ARGS...
TOOL ARGS may contain {port} (the PTY the tool opens) and {log}.
LINES.json: [[pause_seconds, "text"], ...]; lines end in CRLF as a serial console sends them.
--midnight FILE: the tool runs under libfaketime reading its offset from FILE; just before the
first line the offset is set so that the tool's clock reads 23:59:59.2 UTC, and the feed crosses
midnight. attach: the tool reads a PTY someone else writes (ampscope replay) until FILE exists.
--faketime FILE --ready FILE --go FILE: the tool runs under libfaketime reading its offset from
FILE, which the caller writes (two feeders, one faked clock); once the tool holds its port and
its log exists READY is created, and the lines are fed once GO exists.
"""
import argparse, json, os, pty, signal, subprocess, sys, threading, time, tty

DEADLINE = 60.0  # only ends a hang


LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"


def set_before_midnight(path):
    """Moves the faked clock to 0.8 s before the next UTC midnight; returns the offset in s."""
    now = time.time()
    offset = round((now // 86400 + 1) * 86400 - 0.8 - now)
    with open(path, "w") as f:
        f.write(f"+{offset}s\n")
    return offset


def wait_for(condition, what):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.02)
    sys.exit(f"savedlog_feed: timed out waiting for {what}")


def holds_open(pid, path):
    for proc in [pid] + children(pid):
        try:
            for fd in os.listdir(f"/proc/{proc}/fd"):
                try:
                    if os.readlink(f"/proc/{proc}/fd/{fd}") == path:
                        return True
                except OSError:
                    pass
        except OSError:
            pass
    return False


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def holds_line(path, text, earlier):
    """Whether the log holds `text` complete (its line ended) once more than the `earlier` fed lines with the same text."""
    with open(path, "rb") as f:
        data = f.read()
    needle = text.encode()
    count = 0
    start = 0
    while True:
        at = data.find(needle, start)
        if at < 0:
            return False
        end = at + len(needle)
        if data[end:end + 1] in (b"\r", b"\n"):
            count += 1
            if count > earlier:
                return True
        start = end


def drain(fd):
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass


def main():
    # The test runner blocks signals and children inherit the mask: unblock them so the tool
    # stops on SIGTERM.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["pty", "pipe", "attach"], required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lines")
    parser.add_argument("--last", help="text whose arrival in the log ends the run (default: the last line)")
    parser.add_argument("--midnight")
    parser.add_argument("--seen", action="store_true",
                        help="after each line, wait until the log holds it and record when (an upper bound of the tool's stamp)")
    parser.add_argument("--faketime")
    parser.add_argument("--ready")
    parser.add_argument("--go")
    parser.add_argument("--port")
    parser.add_argument("--stop-file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    lines = []
    if args.lines:
        with open(args.lines) as f:
            lines = json.load(f)
    last = (args.last or lines[-1][1]).encode()
    fed = []
    seen = []
    offset = 0
    env = dict(os.environ)
    if args.midnight:
        with open(args.midnight, "w") as f:
            f.write("+0\n")
        env.update(LD_PRELOAD=LIBFAKETIME, FAKETIME_TIMESTAMP_FILE=args.midnight, FAKETIME_NO_CACHE="1")
    elif args.faketime:
        env.update(LD_PRELOAD=LIBFAKETIME, FAKETIME_TIMESTAMP_FILE=args.faketime, FAKETIME_NO_CACHE="1")
    if args.mode in ("pty", "attach"):
        if args.mode == "pty":
            serial_master, serial_slave = pty.openpty()
            tty.setraw(serial_slave)
            port = os.ttyname(serial_slave)
        else:
            port = args.port
        # The tool's own terminal: tio and picocom want one on stdin/stdout.
        term_master, term_slave = pty.openpty()
        argv = [a.replace("{port}", port).replace("{log}", args.log) for a in command]
        tool = subprocess.Popen(argv, stdin=term_slave, stdout=term_slave, stderr=term_slave, start_new_session=True, env=env)
        os.close(term_slave)
        threading.Thread(target=drain, args=(term_master,), daemon=True).start()
        wait_for(lambda: holds_open(tool.pid, port) or tool.poll() is not None, f"{argv[0]} to open {port}")
        if tool.poll() is not None:
            sys.exit(f"savedlog_feed: {argv[0]} exited with {tool.returncode} before opening the port")
        # The tool opened the port; give it its settings time by waiting for the log file itself.
        wait_for(lambda: os.path.exists(args.log) or "{log}" not in " ".join(command), "the log file")
        if args.mode == "attach":
            wait_for(lambda: os.path.exists(args.stop_file), "the stop file")
        if args.midnight:
            offset = set_before_midnight(args.midnight)
        if args.ready:
            open(args.ready, "w").close()
            wait_for(lambda: os.path.exists(args.go), "the go file")
        for pause, text in lines:
            time.sleep(pause)
            fed.append(time.time())
            os.write(serial_master, text.encode() + b"\r\n")
            if args.seen:
                earlier = [t for _, t in lines[:len(seen)]].count(text)
                wait_for(lambda: os.path.exists(args.log) and holds_line(args.log, text, earlier), f"line {len(seen)} in the log")
                seen.append(time.time())
        wait_for(lambda: os.path.exists(args.log) and last in open(args.log, "rb").read(), "the last line in the log")
        tool.send_signal(signal.SIGTERM)
        try:
            tool.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            tool.kill()
            tool.wait()
    else:
        out = open(args.log, "wb")
        tool = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, env=env)
        # ts has started once its interpreter is up; the faked clock is read per line.
        if args.midnight:
            offset = set_before_midnight(args.midnight)
        for pause, text in lines:
            time.sleep(pause)
            fed.append(time.time())
            tool.stdin.write(text.encode() + b"\n")
            tool.stdin.flush()
            if args.seen:
                earlier = [t for _, t in lines[:len(seen)]].count(text)
                wait_for(lambda: holds_line(args.log, text, earlier), f"line {len(seen)} in the log")
                seen.append(time.time())
        tool.stdin.close()
        tool.wait(timeout=DEADLINE)
        out.close()
    json.dump({"fed": fed, "seen": seen, "offset": offset}, sys.stdout)


if __name__ == "__main__":
    main()
"""#
}
