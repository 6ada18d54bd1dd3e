package org.redisee.sample.account;

/** The body of a sign-in or a registration. */
public record Credentials(String name, String password) {
}
