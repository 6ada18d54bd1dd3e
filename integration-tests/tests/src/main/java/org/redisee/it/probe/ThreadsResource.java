package org.redisee.it.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * The server JVM's threads, as plain text lines:
 * <pre>
 * threads=123
 * loadedClasses=45678
 * unloadedClasses=9
 * heapUsed=123456789
 * thread=redisson-netty-2-1
 * ...
 * name=http-thread-pool::http-listener-1(3)
 * ...
 * </pre>
 * The {@code thread=} lines list the live threads whose names contain redisson, netty or globalEventExecutor
 * (Netty's), sorted; the {@code name=} lines name every live thread. {@code ?gc=true} runs a garbage collection first, so the class counts and the heap show what can be freed;
 * {@code ?stacks=true} adds {@code stack=} blocks with the stack traces of those threads.
 */
@Path("threads")
@ApplicationScoped
public class ThreadsResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String threads(@QueryParam("gc") @DefaultValue("false") boolean gc,
                          @QueryParam("stacks") @DefaultValue("false") boolean stacks) {
        if (gc) {
            System.gc();
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        StringBuilder out = new StringBuilder()
                .append("threads=").append(ManagementFactory.getThreadMXBean().getThreadCount()).append('\n')
                .append("loadedClasses=").append(classes.getLoadedClassCount()).append('\n')
                .append("unloadedClasses=").append(classes.getUnloadedClassCount()).append('\n')
                .append("heapUsed=").append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()).append('\n');
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        all.keySet().stream()
                .map(Thread::getName)
                .filter(ThreadsResource::interesting)
                .sorted()
                .forEach(name -> out.append("thread=").append(name).append('\n'));
        all.keySet().stream().map(Thread::getName).sorted()
                .forEach(name -> out.append("name=").append(name).append('\n'));
        if (stacks) {
            all.forEach((thread, frames) -> {
                if (interesting(thread.getName())) {
                    out.append("stack=").append(thread.getName()).append(" (").append(thread.getState()).append(")");
                    for (StackTraceElement frame : frames) {
                        out.append("\n    at ").append(frame);
                    }
                    out.append('\n');
                }
            });
        }
        return out.toString();
    }

    static boolean interesting(String threadName) {
        String name = threadName.toLowerCase(Locale.ROOT);
        return name.contains("redisson") || name.contains("netty") || name.contains("globaleventexecutor");
    }
}
