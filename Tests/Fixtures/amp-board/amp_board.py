#!/usr/bin/env python3
"""An emulated AMP board: the real Debian kernel on QEMU's i.MX7D (shared/tools/qemu-imx7/boot-a7.sh)
as the A-core, Tests/Fixtures/mcore-firmware on QEMU's mps2-an386 (Cortex-M4) as the M-core.

Both consoles reach the capture tool through PTYs this script owns, so it can watch the A-core
console for a chosen line and, before that line goes out, freeze the M-core (QMP `stop`) or
garble its console (bytes as a 115200-baud receiver sees a transmitter whose UART clock doubled).

Prints `a7 <pty>` and `m4 <pty>` on stdout and into RUN/ptys. Both boards start only when both PTYs are open, so
the capture sees everything from the first byte. Writes to --run:
  a7-arrivals.tsv  one A-core line a row: CLOCK_MONOTONIC ns of its first byte, ns of console
                   silence before it (-1 for the first), the line's text
  actions.tsv      CLOCK_MONOTONIC ns and what was done (stop, garble) on which line
Ends when the capture closes the PTYs, on SIGTERM, or after --timeout; stops both QEMUs.
"""
import argparse, json, os, select, shutil, signal, socket, subprocess, sys, time, tty

EARLYCON_ARGS = 'APPEND="console=$CTTY,115200 earlycon '


def fail(message):
    sys.stderr.write("amp_board: " + message + "\n")
    sys.exit(2)


def open_pty_pair():
    master, slave = os.openpty()
    tty.setraw(slave)
    name = os.ttyname(slave)
    os.close(slave)
    os.set_blocking(master, False)
    return master, name


def open_board_pty(path):
    fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    tty.setraw(fd)
    return fd


class Qmp:
    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail("no QMP socket at " + path)
                time.sleep(0.05)
        self.file = self.sock.makefile("rwb", buffering=0)
        self.file.readline()  # greeting
        self.command("qmp_capabilities")

    def command(self, name):
        self.file.write(json.dumps({"execute": name}).encode() + b"\n")
        while True:
            reply = json.loads(self.file.readline())
            if "return" in reply or "error" in reply:
                return reply


