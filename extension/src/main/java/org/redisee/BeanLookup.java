package org.redisee;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks a bean up through the bean manager the extension was given and, failing that, through {@code CDI.current()}:
 * on Payara the extension's bean manager does not see every bean archive of the application.
 */
public final class BeanLookup {

    private static final Logger LOG = Logger.getLogger(BeanLookup.class.getName());

    private BeanLookup() {
    }

    /** The bean with this {@code @Named} name, through the same two bean managers. */
    public static Optional<Object> findByName(String name, BeanManager beanManager) {
        for (Supplier<BeanManager> manager : List.<Supplier<BeanManager>>of(() -> beanManager, () -> CDI.current().getBeanManager())) {
            try {
                BeanManager beans = manager.get();
                Bean<?> bean = beans.resolve(beans.getBeans(name));
                if (bean != null) {
                    return Optional.of(beans.getReference(bean, Object.class, beans.createCreationalContext(bean)));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "No bean named " + name + " through this bean manager", e);
            }
        }
        return Optional.empty();
    }

    public static <T> Optional<T> find(Class<T> type, BeanManager beanManager) {
        for (Supplier<BeanManager> manager : List.<Supplier<BeanManager>>of(() -> beanManager, () -> CDI.current().getBeanManager())) {
            try {
                Instance<T> instance = manager.get().createInstance().select(type);
                if (instance.isResolvable()) {
                    return Optional.of(instance.get());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "No " + type.getName() + " bean through this bean manager", e);
            }
        }
        return Optional.empty();
    }
}
