package org.redisee.sample.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.redisee.cache.CacheKeyParam;
import org.redisee.cache.CacheUpdate;
import org.redisee.cache.Cached;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.account.Accounts;

/**
 * Profiles, read through RedisEE's cache "profiles". Every message sent reads its author's profile, so the cache
 * keeps a copy on each node ({@code redisee.cache.profiles.near-cache=true}): a hit costs no Redis round trip, and an
 * update on any node removes the other nodes' copies.
 */
@ApplicationScoped
public class ProfileService {

    @Inject
    Accounts accounts;

    /** The profile, or null for an unknown name (null is not cached). */
    @Cached(cache = "profiles")
    public Profile profile(String name) {
        return accounts.profile(name).orElse(null);
    }

    /** Saves the change; the cache then holds the new profile, on every node. */
    @CacheUpdate(cache = "profiles")
    public Profile update(@CacheKeyParam String name, ProfileChange change) {
        Profile current = accounts.profile(name)
                .orElseThrow(() -> ErrorBody.exception(Response.Status.NOT_FOUND, "There is no user " + name + "."));
        return accounts.saveProfile(current.with(change));
    }
}
