"""Hosts with their own addresses on one machine, and the network faults between them.

Each host is a Linux network namespace with one veth pair: `eth0` inside, holding the
host's address, and its other end (the host's "cable") on a bridge in the root namespace.
The bridge holds the subnet's first address, so the process that built the network (a
test, a benchmark) reaches every host as a client on the same wire. Processes run on a
host through `ip netns exec`, and share the machine's filesystem.

Faults, each undone by its counterpart while everything keeps running:
- `cut`/`mend`: the host's cable down, then up (`ip link set down`): unreachable.
- `impair`/`repair`: what leaves the host is delayed and a share of it lost. With the
  kernel's `netem` queueing discipline on the host's `eth0` where there is one; a kernel
  built without it (as on the machine these figures come from) gets the same from
  `relay`: the cable is taken off the bridge and a process forwards its frames to a new
  port of the bridge after the delay, dropping the lost share, while frames towards the
  host pass at once (netem on `eth0` also shapes only what the host sends).

`Network.close` stops every process it started and deletes every namespace, interface
and relay it made, also after a failure; names start with the network's prefix, so a
run's leftovers are found and removed by the next run with that prefix.

Run as a script, `python tests/netns.py relay A B --delay-ms N --loss P` is the relay.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Frames a packet socket sees leaving its own interface: the relay skips them.
PACKET_OUTGOING = 4
#: Frames keep their offload header (checksum still to fill in, segments still to cut),
#: so the relay forwards them as the kernel handed them over.
PACKET_VNET_HDR = 15
SOL_PACKET = 263
ETH_P_ALL = 0x0003


def unavailable_reason() -> str | None:
    """Why namespaces cannot be made here (not root, no `ip`, no CAP_NET_ADMIN), or None."""
    if sys.platform != "linux":
        return "network namespaces need Linux"
    if shutil.which("ip") is None:
        return "the `ip` command (iproute2) is not installed"
    if os.geteuid() != 0:
        return "making network namespaces needs root (CAP_NET_ADMIN)"
    probe = f"bsfprobe{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if made.returncode != 0:
        return f"cannot create a network namespace: {made.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return None


def run(*argv: str) -> None:
    """One `ip`/`tc` command; its error output in the exception when it fails."""
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {done.stderr.strip()}")


@dataclass
class Host:
    name: str
    namespace: str
    address: str
    #: The root-namespace end of the host's veth pair (its cable to the bridge).
    cable: str

    @property
    def prefix(self) -> list[str]:
        """Put in front of a command to run it on this host."""
        return ["ip", "netns", "exec", self.namespace]


@dataclass
class Network:
    """A bridge `<prefix>br` on 10.219.<subnet>.0/24 and the hosts added to it."""

    prefix: str
    subnet: int
    hosts: dict[str, Host] = field(default_factory=dict)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    relays: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    impaired_by: dict[str, str] = field(default_factory=dict)

    @property
    def bridge(self) -> str:
        return f"{self.prefix}br"

    @property
    def gateway(self) -> str:
        return f"10.219.{self.subnet}.1"

    def __enter__(self) -> Network:
        self.remove_leftovers()
        try:
            run("ip", "link", "add", self.bridge, "type", "bridge")
            run("ip", "addr", "add", f"{self.gateway}/24", "dev", self.bridge)
            run("ip", "link", "set", self.bridge, "up")
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, name: str) -> Host:
        """A new host with the next address (from .11)."""
        number = len(self.hosts) + 1
        host = Host(
            name, f"{self.prefix}-{name}", f"10.219.{self.subnet}.{10 + number}", f"{self.prefix}{number}"
        )
        self.hosts[name] = host
        run("ip", "netns", "add", host.namespace)
        run("ip", "link", "add", host.cable, "type", "veth", "peer", "name", "eth0", "netns", host.namespace)
        run("ip", "link", "set", host.cable, "master", self.bridge, "up")
        inside = host.prefix
        run(*inside, "ip", "addr", "add", f"{host.address}/24", "dev", "eth0")
        run(*inside, "ip", "link", "set", "eth0", "up")
        run(*inside, "ip", "link", "set", "lo", "up")
        return host

    def spawn(self, host: Host, argv: Sequence[str], log: Path) -> subprocess.Popen[bytes]:
        """Start a process on `host` in its own session; `close` stops it."""
        with open(log, "ab") as out:
            process = subprocess.Popen(
                [*host.prefix, *argv], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        return process

    # -- faults -----------------------------------------------------------------------

    def cut(self, host: Host) -> None:
        run("ip", "link", "set", host.cable, "down")

    def mend(self, host: Host) -> None:
        run("ip", "link", "set", host.cable, "up")

    def impair(self, host: Host, *, delay_ms: int = 0, loss: float = 0.0) -> str:
        """Delay what `host` sends by `delay_ms` and lose `loss` of it; says how ("netem"/"relay")."""
        netem = [*host.prefix, "tc", "qdisc", "add", "dev", "eth0", "root", "netem"]
        netem += ["delay", f"{delay_ms}ms", "loss", f"{loss * 100:g}%"]
        if subprocess.run(netem, capture_output=True).returncode == 0:
            self.impaired_by[host.name] = "netem"
            return "netem"
        inner, outer = f"{host.cable}x", f"{host.cable}y"
        run("ip", "link", "add", inner, "type", "veth", "peer", "name", outer)
        for name in (host.cable, inner, outer):
            # No address and no ARP: the root namespace never answers for the host's wire.
            run("ip", "link", "set", name, "arp", "off")
        run("ip", "link", "set", host.cable, "nomaster")
        run("ip", "link", "set", outer, "master", self.bridge, "up")
        run("ip", "link", "set", inner, "up")
        argv = [sys.executable, __file__, "relay", host.cable, inner, "--delay-ms", str(delay_ms)]
        self.relays[host.name] = subprocess.Popen([*argv, "--loss", str(loss)], start_new_session=True)
        self.impaired_by[host.name] = "relay"
        return "relay"

    def repair(self, host: Host) -> None:
        how = self.impaired_by.pop(host.name, None)
        if how == "netem":
            run(*host.prefix, "tc", "qdisc", "del", "dev", "eth0", "root")
        elif how == "relay":
            _stop(self.relays.pop(host.name))
            subprocess.run(["ip", "link", "del", f"{host.cable}x"], capture_output=True)
            run("ip", "link", "set", host.cable, "arp", "on")
            run("ip", "link", "set", host.cable, "master", self.bridge, "up")

    # -- cleaning up --------------------------------------------------------------------

    def close(self) -> None:
        """Stop every process and relay, delete every namespace and interface made."""
        for process in [*self.processes, *self.relays.values()]:
            _stop(process)
        self.processes.clear()
        self.relays.clear()
        self.impaired_by.clear()
        self.remove_leftovers()
        self.hosts.clear()

    def remove_leftovers(self) -> None:
        """Delete this prefix's namespaces (stopping what still runs in them) and interfaces."""
        listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        for line in listed.splitlines():
            namespace = line.split()[0] if line.split() else ""
            if namespace.startswith(f"{self.prefix}-"):
                pids = subprocess.run(["ip", "netns", "pids", namespace], capture_output=True, text=True)
                for pid in pids.stdout.split():
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(pid), signal.SIGKILL)
                subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
        links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True).stdout
        for line in links.splitlines():
            name = line.split(":")[1].strip().split("@")[0]
            if name.startswith(self.prefix):
                subprocess.run(["ip", "link", "del", name], capture_output=True)


