package org.redisee.sample.presence;

/**
 * One WebSocket connection to a room. In Redis it is the member {@code <user>/<node>/<socket id>}: a user with two
 * tabs, or on two nodes, has two entries, and closing one tab leaves the other.
 */
public record Connection(String room, String user, String node, String socketId) {

    String member() {
        return user + "/" + node + "/" + socketId;
    }

    /** Account names have no {@code /}, so the user is what precedes the first one. */
    static String userOf(String member) {
        return member.substring(0, member.indexOf('/'));
    }
}