def garble(data):
    """What a receiver at 115200 baud reads from a transmitter now at twice that (its UART root
    clock was re-parented to one twice as fast): each transmitted bit lasts half a received bit.
    The receiver syncs on a start bit's falling edge and samples mid-bit, 16× oversampled;
    framing is not checked, so every frame is handed on as a byte."""
    bits = []
    for byte in data:
        bits.append(0)
        bits.extend((byte >> i) & 1 for i in range(8))
        bits.append(1)
    sender = 8  # sixteenths of a received bit per transmitted bit
    level = lambda t: bits[t // sender] if t // sender < len(bits) else 1
    out, t, end = bytearray(), 0, len(bits) * sender
    while t < end:
        if level(t) == 0 and level(t + 8) == 0:
            value = 0
            for i in range(8):
                value |= level(t + 8 + 16 * (i + 1)) << i
            out.append(value)
            t += 8 + 16 * 9
        else:
            t += 1
    return bytes(out)


class Stop(Exception):
    """The capture closed its PTYs, the deadline passed, or SIGTERM came."""


def on_sigterm(*_):
    raise Stop()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--boot-script", required=True)
    p.add_argument("--cache", required=True)
    p.add_argument("--firmware", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--pace", type=int, default=0)
    p.add_argument("--no-earlycon", action="store_true")
    p.add_argument("--trigger", default="")
    p.add_argument("--action", choices=["none", "stop", "garble"], default="none")
    p.add_argument("--hbmax", type=int, default=8)
    p.add_argument("--timeout", type=float, default=400)
    a = p.parse_args()
    os.makedirs(a.run, exist_ok=True)
    deadline = time.monotonic() + a.timeout
    for tool in ("qemu-system-arm", "nice"):
        if not shutil.which(tool):
            fail(tool + " not found: .ci/run installs qemu-system-arm (its apt-get install step)")
    if not os.path.isfile(a.firmware):
        fail("no M-core firmware at " + a.firmware + ": .ci/run builds it (its 'M-core firmware' step)")

    script = a.boot_script
    if a.no_earlycon:
        # boot-a7.sh always passes earlycon; a copy without it boots as a board whose bootloader does not.
        text = open(script).read()
        if text.count(EARLYCON_ARGS) != 1:
            fail("boot-a7.sh's kernel arguments changed: cannot remove earlycon")
        script = os.path.join(a.run, "boot-a7-no-earlycon.sh")
        with open(script, "w") as f:
            f.write(text.replace(EARLYCON_ARGS, 'APPEND="console=$CTTY,115200 '))
        os.chmod(script, 0o755)

    signal.signal(signal.SIGTERM, on_sigterm)
    m4 = None
    try:
        subprocess.run(["bash", script, "stop", "--cache", a.cache], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        boot = ["nice", "bash", script, "--cache", a.cache, "--hbmax", str(a.hbmax), "--timeout", str(int(a.timeout))]
        if a.pace:
            boot += ["--pace", str(a.pace)]
        with open(os.path.join(a.run, "boot-a7.out"), "w") as out, open(os.path.join(a.run, "boot-a7.err"), "w") as err:
            if subprocess.run(boot, stdout=out, stderr=err).returncode != 0:
                fail("boot-a7.sh failed: " + open(os.path.join(a.run, "boot-a7.err")).read()[-2000:])
        a7_board_path = open(os.path.join(a.run, "boot-a7.out")).read().split()[0]

        qmp_path = os.path.join(a.run, "m4-qmp.sock")
        m4_log_path = os.path.join(a.run, "m4-qemu.log")
        with open(m4_log_path, "w") as m4_log:
            m4 = subprocess.Popen(
                ["nice", "qemu-system-arm", "-M", "mps2-an386", "-display", "none", "-monitor", "none", "-S",
                 "-kernel", a.firmware, "-serial", "pty", "-qmp", "unix:%s,server=on,wait=off" % qmp_path],
                stdin=subprocess.DEVNULL, stdout=m4_log, stderr=m4_log, start_new_session=True)
        m4_board_path = None
        while m4_board_path is None:
            for line in open(m4_log_path):
                if "char device redirected to " in line:
                    m4_board_path = line.split("char device redirected to ")[1].split()[0]
            if m4_board_path is None:
                if m4.poll() is not None or time.monotonic() > deadline:
                    fail("the M-core QEMU did not start: " + open(m4_log_path).read())
                time.sleep(0.05)
        relay(a, Qmp(qmp_path, deadline), a7_board_path, m4_board_path, deadline)
    except Stop:
        pass
    finally:
        if m4 is not None and m4.poll() is None:
            m4.terminate()
            try:
                m4.wait(timeout=5)
            except subprocess.TimeoutExpired:
                m4.kill()  # QEMU blocked writing to a PTY nobody reads does not see SIGTERM
                m4.wait()
        subprocess.run(["bash", script, "stop", "--cache", a.cache], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def act(a, qmp, m4_board, m4_master, actions):
    """Does the action before the A-core bytes holding the trigger go out: a real M-core stops the
    moment the A-core does what its line reports, while QMP's round trip took over 100 ms on a
    loaded host, and the M-core printed on. What the M-core printed before it froze goes out
    first, so on the consoles the M-core's last line comes just before the trigger line."""
    if a.action == "stop":
        qmp.command("stop")
        while True:
            try:
                data = os.read(m4_board, 4096)
            except OSError:  # nothing more buffered (EAGAIN), or the board went away
                break
            if not data:
                break
            os.write(m4_master, data)
    actions.write("%d\t%s\t%s\n" % (time.monotonic_ns(), a.action, a.trigger))
    actions.flush()


def relay(a, qmp, a7_board_path, m4_board_path, deadline):
    a7_master, a7_name = open_pty_pair()
    m4_master, m4_name = open_pty_pair()
    sys.stdout.write("a7 %s\nm4 %s\n" % (a7_name, m4_name))
    sys.stdout.flush()
    with open(os.path.join(a.run, "ptys.tmp"), "w") as f:
        f.write("a7 %s\nm4 %s\n" % (a7_name, m4_name))
    os.rename(os.path.join(a.run, "ptys.tmp"), os.path.join(a.run, "ptys"))

    poller = select.poll()
    poller.register(a7_master, select.POLLIN)
    poller.register(m4_master, select.POLLIN)
    while True:  # until the capture has both PTYs open (a master reports HUP while no one has its slave)
        events = dict(poller.poll(20))
        if not (events.get(a7_master, 0) & select.POLLHUP) and not (events.get(m4_master, 0) & select.POLLHUP):
            break
        if time.monotonic() > deadline:
            raise Stop()

    m4_board = open_board_pty(m4_board_path)
    qmp.command("cont")
    a7_board = open_board_pty(a7_board_path)  # boot-a7.sh resumes the A-core when its PTY is opened
    arrivals = open(os.path.join(a.run, "a7-arrivals.tsv"), "w")
    actions = open(os.path.join(a.run, "actions.tsv"), "w")
    line, line_start, last_end, garbling, triggered = bytearray(), None, None, False, False
    resumed = 0
    boards = select.poll()
    for fd in (a7_board, m4_board, a7_master, m4_master):
        boards.register(fd, select.POLLIN)
    route = {a7_board: a7_master, m4_board: m4_master, a7_master: a7_board, m4_master: m4_board}
    while time.monotonic() < deadline:
        for fd, event in boards.poll(200):
            if fd in (a7_master, m4_master) and event & select.POLLHUP:
                raise Stop()  # the capture closed its PTYs
            if not event & select.POLLIN:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:
                continue
            now = time.monotonic_ns()
            if fd == a7_board and a.trigger and not triggered and a.trigger.encode() in bytes(line) + data:
                triggered = True
                act(a, qmp, m4_board, m4_master, actions)
                garbling = a.action == "garble"
                # The held line keeps its arrival from QEMU (the clock check compares the kernel's
                # times with those); A-core lines that queued meanwhile come right after the hold,
                # so the gap before them counts from its end and they are not taken as idle.
                resumed = time.monotonic_ns()
            if fd == m4_board and garbling:
                data = garble(data)
            try:
                os.write(route[fd], data)
            except OSError:
                raise Stop()  # the capture closed its side
            if fd != a7_board:
                continue
            for byte in data:
                if line_start is None:
                    line_start = now
                if byte != 0x0A:
                    line.append(byte)
                    continue
                text = line.decode("utf-8", "replace").rstrip("\r")
                gap = -1 if last_end is None else line_start - last_end
                arrivals.write("%d\t%d\t%s\n" % (line_start, gap, text.replace("\t", " ")))
                arrivals.flush()
                line, line_start, last_end = bytearray(), None, max(now, resumed)


if __name__ == "__main__":
    main()
