package org.redisee.it.support;

import java.lang.annotation.Annotation;

import org.jboss.arquillian.core.api.Injector;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Client-side Arquillian extension (registered in {@code META-INF/services}) that makes
 * {@code @ArquillianResource ServerControl} injectable into test classes.
 */
public final class ServerControlExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ResourceProvider.class, Provider.class);
    }

    /** Gives each injection point a {@link ServerControl} wired to the running Arquillian core. */
    public static final class Provider implements ResourceProvider {

        @Inject
        private Instance<Injector> injector;

        @Override
        public boolean canProvide(Class<?> type) {
            return ServerControl.class.isAssignableFrom(type);
        }

        @Override
        public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
            return injector.get().inject(new ServerControl());
        }
    }
}
