#!/bin/sh
# Starts a Redis data node or a Redis Sentinel for RedisEE's compose files, with passwords from Docker secrets.
#
#   sh redis-entrypoint.sh server   [extra redis-server arguments...]
#   sh redis-entrypoint.sh sentinel [extra redis-server arguments...]
#   sh redis-entrypoint.sh ping     [port]       healthcheck of a data node: PING as the administrator
#   sh redis-entrypoint.sh ckquorum [port]       healthcheck of a sentinel: SENTINEL CKQUORUM <master>
#
# server:   renders docker/redis/users.acl (a template) into $RUNTIME_DIR/users.acl, replacing each @<secret>@ by
#           `on #<SHA-256 of the password>` (or `off resetpass` when that secret is absent), writes
#           $RUNTIME_DIR/auth.conf (masteruser/masterauth, for replicas), copies redis.conf there (CONFIG REWRITE
#           rewrites the file a server started from), then starts
#           redis-server $RUNTIME_DIR/redis.conf --aclfile ... --include ... <extra arguments>
# sentinel: writes $SENTINEL_DIR/sentinel.conf on the first start only (Sentinel rewrites that file as it learns the
#           topology, so it must persist), then starts redis-server <it> --sentinel <extra arguments>
#
# The passwords never appear on a command line (ps, docker inspect): only in files readable by the redis user.
# Environment (defaults are the container paths; set them to run the same script on a plain machine):
#   SECRETS_DIR   /run/secrets           one file per secret, named as in users.acl
#   CONF_DIR      /usr/local/etc/redis   where redis.conf and users.acl are mounted
#   RUNTIME_DIR   /tmp/redisee           rendered files (not a volume: rendered anew at every start)
#   SENTINEL_DIR  /data                  sentinel.conf (a volume)
#   SENTINEL_MASTER_NAME mymaster, SENTINEL_MASTER_HOST redis-master, SENTINEL_MASTER_PORT 6379,
#   SENTINEL_QUORUM 2, SENTINEL_PORT 26379
#   REDIS_LAUNCH  how to run redis-server: the image's docker-entrypoint.sh when present (it drops root for the
#                 redis user), else redis-server from the PATH
set -eu

mode=${1:-}
[ $# -gt 0 ] && shift
SECRETS_DIR=${SECRETS_DIR:-/run/secrets}
CONF_DIR=${CONF_DIR:-/usr/local/etc/redis}
RUNTIME_DIR=${RUNTIME_DIR:-/tmp/redisee}
SENTINEL_DIR=${SENTINEL_DIR:-/data}

die() { echo "redisee-redis: $*" >&2; exit 1; }
note() { echo "redisee-redis: $*" >&2; }

# Dies unless secret $1 is present, non-empty, and free of whitespace and quotes (it goes into config files).
# Runs in the main shell, never in $(...), so that a bad secret stops the container.
check_secret() {
    file="$SECRETS_DIR/$1"
    [ -r "$file" ] || die "secret $1 is missing ($file); set it in .env (see .env.example)"
    value=$(cat "$file")
    [ -n "$value" ] || die "secret $1 is empty ($file); set it in .env (see .env.example)"
    case $value in
        *[[:space:]\"\'\\]*) die "secret $1 contains whitespace, a quote or a backslash; use e.g. openssl rand -hex 32" ;;
        change-me*) note "WARNING: secret $1 is still the placeholder from .env.example; fine on a laptop, never elsewhere" ;;
    esac
}

# The password in secret file $1 (checked before by check_secret).
secret() { cat "$SECRETS_DIR/$1"; }

has_secret() { [ -r "$SECRETS_DIR/$1" ]; }

sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

launch() {
    if [ -n "${REDIS_LAUNCH:-}" ]; then
        # shellcheck disable=SC2086 # REDIS_LAUNCH is a command with arguments
        exec $REDIS_LAUNCH "$@"
    elif command -v docker-entrypoint.sh >/dev/null 2>&1; then
        exec docker-entrypoint.sh redis-server "$@"
    else
        exec redis-server "$@"
    fi
}

prepare_runtime_dir() {
    umask 077
    mkdir -p "$RUNTIME_DIR"
    if [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1; then
        chown redis "$RUNTIME_DIR" # the image's entrypoint runs redis-server as the redis user
    fi
}

own() {
    if [ "$(id -u)" = 0 ] && id redis >/dev/null 2>&1; then
        chown redis "$@"
    fi
}

render_acl() {
    template="$CONF_DIR/users.acl"
    [ -r "$template" ] || die "ACL template $template is missing"
    rendered="$RUNTIME_DIR/users.acl"
    names=$(grep -v '^#' "$template" | grep -o '@[a-z_]*@' | tr -d @ | sort -u)
    for name in $names; do
        if has_secret "$name"; then
            check_secret "$name"
        fi
    done
    : > "$rendered"
    grep -v -e '^#' -e '^[[:space:]]*$' "$template" | while IFS= read -r line; do
        for name in $names; do
            case $line in *"@$name@"*) ;; *) continue ;; esac
            if has_secret "$name"; then
                replacement="on #$(sha256 "$(secret "$name")")"
            else
                replacement="off resetpass"
            fi
            line=$(printf '%s\n' "$line" | sed "s|@$name@|$replacement|")
        done
        printf '%s\n' "$line" >> "$rendered"
    done
    grep -q '^user default on ' "$rendered" || die "secret redis_admin_password is required (the default user)"
    own "$rendered"
    note "users: $(awk '{print $2 "(" $3 ")"}' "$rendered" | tr '\n' ' ')"
}

