"""Cut a ``kg serve`` worker process off the network, whatever query it is given.

The server refuses SERVICE and LOAD before a query reaches a worker (``kg.sparql_guard``);
this is the second line, for the case that check misses one. A worker only needs the
pipes it inherited from the server, so it can lose every network route. Two independent
layers, each applied when the kernel allows it (Linux only), at the start of the worker
while it is still single-threaded:

* **an empty network namespace** (``unshare(CLONE_NEWNET)``): the worker sees only a
  loopback interface that is down, so any connection fails with "Network is unreachable"
  (127.0.0.1 included: it is the namespace's own loopback, not the host's). Needs
  CAP_SYS_ADMIN (root, as in CI); otherwise it is tried inside a new user namespace
  (``CLONE_NEWUSER | CLONE_NEWNET``), which unprivileged users may create on most
  distributions. Python 3.11 has no ``os.unshare``, so libc is called through ctypes.
* **a seccomp filter** (``prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)``, after
  ``PR_SET_NO_NEW_PRIVS``, so no privilege is needed): ``socket()`` for any family but
  ``AF_UNIX`` fails with EPERM, and so does ``io_uring_setup`` (io_uring can open sockets
  without the ``socket`` system call). Threads started later (Oxigraph's, the lifeline)
  inherit it. x86-64 and AArch64 only.

``isolate_network()`` returns the names of the layers in force, which the worker reports
and ``/health`` shows; an empty list means neither could be applied (not Linux, a
container that forbids both), and the server logs that.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import platform
import socket
import struct
import sys
from typing import Final

__all__ = ["NETNS", "SECCOMP", "isolate_network"]

NETNS: Final = "network namespace"
SECCOMP: Final = "seccomp: no network sockets"

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_SECCOMP_RET_KILL_PROCESS = 0x80000000
# BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_RET_K = 0x06
# seccomp_data offsets: nr (0), arch (4), instruction_pointer (8), args (16 + 8 i)
_ARCH_OFFSET, _NR_OFFSET, _ARG0_OFFSET = 4, 0, 16

#: arch -> (AUDIT_ARCH value, socket nr, io_uring_setup nr)
_ARCHES: Final = {
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True)
    except OSError:
        return None


def _unshare_network(libc: ctypes.CDLL) -> bool:
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def _filter_program(audit_arch: int, nr_socket: int, nr_io_uring: int) -> bytes:
    """The BPF program: on another architecture, kill; ``socket(family != AF_UNIX)`` and
    ``io_uring_setup``: EPERM; anything else: allow."""
    eperm = _SECCOMP_RET_ERRNO | errno.EPERM

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    program = [
        op(_LD_W_ABS, _ARCH_OFFSET),
        op(_JEQ_K, audit_arch, 1, 0),
        op(_RET_K, _SECCOMP_RET_KILL_PROCESS),
        op(_LD_W_ABS, _NR_OFFSET),
        op(_JEQ_K, nr_io_uring, 0, 1),
        op(_RET_K, eperm),
        op(_JEQ_K, nr_socket, 1, 0),
        op(_RET_K, _SECCOMP_RET_ALLOW),
        op(_LD_W_ABS, _ARG0_OFFSET),  # the family (low 32 bits, little-endian)
        op(_JEQ_K, socket.AF_UNIX, 0, 1),
        op(_RET_K, _SECCOMP_RET_ALLOW),
        op(_RET_K, eperm),
    ]
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _install_seccomp(libc: ctypes.CDLL) -> bool:
    arch = _ARCHES.get(platform.machine())
    if arch is None or sys.byteorder != "little":
        return False
    code = _filter_program(*arch)
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    return bool(prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


def isolate_network() -> list[str]:
    """Apply every layer this kernel allows to the calling process; the layers in force.

    Call it while the process has one thread (a user namespace requires it; the seccomp
    filter covers only threads started after it)."""
    if not sys.platform.startswith("linux"):
        return []
    libc = _libc()
    if libc is None:
        return []
    layers = []
    if _unshare_network(libc):
        layers.append(NETNS)
    if _install_seccomp(libc):
        layers.append(SECCOMP)
    return layers
