"""CPU time and memory of a process, and how busy the whole machine is, from /proc."""
import os
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of the process (not its children), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS   # fields 14 and 15 of stat(5)


def memory_kib(pid):
    """(VmRSS, VmHWM) in KiB."""
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


def machine_busy():
    """(busy, total) jiffies summed over all CPUs since boot; idle and iowait count as idle."""
    with open("/proc/stat") as f:
        values = [int(x) for x in f.readline().split()[1:]]
    total = sum(values[:8])          # user nice system idle iowait irq softirq steal
    return total - values[3] - values[4], total


def holds_path(pid, path):
    """Whether the process has `path` open (to know a tool is ready before feeding it)."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False


class CpuWindow:
    """CPU % of one core used by a process between start() and stop()."""

    def __init__(self, pid):
        self.pid = pid
        self.cpu0 = self.t0 = self.cpu = self.seconds = None

    def start(self):
        self.cpu0, self.t0 = cpu_seconds(self.pid), time.monotonic()

    def stop(self):
        self.cpu = cpu_seconds(self.pid) - self.cpu0
        self.seconds = time.monotonic() - self.t0

    @property
    def percent(self):
        return 100.0 * self.cpu / self.seconds if self.seconds else float("nan")


class MachineWindow:
    """How many of the machine's cores were busy between start() and stop(), all processes."""

    def start(self):
        self.busy0, self.total0 = machine_busy()

    def stop(self):
        busy, total = machine_busy()
        self.fraction = (busy - self.busy0) / max(1, total - self.total0)
        self.cores = self.fraction * os.cpu_count()


class RssSampler(threading.Thread):
    """VmRSS of each pid every `interval` s: samples[pid] = [(seconds since start, KiB), ...]."""

    def __init__(self, pids, interval=1.0):
        super().__init__(daemon=True)
        self.pids, self.interval = pids, interval
        self.samples = {pid: [] for pid in pids}
        self.stop_now = False

    def run(self):
        t0 = time.monotonic()
        next_at = t0
        while not self.stop_now:
            now = time.monotonic()
            for pid in self.pids:
                try:
                    self.samples[pid].append((now - t0, memory_kib(pid)[0]))
                except OSError:
                    pass
            next_at += self.interval
            time.sleep(max(0.0, next_at - time.monotonic()))


def slope_kib_per_minute(samples):
    """Least-squares slope of RSS over time, KiB per minute (0 for fewer than two samples)."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mean_t = sum(t for t, _ in samples) / n
    mean_r = sum(r for _, r in samples) / n
    var = sum((t - mean_t) ** 2 for t, _ in samples)
    if var == 0:
        return 0.0
    cov = sum((t - mean_t) * (r - mean_r) for t, r in samples)
    return cov / var * 60.0
