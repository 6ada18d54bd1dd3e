package org.redisee.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.redisee.Redis;

import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Uses a JCache cache that the configuration declares ({@code redisee.jcache.<cache>.*}), so a test can see its
 * MXBeans come and go with the application. Qualified with {@code @Redis}: on Payara, the unqualified
 * {@code CacheManager} is the server's own.
 */
@Path("jcache")
@RequestScoped
public class JCacheResource {

    @Inject
    @Redis
    CacheManager manager;

    /** Stores {@code key} in the cache unless present, and returns the cached value. */
    @GET
    @Path("{cache}/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    public String value(@PathParam("cache") String cacheName, @PathParam("key") String key) {
        Cache<String, String> cache = manager.getCache(cacheName);
        if (cache == null) {
            throw new jakarta.ws.rs.NotFoundException("No cache " + cacheName + " is declared");
        }
        cache.putIfAbsent(key, "value of " + key);
        return cache.get(key);
    }
}
