package org.redisee.it.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.TreeMap;

import javax.management.ObjectName;

/**
 * Finds class loaders that outlive their deployment, and what holds them. A deployment's loader is known by a class
 * it defines (a war with RedisEE defines its own {@code org.redisee.RedisExtension}), since servers name their loaders
 * differently (WildFly {@code deployment.x.war}; Payara not at all).
 * <ul>
 *   <li>{@code GET classloaders?defining=org.redisee.RedisExtension}: runs a full GC, then counts the live class
 *       loaders that define that class, with the JVM's own {@code VM.classloaders show-classes} diagnostic command;</li>
 *   <li>{@code GET holders?defining=org.redisee.RedisExtension}: how many such loaders the server's threads hold,
 *       and how: as their context class loader, through a key or a value of their thread-locals (needs
 *       {@code --add-opens java.base/java.lang=ALL-UNNAMED}; otherwise it says so), or through the server objects
 *       their own thread class caches;</li>
 *   <li>{@code POST heapdump}: writes a heap dump of the live objects to the server's temporary directory and answers
 *       its path, for finding what holds a loader that should be gone.</li>
 * </ul>
 */
@Path("")
@ApplicationScoped
public class LoadersResource {

    @GET
    @Path("classloaders")
    @Produces(MediaType.TEXT_PLAIN)
    public String classLoaders(@QueryParam("defining") String className) throws Exception {
        System.gc();
        System.gc();
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        // fold=false: loaders of the same class and name would otherwise be shown, with their classes, as one
        String tree = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "vmClassloaders",
                new Object[] {new String[] {"show-classes=true", "fold=false"}},
                new String[] {String[].class.getName()});
        long count = tree.lines().filter(line -> line.endsWith(" " + className)).count();
        return "loaders=" + count + "\n";
    }

    @POST
    @Path("heapdump")
    @Produces(MediaType.TEXT_PLAIN)
    public String heapDump() throws Exception {
        java.io.File file = new java.io.File(System.getProperty("java.io.tmpdir"), "redisee-" + System.currentTimeMillis() + ".hprof");
        // through the MBean server: a deployment on WildFly does not see the com.sun.management classes
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=HotSpotDiagnostic"),
                "dumpHeap", new Object[] {file.getAbsolutePath(), true}, new String[] {String.class.getName(), "boolean"});
        return file.getAbsolutePath() + "\n";
    }

    @GET
    @Path("holders")
    @Produces(MediaType.TEXT_PLAIN)
    public String holders(@QueryParam("defining") String className) {
        Map<String, String> found = new TreeMap<>();
        Set<ClassLoader> loaders = Collections.newSetFromMap(new IdentityHashMap<>());
        BiConsumer<Thread, Object> hold = (thread, what) -> {
            ClassLoader loader = what instanceof ClassLoader l ? l : what.getClass().getClassLoader();
            if (defines(loader, className)) {
                loaders.add(loader);
                found.merge(thread.getName(), what instanceof ClassLoader ? "its context class loader"
                        : "a " + what.getClass().getName(), (a, b) -> a.contains(b) ? a : a + ", " + b);
            }
        };
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        threads.stream().filter(thread -> thread.getContextClassLoader() != null)
                .forEach(thread -> hold.accept(thread, thread.getContextClassLoader()));
        StringBuilder problems = new StringBuilder();
        try {
            Field threadLocals = Thread.class.getDeclaredField("threadLocals");
            Field inheritable = Thread.class.getDeclaredField("inheritableThreadLocals");
            threadLocals.setAccessible(true);
            inheritable.setAccessible(true);
            for (Thread thread : threads) {
                scan(thread, threadLocals.get(thread), hold);
                scan(thread, inheritable.get(thread), hold);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            problems.append("threadLocalsUnavailable=").append(e).append('\n');
        }
        threads.forEach(thread -> walkServerCaches(thread, hold));
        StringBuilder out = new StringBuilder("loaders=" + loaders.size() + "\n").append(problems);
        found.forEach((thread, what) -> out.append("thread=").append(thread).append(" holds ").append(what).append('\n'));
        return out.toString();
    }

    /** Packages of server objects that pool threads cache between requests, and which may hold a request's session. */
    private static final List<String> SERVER_CACHE_PACKAGES = List.of("org.glassfish.grizzly.", "org.glassfish.tyrus.",
            "com.sun.enterprise.web.", "org.apache.catalina.");

    /**
     * Follows the fields a server's own thread class declares (Grizzly's per-thread object cache on Payara) through
     * server objects, and reports each application object met: Payara keeps recycled requests in that cache, and a
     * request upgraded to a WebSocket keeps Tyrus's upgrade handler, which holds the handshake's HTTP session.
     */
    private static void walkServerCaches(Thread thread, BiConsumer<Thread, Object> hold) {
        Deque<Object> next = new ArrayDeque<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Class<?> type = thread.getClass(); type != Thread.class && type != null; type = type.getSuperclass()) {
            addFields(thread, type, next);
        }
        int budget = 20_000;
        while (!next.isEmpty() && budget-- > 0) {
            Object object = next.poll();
            if (!seen.add(object) || object instanceof ClassLoader || object instanceof Class) {
                continue;
            }
            Class<?> type = object.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (Object element : (Object[]) object) {
                        if (element != null) {
                            next.add(element);
                        }
                    }
                }
            } else if (SERVER_CACHE_PACKAGES.stream().anyMatch(type.getName()::startsWith)) {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    addFields(object, c, next);
                }
            } else {
                hold.accept(thread, object);
            }
        }
    }

    private static void addFields(Object object, Class<?> declaring, Deque<Object> next) {
        for (Field field : declaring.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                continue;
            }
            try {
                field.setAccessible(true);
                Object value = field.get(object);
                if (value != null) {
                    next.add(value);
                }
            } catch (RuntimeException | IllegalAccessException notOpen) {
                // a field of a module that is not open to us: not a server cache
            }
        }
    }

    private static void scan(Thread thread, Object map, BiConsumer<Thread, Object> hold) throws ReflectiveOperationException {
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
                if (o != null) {
                    hold.accept(thread, o);
                }
            }
        }
    }

    /** Whether {@code loader} itself defines the class (not a parent of it). A closed loader may refuse to answer. */
    private static boolean defines(ClassLoader loader, String className) {
        if (loader == null) {
            return false;
        }
        try {
            return Class.forName(className, false, loader).getClassLoader() == loader;
        } catch (ClassNotFoundException | LinkageError | RuntimeException notThere) {
            return false;
        }
    }
}