def _stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM to the process's session, SIGKILL after `timeout`."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# -- the relay ----------------------------------------------------------------------------


def relay(slow: str, fast: str, delay_ms: int, loss: float) -> None:
    """Forward frames between two interfaces until killed: those arriving on `slow` leave by
    `fast` after `delay_ms`, except a random `loss` share; the others pass at once."""
    slow_socket, fast_socket = (_packet_socket(name) for name in (slow, fast))
    due: queue.Queue[tuple[float, bytes]] = queue.Queue()

    def delayed() -> None:
        while True:
            when, frame = due.get()
            time.sleep(max(0.0, when - time.monotonic()))
            fast_socket.send(frame)

    def later(frame: bytes) -> None:
        if random.random() >= loss:
            due.put((time.monotonic() + delay_ms / 1000, frame))

    def forward(source: socket.socket, deliver: Callable[[bytes], object]) -> None:
        while True:
            frame, address = source.recvfrom(1 << 17)
            if address[2] != PACKET_OUTGOING:
                deliver(frame)

    threads = [
        threading.Thread(target=delayed, daemon=True),
        threading.Thread(target=forward, args=(slow_socket, later), daemon=True),
        threading.Thread(target=forward, args=(fast_socket, slow_socket.send), daemon=True),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _packet_socket(interface: str) -> socket.socket:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.setsockopt(SOL_PACKET, PACKET_VNET_HDR, 1)
    sock.bind((interface, 0))
    return sock


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Delay and drop the frames one interface receives.")
    parser.add_argument("command", choices=["relay"])
    parser.add_argument("slow")
    parser.add_argument("fast")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--loss", type=float, default=0.0)
    options = parser.parse_args()
    relay(options.slow, options.fast, options.delay_ms, options.loss)
