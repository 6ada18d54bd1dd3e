package org.redisee.session;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.eclipse.microprofile.config.ConfigProvider;
import org.redisee.client.ConfigValues;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When {@code redisee.session.enabled=true}, registers {@link RedisSessionFilter} first in the chain for every
 * dispatch type, and {@link SessionContext}. It also collects the application's session listeners (those annotated
 * {@code @WebListener} and those in {@code WEB-INF/web.xml}), which the container would only call for its own sessions.
 * When sessions are disabled it registers nothing.
 */
@HandlesTypes({HttpSessionListener.class, HttpSessionAttributeListener.class, HttpSessionIdListener.class})
public final class RedisSessionInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(RedisSessionInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> listenerTypes, ServletContext context) {
        // An invalid value reads as false here; the CDI extension reports it and fails the deployment.
        if (!new SessionSettingsReader(new ConfigValues(ConfigProvider.getConfig(context.getClassLoader()))).enabled()) {
            return;
        }
        FilterRegistration.Dynamic filter = context.addFilter("redisee-sessions", RedisSessionFilter.class);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
        List<Object> listeners = new ArrayList<>();
        for (Class<?> type : applicationListeners(listenerTypes, context)) {
            try {
                listeners.add(context.createListener(type.asSubclass(java.util.EventListener.class)));
            } catch (Exception e) {
                throw new IllegalStateException("RedisEE sessions: cannot create session listener " + type.getName(), e);
            }
        }
        context.setAttribute(SessionContext.LISTENERS, listeners);
        context.addListener(SessionContext.class);
        LOG.info("RedisEE: HTTP sessions of " + context.getContextPath() + " are in Redis; session listeners: "
                + listeners.stream().map(l -> l.getClass().getSimpleName()).toList());
    }

    /** Listener classes the application declares: {@code @WebListener}, or in web.xml. */
    private static Set<Class<?>> applicationListeners(Set<Class<?>> candidates, ServletContext context) {
        Set<Class<?>> declared = new LinkedHashSet<>();
        if (candidates != null) {
            candidates.stream().filter(type -> type.isAnnotationPresent(WebListener.class)
                    && !type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers()))
                    .forEach(declared::add);
        }
        for (String name : webXmlListeners(context)) {
            try {
                Class<?> type = Class.forName(name, false, context.getClassLoader());
                if (HttpSessionListener.class.isAssignableFrom(type) || HttpSessionAttributeListener.class.isAssignableFrom(type)
                        || HttpSessionIdListener.class.isAssignableFrom(type)) {
                    declared.add(type);
                }
            } catch (ClassNotFoundException e) {
                LOG.warning("RedisEE sessions: listener " + name + " in web.xml not found");
            }
        }
        return declared;
    }

    private static List<String> webXmlListeners(ServletContext context) {
        List<String> names = new ArrayList<>();
        try (InputStream webXml = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (webXml == null) {
                return names;
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(true);
            NodeList classes = factory.newDocumentBuilder().parse(webXml).getElementsByTagNameNS("*", "listener-class");
            for (int i = 0; i < classes.getLength(); i++) {
                names.add(classes.item(i).getTextContent().trim());
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "RedisEE sessions: could not read the listeners in WEB-INF/web.xml", e);
        }
        return names;
    }
}
