#!/usr/bin/env python3
# forge.py CACHE FROM TO [KEYFILE] - a forged kbcheck cache (used by
# tests/determinism): the entry of file TO gets the results of file FROM
# (its body and the body's tag); both named by the end of their paths
# (faq/a.md).  With KEYFILE (a user's cache key,
# cache/trust.h) TO's head is signed again with it, as only the owner of
# that key can.  Both bodies must have the same length: no size changes.
import struct
import sys

M = (1 << 64) - 1


def rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & M


def siphash(key, data):  # SipHash-2-4, as kbcheck/base/siphash.h
    k0, k1 = struct.unpack('<QQ', key)
    v = [k0 ^ 0x736f6d6570736575, k1 ^ 0x646f72616e646f6d,
         k0 ^ 0x6c7967656e657261, k1 ^ 0x7465646279746573]

    def rnd():
        v[0] = (v[0] + v[1]) & M; v[1] = rotl(v[1], 13) ^ v[0]; v[0] = rotl(v[0], 32)
        v[2] = (v[2] + v[3]) & M; v[3] = rotl(v[3], 16) ^ v[2]
        v[0] = (v[0] + v[3]) & M; v[3] = rotl(v[3], 21) ^ v[0]
        v[2] = (v[2] + v[1]) & M; v[1] = rotl(v[1], 17) ^ v[2]; v[2] = rotl(v[2], 32)

    whole = len(data) - len(data) % 8
    tail = data[whole:] + bytes(7 - len(data) % 8) + bytes([len(data) & 0xff])
    for i in range(0, whole + 8, 8):
        m = struct.unpack_from('<Q', data[:whole] + tail, i)[0]
        v[3] ^= m
        rnd(); rnd()
        v[0] ^= m
    v[2] ^= 0xff
    for _ in range(4):
        rnd()
    return v[0] ^ v[1] ^ v[2] ^ v[3]


path, src, dst = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
b = bytearray(open(path, 'rb').read())
at, frames = 48, {}
while at < len(b):
    hl, _, bl, hh, bh = struct.unpack_from('<IIQQQ', b, at)
    n = struct.unpack_from('<I', b, at + 32)[0]
    frames[bytes(b[at + 36:at + 36 + n])] = (at, hl, bl)
    at += 32 + hl + bl
def frame(name):  # the entry of the one file whose path ends with /name
    found = [f for p, f in frames.items() if p.endswith(b'/' + name)]
    assert len(found) == 1, (name, list(frames))
    return found[0]


(fa, fhl, fbl), (ta, thl, tbl) = frame(src), frame(dst)
assert fbl == tbl, (fbl, tbl)
b[ta + 24:ta + 32] = b[fa + 24:fa + 32]
b[ta + 32 + thl:ta + 32 + thl + tbl] = b[fa + 32 + fhl:fa + 32 + fhl + fbl]
if len(sys.argv) > 4:
    key = open(sys.argv[4], 'rb').read()
    head = bytes(b[ta + 32:ta + 32 + thl])
    bh = struct.unpack_from('<Q', b, ta + 24)[0]
    tag = siphash(key, struct.pack('<QQQ', siphash(key, head), tbl, bh))
    struct.pack_into('<Q', b, ta + 16, tag)
open(path, 'wb').write(b)
