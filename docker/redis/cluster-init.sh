#!/bin/sh
# Forms the Redis Cluster of docker/redis-cluster/compose.yaml once, then stays up as the "cluster is ok" gate.
#
#   sh cluster-init.sh form    forms the cluster if its nodes are all empty, leaves it alone if it is already
#                              formed, waits until every node reports cluster_state:ok, then keeps running
#   sh cluster-init.sh check   healthcheck: every node reports cluster_state:ok
#
# Forming is `redis-cli --cluster create <6 nodes> --cluster-replicas 1 --cluster-yes`, as the administrator (the
# `default` user; its password from the secret redis_admin_password, passed in REDISCLI_AUTH, never on a command
# line). CLUSTER MEET needs IP addresses, so the service names are resolved first.
#
# Environment: CLUSTER_NODES (host:port list, default redis-node-1:6379 ... redis-node-6:6379), CLUSTER_REPLICAS (1),
# SECRETS_DIR (/run/secrets), FORM_TIMEOUT seconds (60), STAY (yes: keep running after forming; no: exit 0).
set -eu

NODES=${CLUSTER_NODES:-redis-node-1:6379 redis-node-2:6379 redis-node-3:6379 redis-node-4:6379 redis-node-5:6379 redis-node-6:6379}
SECRETS_DIR=${SECRETS_DIR:-/run/secrets}
REDISCLI_AUTH=$(cat "$SECRETS_DIR/redis_admin_password")
export REDISCLI_AUTH

die() { echo "cluster-init: $*" >&2; exit 1; }
note() { echo "cluster-init: $*" >&2; }

host() { echo "${1%:*}"; }
port() { echo "${1##*:}"; }

# host:port with the host resolved to an IPv4 address (CLUSTER MEET takes addresses, not names)
resolved() {
    h=$(host "$1")
    case $h in
        *[!0-9.]*) ip=$(getent ahostsv4 "$h" | awk 'NR == 1 {print $1}') ;;
        *) ip=$h ;;
    esac
    [ -n "$ip" ] || die "cannot resolve $h"
    echo "$ip:$(port "$1")"
}

info_field() { # node field
    redis-cli -h "$(host "$1")" -p "$(port "$1")" cluster info 2>/dev/null | tr -d '\r' | sed -n "s/^$2://p"
}

all_ok() {
    for node in $NODES; do
        [ "$(info_field "$node" cluster_state)" = ok ] || return 1
    done
}

form() {
    count=$(echo "$NODES" | wc -w)
    empty=0
    formed=0
    for node in $NODES; do
        known=$(info_field "$node" cluster_known_nodes)
        assigned=$(info_field "$node" cluster_slots_assigned)
        [ -n "$known" ] || die "$node does not answer CLUSTER INFO (is it up, with cluster-enabled yes?)"
        if [ "$known" = 1 ] && [ "$assigned" = 0 ]; then
            empty=$((empty + 1))
        elif [ "$known" = "$count" ]; then
            formed=$((formed + 1))
        fi
    done
    if [ "$empty" = "$count" ]; then
        addresses=""
        for node in $NODES; do
            addresses="$addresses $(resolved "$node")"
        done
        note "forming the cluster:$addresses"
        # shellcheck disable=SC2086 # one argument per node
        redis-cli --cluster create $addresses --cluster-replicas "${CLUSTER_REPLICAS:-1}" --cluster-yes
    elif [ "$formed" = "$count" ]; then
        note "the cluster is already formed (every node knows $count nodes); nothing to do"
    else
        die "the nodes are neither all empty nor all in one cluster ($empty empty, $formed formed of $count);" \
            "fix it with redis-cli --cluster check/fix, or start afresh with docker compose down -v"
    fi
    waited=0
    until all_ok; do
        [ "$waited" -lt "${FORM_TIMEOUT:-60}" ] || die "the cluster is not ok after ${FORM_TIMEOUT:-60} s"
        sleep 1
        waited=$((waited + 1))
    done
    note "cluster_state:ok on all $count nodes"
    redis-cli --cluster check "$(resolved "$(echo "$NODES" | awk '{print $1}')")" || true
}

case ${1:-} in
    form)
        form
        if [ "${STAY:-yes}" = yes ]; then
            trap 'exit 0' TERM INT
            while :; do sleep 3600 & wait $!; done
        fi
        ;;
    check)
        all_ok
        ;;
    *)
        die "usage: cluster-init.sh form|check"
        ;;
esac
