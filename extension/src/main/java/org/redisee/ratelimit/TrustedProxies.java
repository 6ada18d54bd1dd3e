package org.redisee.ratelimit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose {@code X-Forwarded-For} header is believed. The client's address is the right-most address in
 * that header that is not itself a trusted proxy; anyone else could put any address there.
 */
public final class TrustedProxies {

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** From addresses and CIDR ranges; literal IP addresses only, never host names (no DNS lookups). */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range"));
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length out of range");
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(ranges);
    }

    /** The client's address, given the connection's peer address and the {@code X-Forwarded-For} header (or null). */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(remoteAddress)) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!trusted(hop)) {
                return literal(hop).isPresent() ? hop : remoteAddress;
            }
        }
        return remoteAddress;
    }

    private boolean trusted(String address) {
        Optional<byte[]> bytes = literal(address);
        return bytes.isPresent() && ranges.stream().anyMatch(r -> r.contains(bytes.get()));
    }

    /** The bytes of a literal IPv4 or IPv6 address; empty for anything else, without a DNS lookup. */
    private static Optional<byte[]> literal(String text) {
        String candidate = text.trim();
        boolean looksLiteral = candidate.matches("[0-9.]+") || (candidate.contains(":") && candidate.matches("[0-9a-fA-F:.\\[\\]]+"));
        if (!looksLiteral) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int shift = address.length * 8 - bits;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