write_auth_conf() {
    auth="$RUNTIME_DIR/auth.conf"
    : > "$auth"
    if has_secret redis_replication_password; then
        check_secret redis_replication_password
        printf 'masteruser replication\nmasterauth %s\n' "$(secret redis_replication_password)" >> "$auth"
    fi
    own "$auth"
}

write_sentinel_conf() {
    conf="$SENTINEL_DIR/sentinel.conf"
    if [ -s "$conf" ]; then
        note "keeping $conf (Sentinel's own record of the topology); delete the volume to start afresh"
        return
    fi
    master=${SENTINEL_MASTER_NAME:-mymaster}
    for name in redis_sentinel_password redis_admin_password redisee_app_password; do
        check_secret "$name"
    done
    mkdir -p "$SENTINEL_DIR"
    umask 077
    {
        echo "port ${SENTINEL_PORT:-26379}"
        echo "dir $SENTINEL_DIR"
        # Docker: monitor the master by its service name, and hand host names (not container addresses) to clients
        echo "sentinel resolve-hostnames yes"
        echo "sentinel announce-hostnames yes"
        # the same monitoring settings as the project's test harness (testing/.../RedisSentinel.java)
        echo "sentinel monitor $master ${SENTINEL_MASTER_HOST:-redis-master} ${SENTINEL_MASTER_PORT:-6379} ${SENTINEL_QUORUM:-2}"
        echo "sentinel down-after-milliseconds $master 5000"
        echo "sentinel failover-timeout $master 10000"
        # how this sentinel logs in to the data nodes (user `sentinel` of users.acl)
        echo "sentinel auth-user $master sentinel"
        echo "sentinel auth-pass $master $(secret redis_sentinel_password)"
        # how this sentinel logs in to the other sentinels (their `default` user, below); without it they cannot
        # reach each other, see each other as down after down-after-milliseconds, and CKQUORUM fails
        echo "sentinel sentinel-user default"
        echo "sentinel sentinel-pass $(secret redis_admin_password)"
        # who may talk to this sentinel: the administrator (and the other sentinels), and the application for
        # discovery only
        echo "user default on #$(sha256 "$(secret redis_admin_password)") ~* &* +@all"
        echo "user redisee on #$(sha256 "$(secret redisee_app_password)") resetchannels &* -@all +auth +hello +ping +client|setname +client|getname +client|id +command +role +sentinel|get-master-addr-by-name +sentinel|master +sentinel|myid +sentinel|replicas +sentinel|slaves +sentinel|sentinels +subscribe +psubscribe +unsubscribe +punsubscribe"
    } > "$conf"
    own "$SENTINEL_DIR" "$conf"
}

case $mode in
    server)
        prepare_runtime_dir
        render_acl
        write_auth_conf
        # a copy per start: CONFIG REWRITE (Sentinel sends it after reconfiguring a node) rewrites the file the server
        # was started from, and the mounted original is shared and read-only
        cp "$CONF_DIR/redis.conf" "$RUNTIME_DIR/redis.conf"
        own "$RUNTIME_DIR/redis.conf"
        launch "$RUNTIME_DIR/redis.conf" --aclfile "$RUNTIME_DIR/users.acl" --include "$RUNTIME_DIR/auth.conf" "$@"
        ;;
    sentinel)
        write_sentinel_conf
        launch "$SENTINEL_DIR/sentinel.conf" --sentinel "$@"
        ;;
    ping)
        # the password goes through the environment, not the command line
        REDISCLI_AUTH=$(secret redis_admin_password) redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${1:-6379}" ping | grep -q '^PONG'
        ;;
    ckquorum)
        REDISCLI_AUTH=$(secret redis_admin_password) redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${1:-${SENTINEL_PORT:-26379}}" \
            sentinel ckquorum "${SENTINEL_MASTER_NAME:-mymaster}" | grep -q '^OK'
        ;;
    *)
        die "usage: redis-entrypoint.sh server|sentinel|ping|ckquorum [arguments...]"
        ;;
esac
