package org.redisee.it.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.redisee.event.RedisTopic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What this node's observer of {@code it-events} heard. */
@ApplicationScoped
public class EventLog {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    void on(@Observes @RedisTopic("it-events") EventMessage message) {
        heard.add(message.text + (namingWorks() ? " (java:comp)" : " (no java:comp)"));
    }

    /** An observer of another node's event runs in the application's context, where java:comp names resolve. */
    private static boolean namingWorks() {
        try {
            return new javax.naming.InitialContext().lookup("java:comp/DefaultManagedExecutorService") != null;
        } catch (javax.naming.NamingException e) {
            return false;
        }
    }

    public List<String> heard() {
        return List.copyOf(heard);
    }
}
