package org.redisee.metrics;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Obtains the application's MetricRegistry through a real injection point: Payara's registry producer fails on a
 * programmatic lookup, which has no annotated injection point. Left out by beans.xml where MicroProfile Metrics is
 * missing.
 */
@Dependent
public class MicroProfileRegistryHolder {

    /** An Instance, so that an application that bundles the API without an implementation still deploys. */
    @Inject
    Instance<MetricRegistry> registry;

    MetricRegistry registry() {
        return registry.isResolvable() ? registry.get() : null;
    }
}
