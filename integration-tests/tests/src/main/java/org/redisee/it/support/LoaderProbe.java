package org.redisee.it.support;

import java.net.URL;

/** Reads the probe war's class loader views ({@code /probe/api/classloaders} and {@code /probe/api/threadlocals}). */
public final class LoaderProbe {

    private LoaderProbe() {
    }

    /** After a full GC in the server: how many class loaders named like {@code name} are still alive. */
    public static int liveLoaders(URL probe, String name) {
        String body = Http.getOk(probe, "api/classloaders?name=" + name).trim();
        if (!body.startsWith("loaders=")) {
            throw new AssertionError("unexpected answer from the probe: " + body);
        }
        return Integer.parseInt(body.substring("loaders=".length()));
    }

    /** The server threads whose thread-locals hold objects of classes loaded by {@code name} (a text report). */
    public static String threadLocalHolders(URL probe, String name) {
        return Http.getOk(probe, "api/threadlocals?name=" + name).trim();
    }
}
