package org.redisee.it.support;

import java.net.URL;

/** Reads the probe war's class loader views ({@code /probe/api/classloaders} and {@code /probe/api/holders}). */
public final class LoaderProbe {

    private LoaderProbe() {
    }

    /** After a full GC in the server: how many class loaders that define the class {@code className} are alive. */
    public static int liveLoaders(URL probe, String className) {
        String body = Http.getOk(probe, "api/classloaders?defining=" + className).trim();
        if (!body.startsWith("loaders=")) {
            throw new AssertionError("unexpected answer from the probe: " + body);
        }
        return Integer.parseInt(body.substring("loaders=".length()));
    }

    /**
     * The server threads that hold a loader defining {@code className}: as their context class loader, or through
     * objects of its classes in their thread-locals (a text report).
     */
    public static String threadHolders(URL probe, String className) {
        return Http.getOk(probe, "api/holders?defining=" + className).trim();
    }

    /** Makes the server write a heap dump of its live objects; returns the file's path on the server's host. */
    public static String heapDump(URL probe) {
        Http.Response response = Http.send("POST", Http.resolve(probe, "api/heapdump"), null);
        return response.status() == 200 ? response.body().trim() : "no heap dump: " + response;
    }
}
