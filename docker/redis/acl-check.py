#!/usr/bin/env python3
"""Runs, as the `redisee` ACL user of docker/redis/users.acl, the Redis commands RedisEE sends, and a few it must not
be allowed to send. A smoke check of the ACL, not the ACL test: it replays what the code says it does (the Lua scripts
are read from the extension's sources, Redisson's lock scripts are copied from Redisson 4.7.0's RedissonLock), it does
not run the extension. Standard library only.

    python3 docker/redis/acl-check.py --port 6379 --password "$REDISEE_APP_PASSWORD" [--host h] [--cluster]

With --cluster, a command answered with MOVED is sent again to the node named in the reply, and locks publish with
SPUBLISH, as Redisson does on a cluster. Exits 1 if any expectation fails; the last line is 'N passed, N failed'.
"""
import argparse
import pathlib
import re
import socket
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXT = ROOT / "extension/src/main/java/org/redisee"


class Error(Exception):
    pass


class Conn:
    def __init__(self, host, port, user, password):
        self.sock = socket.create_connection((host, port), timeout=5)
        self.file = self.sock.makefile("rb")
        reply = self.call("AUTH", user, password)
        if reply != "OK":
            raise SystemExit(f"AUTH as {user} failed: {reply}")

    def send(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(b), b))
        self.sock.sendall(b"".join(out))

    def read(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return Error(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.file.read(n + 2)[:-2]
            return data.decode(errors="replace")
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise SystemExit(f"unexpected reply {line!r}")

    def call(self, *args):
        self.send(*args)
        return self.read()


def java_text_blocks(path, names):
    """Text blocks (\"\"\"...\"\"\") and concatenated literals assigned to the named constants or enum values."""
    source = path.read_text()
    found = {}
    for name in names:
        m = re.search(r'\b' + name + r'\s*(?:=|\()\s*(.*?)(?:;\s*$|\),\s*$|\);\s*$)', source, re.S | re.M)
        if not m:
            raise SystemExit(f"{name} not found in {path}")
        expr = m.group(1)
        parts = []
        for tok in re.finditer(r'"""\n(.*?)"""|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.]*)', expr, re.S):
            if tok.group(1) is not None:
                parts.append(tok.group(1))
            elif tok.group(2) is not None:
                parts.append(bytes(tok.group(2), "utf-8").decode("unicode_escape"))
            elif tok.group(3) == "Lua.PREAMBLE":
                parts.append(java_text_blocks(path, ["PREAMBLE"])["PREAMBLE"])
            elif tok.group(3) == "CacheEvent.MAX_PAYLOAD":
                parts.append("65536")
        found[name] = "".join(parts)
    return found


# Redisson 4.7.0, org.redisson.RedissonLock#tryLockInnerAsync and #unlockInnerAsync
LOCK = ("if ((redis.call('exists', KEYS[1]) == 0) or (redis.call('hexists', KEYS[1], ARGV[2]) == 1)) then "
        "redis.call('hincrby', KEYS[1], ARGV[2], 1); redis.call('pexpire', KEYS[1], ARGV[1]); return nil; end; "
        "return redis.call('pttl', KEYS[1]);")
UNLOCK = ("local val = redis.call('get', KEYS[3]); if val ~= false then return tonumber(val);end; "
          "if (redis.call('hexists', KEYS[1], ARGV[3]) == 0) then return nil;end; "
          "local counter = redis.call('hincrby', KEYS[1], ARGV[3], -1); "
          "if (counter > 0) then redis.call('pexpire', KEYS[1], ARGV[2]); redis.call('set', KEYS[3], 0, 'px', ARGV[5]); "
          "return 0; else redis.call('del', KEYS[1]); redis.call(ARGV[4], KEYS[2], ARGV[1]); "
          "redis.call('set', KEYS[3], 1, 'px', ARGV[5]); return 1; end; ")
# org.redisson.renewal.LockTask (the watchdog)
RENEW = ("local result = {} for i = 1, #KEYS, 1 do if (redis.call('hexists', KEYS[i], ARGV[i + 1]) == 1) then "
         "redis.call('pexpire', KEYS[i], ARGV[1]); table.insert(result, 1); else table.insert(result, 0); end; end; "
         "return result;")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=6379)
    ap.add_argument("--user", default="redisee")
    ap.add_argument("--password", required=True)
    ap.add_argument("--cluster", action="store_true")
    args = ap.parse_args()

    cache = java_text_blocks(EXT / "cache/RedisCache.java",
                             ["STORE_AND_UNLOCK", "VALUE_OR_LOCK", "SET_AND_INVALIDATE", "DELETE_AND_INVALIDATE"])
    rate = java_text_blocks(EXT / "ratelimit/RateLimitAlgorithm.java", ["FIXED_WINDOW", "SLIDING_WINDOW", "TOKEN_BUCKET"])
    session = java_text_blocks(EXT / "session/RedisSessionStore.java", ["CLAIM", "WRITE", "INDEX"])

    c = Conn(args.host, args.port, args.user, args.password)
    tag = "{acl-check}"
    entry, lock, chan = f"redisee:cache:acl:{tag}", f"redisee:cache:acl:{tag}:lock", "redisee:cache:acl:events"
    rl = f"redisee:ratelimit:{tag}"
    skey, sexp, sprin = f"redisee:session:{tag}", "redisee:session:expiries", f"redisee:session:principal:{tag}"
    rlock = f"redisee:lock:{tag}"
    latch = f"redisson_unlock_latch:{rlock}:req1"
    lchan = f"redisson_lock__channel:{rlock}"
    stream = f"redisee:topic:acl{tag}:stream"
    publish = "SPUBLISH" if args.cluster else "PUBLISH"

    ok, noperm = "ok", "noperm"
    checks = [
        # connection set-up and topology, as Redisson and the health probe send them
        (ok, "PING"), (ok, "CLIENT", "SETNAME", "redisee-default"), (ok, "INFO", "replication"), (ok, "INFO"),
        (ok, "CLUSTER", "NODES"), (ok, "READONLY"), (ok, "READWRITE"), (ok, "PUBSUB", "NUMPAT"), (ok, "PUBSUB", "SHARDNUMSUB", "0"), (ok, "WAIT", "0", "0"),
        # caches
        (ok, "SET", entry, '{"id":"u42"}', "PX", "60000"), (ok, "GET", entry), (ok, "GETEX", entry, "PX", "60000"),
        (ok, "EVAL", cache["VALUE_OR_LOCK"], "2", entry, lock, "token", "10000", "0"),
        (ok, "EVAL", cache["STORE_AND_UNLOCK"], "2", entry, lock, '{"id":"u42"}', "60000", "token", chan, "L|x|1|u", "null"),
        (ok, "EVAL", cache["SET_AND_INVALIDATE"], "1", entry, "{}", "60000", chan, "I|x|1|u"),
        (ok, "EVAL", cache["DELETE_AND_INVALIDATE"], "1", entry, chan, "I|x|1|u"),
        (ok, "SCAN", "0", "MATCH", "redisee:cache:acl:{*}", "COUNT", "100"), (ok, "DEL", entry),
        (ok, "SCRIPT", "LOAD", cache["VALUE_OR_LOCK"]),
        # rate limits, each algorithm once allowed
        (ok, "EVAL", rate["FIXED_WINDOW"], "1", rl + "f", "5", "60000000", "1"),
        (ok, "EVAL", rate["SLIDING_WINDOW"], "1", rl + "s", "5", "60000000", "1"),
        (ok, "EVAL", rate["TOKEN_BUCKET"], "1", rl + "t", "5", "60000000", "1"),
        # sessions
        (ok, "EVAL", session["WRITE"], "1", skey, "60000", "1", "#created", "1"),
        (ok, "EVAL", session["INDEX"], "1", sprin, "1", "sid", "60000"),
        (ok, "HGETALL", skey), (ok, "ZADD", sexp, "1", "sid"), (ok, "ZRANGE", sprin, "0", "-1", "WITHSCORES"),
        (ok, "ZREM", sprin, "sid"), (ok, "PUBLISH", "redisee:session:changes", "node sid"), (ok, "DEL", skey),
        # @Locked: Redisson's RLock, its watchdog, its unlock (which also writes a latch and publishes)
        (ok, "EVAL", LOCK, "1", rlock, "30000", "node:1"), (ok, "EVAL", RENEW, "1", rlock, "30000", "node:1"),
        (ok, "EVAL", UNLOCK, "3", rlock, lchan, latch, "0", "30000", "node:1", publish, "10000"),
        # events
        (ok, "PUBLISH", "redisee:topic:chat", "{}"), (ok, "SPUBLISH", "redisee:topic:chat", "{}"),
        (ok, "XADD", stream, "MINID", "0-0", "*", "event", "{}"),
        (ok, "XGROUP", "CREATE", stream + "x", "node-1", "$", "MKSTREAM"),
        (ok, "XREADGROUP", "GROUP", "node-1", "redisee", "COUNT", "10", "STREAMS", stream + "x", ">"),
        (ok, "XACK", stream + "x", "node-1", "0-1"), (ok, "DEL", stream, stream + "x"),
        # a plain client: the sample app's chat data with chat.key-prefix=redisee:chat (docker/app/compose.yaml)
        (ok, "INCR", "redisee:sample:acl-check"), (ok, "DEL", "redisee:sample:acl-check"),
        (ok, "RPUSH", "redisee:chat:messages:acl", "{}"), (ok, "LTRIM", "redisee:chat:messages:acl", "-100", "-1"),
        (ok, "PEXPIRE", "redisee:chat:messages:acl", "60000"), (ok, "LRANGE", "redisee:chat:messages:acl", "0", "-1"),
        (ok, "ZADD", "redisee:chat:rooms:active", "XX", "1", "lobby"), (ok, "ZADD", "redisee:chat:online", "1", "c1"),
        (ok, "ZRANGEBYSCORE", "redisee:chat:online", "-inf", "(2"), (ok, "ZSCAN", "redisee:chat:online", "0"),
        (ok, "ZREMRANGEBYSCORE", "redisee:chat:online", "-inf", "(2"),
        (ok, "HSETNX", "redisee:chat:users:acl", "password", "x"), (ok, "HSET", "redisee:chat:users:acl", "name", "A"),
        (ok, "HGETALL", "redisee:chat:users:acl"), (ok, "SET", "redisee:chat:blacklist:acl", "u", "PX", "60000"),
        (ok, "EXISTS", "redisee:chat:blacklist:acl"),
        (ok, "DEL", "redisee:chat:messages:acl"), (ok, "DEL", "redisee:chat:users:acl"),
        (ok, "DEL", "redisee:chat:blacklist:acl"),
        (noperm, "RPUSH", "chat:messages:acl", "{}"),
        # what this user must not do
        (noperm, "GET", "other:key"), (noperm, "SET", "jcache_timeout_set:{x}", "1"), (noperm, "KEYS", "*"),
        (noperm, "FLUSHALL"), (noperm, "CONFIG", "GET", "maxmemory"), (noperm, "DEBUG", "SLEEP", "0"),
        (noperm, "PUBLISH", "other-channel", "x"), (noperm, "ACL", "LIST"), (noperm, "SHUTDOWN"),
    ]
    nodes = {}

    def call(command):
        reply = c.call(*command)
        if isinstance(reply, Error) and str(reply).startswith("MOVED") and args.cluster:
            host, port = str(reply).split()[2].rsplit(":", 1)
            if (host, port) not in nodes:
                nodes[(host, port)] = Conn(host, int(port), args.user, args.password)
            reply = nodes[(host, port)].call(*command)
        return reply

    failures = 0
    for expect, *command in checks:
        reply = call(command)
        text = str(reply)
        denied = isinstance(reply, Error) and text.startswith("NOPERM")
        good = denied if expect == noperm else not denied
        if not good or (expect == ok and isinstance(reply, Error) and not text.startswith("ERR This instance has cluster support disabled")):
            failures += 1
            print(f"FAIL {' '.join(str(a)[:40] for a in command)[:100]} -> {text[:160]}")
        else:
            print(f"ok   {' '.join(str(a)[:40] for a in command)[:100]} -> {text[:60]}")

    # Subscriptions: each on a connection of its own, as Redisson's subscription connections are.
    subs = [(ok, "SUBSCRIBE", "redisee:topic:chat"), (ok, "SSUBSCRIBE", "redisee:topic:chat"),
            (ok, "SUBSCRIBE", lchan), (ok, "SSUBSCRIBE", lchan),
            # a @RedisTopic("rooms.*") observer: PSUBSCRIBE is checked literally against the allowed patterns
            (noperm, "PSUBSCRIBE", "redisee:topic:rooms.*"), (noperm, "SUBSCRIBE", "elsewhere")]
    for expect, *command in subs:
        s = Conn(args.host, args.port, args.user, args.password)
        reply = s.call(*command)
        if isinstance(reply, Error) and str(reply).startswith("MOVED") and args.cluster:
            host, port = str(reply).split()[2].rsplit(":", 1)
            reply = Conn(host, int(port), args.user, args.password).call(*command)
        text = str(reply)
        denied = isinstance(reply, Error) and text.startswith("NOPERM")
        good = denied if expect == noperm else (isinstance(reply, list) and not denied)
        failures += 0 if good else 1
        print(f"{'ok  ' if good else 'FAIL'} {' '.join(command)} -> {text[:80]}")
    print(f"{len(checks) + len(subs) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
