package org.redisee.ratelimit;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Optional;

/**
 * The current HTTP request, where the servlet API exists. Only this class refers to servlet types, and it is loaded
 * only when the API is present, so that rate limits also apply in applications without it.
 */
final class ServletRequests {

    private static final boolean SERVLET_API = present("jakarta.servlet.http.HttpServletRequest");

    private ServletRequests() {
    }

    /** What a limit needs from a request, copied out of it. */
    record Request(Optional<String> principal, String remoteAddress, Optional<String> forwardedFor) {
    }

    /** The current request; empty outside one (a timer, a message) and without the servlet API. */
    static Optional<Request> current(BeanManager beanManager) {
        return SERVLET_API ? Active.current(beanManager) : Optional.empty();
    }

    /** Sets an attribute of the current request; nothing outside one. */
    static void setAttribute(BeanManager beanManager, String name, Object value) {
        if (SERVLET_API) {
            Active.setAttribute(beanManager, name, value);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ServletRequests.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when the servlet API is present. */
    private static final class Active {
        static Optional<Request> current(BeanManager beanManager) {
            return active(beanManager).map(request -> new Request(
                    Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName),
                    request.getRemoteAddr(), Optional.ofNullable(request.getHeader("X-Forwarded-For"))));
        }

        static void setAttribute(BeanManager beanManager, String name, Object value) {
            active(beanManager).ifPresent(request -> request.setAttribute(name, value));
        }

        private static Optional<HttpServletRequest> active(BeanManager beanManager) {
            Instance<HttpServletRequest> requests = beanManager.createInstance().select(HttpServletRequest.class);
            if (!requests.isResolvable()) {
                return Optional.empty();
            }
            try {
                HttpServletRequest request = requests.get();
                request.getDispatcherType(); // a proxy without an active request fails here, not later
                return Optional.of(request);
            } catch (RuntimeException noActiveRequest) {
                return Optional.empty();
            }
        }
    }
}
