#!/usr/bin/env bash
# The RSVP daemon on a real (namespaced) network: h1 - r1 - r2 - r3 - h2 joined by veth links, one daemon per
# namespace over raw IP, a 1 Mbit/s reservation from h2 back to h1, status of every node, teardown. Needs root
# (ip netns); everything it creates is deleted on exit, also on Ctrl-C or failure.
# Usage: build/namespace-demo.sh [--udp | --ipv6]
#   --udp:  h1 and h2 are UDP-only hosts (RFC 2205 Appendix C, port 1698), run without CAP_NET_RAW when capsh is
#           installed; the routers stay on raw IP and r3's interface toward h2 is configured udp-hosts: true.
#   --ipv6: the same chain on IPv6 (fd00:99:K::/64 per link, each interface's address: in its node.yaml).
set -euo pipefail
UDP=0
V6=0
case "${1:-}" in
    --udp) UDP=1 ;;
    --ipv6) V6=1 ;;
    "") ;;
    *) echo "namespace-demo: unknown option '$1'; usage: build/namespace-demo.sh [--udp | --ipv6]" >&2; exit 2 ;;
esac
# Link K's end E (1 left, 2 right), its subnet, and the prefix length.
addr() { if [ "$V6" -eq 1 ]; then echo "fd00:99:$1::$2"; else echo "10.99.$1.$2"; fi; }
net() { if [ "$V6" -eq 1 ]; then echo "fd00:99:$1::/64"; else echo "10.99.$1.0/24"; fi; }
LEN=24; NODAD=(); [ "$V6" -eq 1 ] && LEN=64 && NODAD=(nodad)
DEST="$(addr 3 2)"
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "namespace-demo: run as root (it creates network namespaces)" >&2; exit 2; }
command -v ip >/dev/null || { echo "namespace-demo: needs iproute2 (apt-get install iproute2)" >&2; exit 2; }

P="rcdemo$$"
WORK="$(mktemp -d)"
NODES=(h1 r1 r2 r3 h2)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for n in "${NODES[@]}"; do ip netns del "$P-$n" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

./rsvp-console --version >/dev/null   # builds on first use
for n in "${NODES[@]}"; do ip netns add "$P-$n"; done
for i in 0 1 2 3; do
    a="${NODES[$i]}"; b="${NODES[$((i + 1))]}"
    ip link add name right netns "$P-$a" type veth peer name left netns "$P-$b"
    # nodad: an IPv6 address is usable at once, not after duplicate address detection.
    ip -n "$P-$a" addr add "$(addr "$i" 1)/$LEN" dev right "${NODAD[@]}"; ip -n "$P-$a" link set right up
    ip -n "$P-$b" addr add "$(addr "$i" 2)/$LEN" dev left "${NODAD[@]}"; ip -n "$P-$b" link set left up
done
for i in 0 1 2 3 4; do
    ns="$P-${NODES[$i]}"
    ip -n "$ns" link set lo up
    for k in 0 1 2 3; do
        if [ "$k" -lt $((i - 1)) ]; then ip -n "$ns" route add "$(net "$k")" via "$(addr $((i - 1)) 1)"; fi
        if [ "$k" -gt "$i" ]; then ip -n "$ns" route add "$(net "$k")" via "$(addr "$i" 2)"; fi
    done
    fwd=1; { [ "$i" -eq 0 ] || [ "$i" -eq 4 ]; } && fwd=0
    ip netns exec "$ns" sysctl -q -w "net.ipv4.ip_forward=$fwd" -w net.ipv4.conf.all.rp_filter=0
    [ "$V6" -eq 1 ] && ip netns exec "$ns" sysctl -q -w "net.ipv6.conf.all.forwarding=$fwd"
    role=router; { [ "$i" -eq 0 ] || [ "$i" -eq 4 ]; } && role=host
    udp=0; [ "$UDP" -eq 1 ] && [ "$role" = host ] && udp=1
    {
        echo "node: ${NODES[$i]}"; echo "role: $role"; echo "refresh: 5s"
        [ "$udp" -eq 1 ] && echo "encapsulation: udp"
        echo "control-socket: $WORK/${NODES[$i]}.sock"; echo "interfaces:"
        if [ "$i" -gt 0 ]; then
            printf '  - name: left\n    bandwidth: 10M\n    per-flow: 5M\n'
            [ "$V6" -eq 1 ] && printf '    address: %s\n' "$(addr $((i - 1)) 2)"
        fi
        if [ "$i" -lt 4 ]; then
            printf '  - name: right\n    bandwidth: 10M\n    per-flow: 5M\n'
            [ "$V6" -eq 1 ] && printf '    address: %s\n' "$(addr "$i" 1)"
        fi
        # Appendix C: h2's LAN sends no Path, so r3 is told that UDP-only hosts live there.
        [ "$UDP" -eq 1 ] && [ "$i" -eq 3 ] && printf '    udp-hosts: true\n'
    } > "$WORK/${NODES[$i]}.yaml"
    cmd=(./rsvp-console daemon --config "$WORK/${NODES[$i]}.yaml")
    if [ "$udp" -eq 1 ] && command -v capsh >/dev/null; then
        printf -v quoted '%q ' "${cmd[@]}"
        cmd=(capsh --drop=cap_net_raw -- -c "exec $quoted")
    fi
    ip netns exec "$ns" "${cmd[@]}" 2>"$WORK/${NODES[$i]}.log" &
    PIDS+=($!)
done
for n in "${NODES[@]}"; do
    for _ in $(seq 100); do [ -S "$WORK/$n.sock" ] && break; sleep 0.1; done
done
echo "== h1 announces a 1 Mbit/s sender to $DEST port 5004"
./rsvp-console sender --socket "$WORK/h1.sock" -d "$DEST" -p 5004 --rate 1M --burst 10kB
sleep 1
echo "== h2 reserves 1 Mbit/s (like rsvp_reserve -d $DEST -p 5004 -b 1000000)"
./rsvp-console reserve --socket "$WORK/h2.sock" -d "$DEST" -p 5004 -b 1M
sleep 1
for n in "${NODES[@]}"; do echo "== status of $n"; ./rsvp-console status --socket "$WORK/$n.sock"; done
echo "== r2 as JSON"; ./rsvp-console status --json --socket "$WORK/r2.sock"
if [ "$UDP" -eq 1 ]; then
    echo "== r1 as JSON (udp_hops, udp_interfaces: what it learned from h1's UDP Path)"
    ./rsvp-console status --json --socket "$WORK/r1.sock"
fi
echo "== teardown"
./rsvp-console teardown --socket "$WORK/h2.sock" -d "$DEST" -p 5004
./rsvp-console teardown --socket "$WORK/h1.sock" -d "$DEST" -p 5004
sleep 1
./rsvp-console status --socket "$WORK/r2.sock"
