package org.redisee.it.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;

import javax.management.ObjectName;

/**
 * Finds class loaders that outlive their deployment, and what holds them.
 * <ul>
 *   <li>{@code GET classloaders?name=deployment.x.war}: runs a full GC, then counts the live class loaders whose
 *       name contains {@code name}, with the JVM's own {@code VM.classloaders} diagnostic command;</li>
 *   <li>{@code GET threadlocals?name=deployment.x.war}: the threads whose thread-locals hold a key or a value whose
 *       class was loaded by such a class loader (needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which
 *       WildFly sets; otherwise it says so).</li>
 * </ul>
 */
@Path("")
@ApplicationScoped
public class LoadersResource {

    @GET
    @Path("classloaders")
    @Produces(MediaType.TEXT_PLAIN)
    public String classLoaders(@QueryParam("name") String name) throws Exception {
        System.gc();
        System.gc();
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String tree = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "vmClassloaders",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        long count = tree.lines().filter(line -> line.contains("\"" + name + "\"") || line.contains(name)).count();
        return "loaders=" + count + "\n";
    }

    @GET
    @Path("threadlocals")
    @Produces(MediaType.TEXT_PLAIN)
    public String threadLocals(@QueryParam("name") String name) {
        Map<String, String> found = new TreeMap<>();
        try {
            Field threadLocals = Thread.class.getDeclaredField("threadLocals");
            Field inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
            threadLocals.setAccessible(true);
            inheritable.setAccessible(true);
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                scan(thread, threadLocals.get(thread), name, found);
                scan(thread, inheritable.get(thread), name, found);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unavailable=" + e + "\n";
        }
        StringBuilder out = new StringBuilder("threads=" + found.size() + "\n");
        found.forEach((thread, what) -> out.append("thread=").append(thread).append(" holds ").append(what).append('\n'));
        return out.toString();
    }

    private static void scan(Thread thread, Object map, String name, Map<String, String> found) throws ReflectiveOperationException {
        if (map == null) {
            return;
        }
        Field tableField = map.getClass().getDeclaredField("table");
        tableField.setAccessible(true);
        Object[] table = (Object[]) tableField.get(map);
        for (Object entry : table) {
            if (entry == null) {
                continue;
            }
            Field valueField = entry.getClass().getDeclaredField("value");
            valueField.setAccessible(true);
            Object key = ((Reference<?>) entry).get();
            Object value = valueField.get(entry);
            for (Object o : new Object[] {key, value}) {
                if (o != null && loadedBy(o.getClass(), name)) {
                    found.merge(thread.getName(), (o == key ? "key " : "value ") + o.getClass().getName(),
                            (a, b) -> a + ", " + b);
                }
            }
        }
    }

    private static boolean loadedBy(Class<?> type, String name) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && String.valueOf(loader).contains(name);
    }
}
