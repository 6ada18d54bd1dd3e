package org.redisee.it.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/** The names of the server JVM's MBeans that match {@code ?query=} (an ObjectName pattern), one per line, sorted. */
@Path("mbeans")
@ApplicationScoped
public class MBeansResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String mbeans(@QueryParam("query") String query) throws MalformedObjectNameException {
        return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(query), null).stream()
                .map(ObjectName::getCanonicalName).sorted().collect(Collectors.joining("\n"));
    }
}
