package org.redisee.session;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Applies {@link RedisSessionLogin} to {@code validateRequest}: logs the caller in from the Redis session when it
 * holds a login, else lets the mechanism authenticate and hands a successful login to the session filter, which
 * stores it with the session. Mechanisms run before any filter, so the session is read here directly.
 */
@RedisSessionLogin
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 220)
public class RedisSessionLoginInterceptor {

    @Inject
    Instance<RedisSessions> sessions;

    @AroundInvoke
    Object validate(InvocationContext invocation) throws Exception {
        Object[] parameters = invocation.getParameters();
        if (!invocation.getMethod().getName().equals("validateRequest") || parameters.length != 3
                || !(parameters[0] instanceof HttpServletRequest request)
                || !(parameters[2] instanceof HttpMessageContext context)) {
            return invocation.proceed();
        }
        if (!sessions.isResolvable()) {
            throw new IllegalStateException("@RedisSessionLogin on " + invocation.getTarget().getClass().getName()
                    + " needs redisee.session.enabled=true");
        }
        RedisSessions redis = sessions.get();
        SessionCookies.Requested requested = new SessionCookies(redis.settings().cookie()).requested(request);
        Optional<StoredSession> session = requested == null ? Optional.empty()
                : redis.store().load(requested.id(), requested.version());
        request.setAttribute(RequestSessions.LOADED, session); // the filter uses it instead of loading again
        SessionLogin login = session.map(StoredSession::login).orElse(null);
        if (login != null) {
            return context.notifyContainerAboutLogin(login.principal(), login.groups());
        }
        Object status = invocation.proceed();
        if (status == AuthenticationStatus.SUCCESS && context.getCallerPrincipal() != null) {
            request.setAttribute(SessionLogin.ATTRIBUTE,
                    new SessionLogin(context.getCallerPrincipal().getName(), context.getGroups()));
        }
        return status;
    }
}
