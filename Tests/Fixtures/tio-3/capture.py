#!/usr/bin/env python3
"""Captures the tio-3 fixtures: two real tio processes (A-core and M-core console) read PTYs that
two feeders write known lines into at the same moment, and the host times of each line are kept.

Not run by CI (it has no network to fetch and build tio): it documents how the committed logs
were made. Usage: capture.py FEEDER.py TIO_BINARY OUT_DIR NAME FORMAT
FEEDER.py is the script in Tests/AmpScopeIntegrationTests/Input/SavedLogFeeder.swift, saved to a file.
Writes OUT_DIR/NAME-a7.log, NAME-m4.log and NAME-times.json ({"a7": {"fed": [...], "seen": [...]}, ...}).
"""
import json, os, subprocess, sys, tempfile, time

# Pauses are chosen so that each kernel line reaches the host about one fixed delay after its printk
# time, the M-core heartbeat stops just before `clk: Disabling unused clocks`, and the A-core
# console goes on for more than 3 s after it (what m4-halted-at-clock-gating needs to see).
A7 = [
    (0.05, "U-Boot 2016.11-2.7.4+g1b121c6 (Oct 05 2017 - 03:53:41 +0000)"),
    (0.30, "## Starting auxiliary core at 0x1FFF80BD ..."),
    (0.20, "Starting kernel ..."),
    (0.30, "[    0.000000] Booting Linux on physical CPU 0x0"),
    (0.10, "[    0.101944] virtio_rpmsg_bus virtio0: rpmsg host is online"),
    (0.02, "[    0.118232] virtio_rpmsg_bus virtio0: creating channel rpmsg-openamp-demo-channel addr 0x1e"),
    (0.30, "[    0.421131] 30860000.serial: ttymxc0 at MMIO 0x30860000 (irq = 26, base_baud = 5000000) is a IMX"),
    (0.64, "[    1.058899] clk: Disabling unused clocks"),
    (0.40, "[    1.460044] Run /init as init process"),
    (0.60, "colibri-imx7 login: root"),
    (1.50, "root@colibri-imx7:~# uname -r"),
    (1.50, "4.14.159-5.7.6+git.bd3e1b1b6d6b"),
]
M4 = [
    (0.40, "RPMSG String Echo FreeRTOS RTOS API Demo..."),
    (0.02, "RPMSG Init as Remote"),
    (0.58, "Name service handshake is done, M4 has setup a rpmsg channel [30 ---> 1024]"),
    (0.10, "[m4] heartbeat 1: adc=0x025"),
    (0.25, "[m4] heartbeat 2: adc=0x04a"),
    (0.25, "[m4] heartbeat 3: adc=0x06f"),
    (0.25, "[m4] heartbeat 4: adc=0x094"),
]


def main():
    feeder, tio, out, name, fmt = sys.argv[1:6]
    work = tempfile.mkdtemp(prefix="tio3-capture-")
    go = os.path.join(work, "go")
    env = dict(os.environ, HOME=work, TZ="UTC")  # no user tio config; stamps in UTC
    runs = {}
    for console, lines in (("a7", A7), ("m4", M4)):
        lines_path = os.path.join(work, f"{console}.json")
        with open(lines_path, "w") as f:
            json.dump([[p, t] for p, t in lines], f)
        log = os.path.join(out, f"{name}-{console}.log")
        if os.path.exists(log):
            os.remove(log)
        ready = os.path.join(work, f"{console}.ready")
        command = [sys.executable, feeder, "--mode", "pty", "--log", log, "--lines", lines_path, "--seen",
                   "--ready", ready, "--go", go, "--",
                   tio, "--timestamp", "--timestamp-format", fmt, "--log", "--log-file", "{log}", "{port}"]
        runs[console] = (subprocess.Popen(command, stdout=subprocess.PIPE, env=env), ready)
    end = time.monotonic() + 60
    while not all(os.path.exists(ready) for _, ready in runs.values()):
        if time.monotonic() > end:
            sys.exit("capture: the tio processes did not get ready")
        time.sleep(0.02)
    open(go, "w").close()
    times = {}
    for console, (process, _) in runs.items():
        output, _ = process.communicate(timeout=60)
        if process.returncode != 0:
            sys.exit(f"capture: the {console} feeder failed ({process.returncode})")
        result = json.loads(output)
        times[console] = {"fed": result["fed"], "seen": result["seen"],
                          "lines": [t for _, t in (A7 if console == "a7" else M4)]}
    with open(os.path.join(out, f"{name}-times.json"), "w") as f:
        json.dump({"tio": tio, "format": fmt, "consoles": times}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
