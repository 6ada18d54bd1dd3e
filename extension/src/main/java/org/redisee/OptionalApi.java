package org.redisee;

/** Probes for APIs a server may lack (MicroProfile Health, MicroProfile Metrics, Micrometer) without linking to them. */
public final class OptionalApi {

    private OptionalApi() {
    }

    public static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
