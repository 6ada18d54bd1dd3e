package org.redisee.sample.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.redisee.event.RedisTopic;
import org.redisee.ratelimit.RateLimitDecision;
import org.redisee.ratelimit.RateLimitExceededException;
import org.redisee.ratelimit.RateLimitName;
import org.redisee.ratelimit.RateLimited;
import org.redisee.ratelimit.RateLimiter;
import org.redisee.sample.ErrorBody;
import org.redisee.sample.profile.Profile;
import org.redisee.sample.profile.ProfileService;

/**
 * Sign in ({@code POST /api/session}), who am I ({@code GET}), log out ({@code DELETE}).
 *
 * <p>Sign-in attempts are limited twice, across all nodes: per client address by the annotation, and per user name
 * by the injected limiter "login-user" (declared in microprofile-config.properties), so that guessing one account's
 * password from many addresses is slow too. Both answer HTTP 429 with {@code Retry-After}.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** A session that never times out is blacklisted for this long after logout. */
    private static final Duration BLACKLIST_WITHOUT_TIMEOUT = Duration.ofDays(1);

    @Inject
    Accounts accounts;

    @Inject
    ProfileService profiles;

    @Inject
    SessionBlacklist blacklist;

    @Inject
    @RateLimitName("login-user")
    RateLimiter attemptsPerUser;

    @Inject
    @RedisTopic("chat")
    Event<SessionEnded> sessionEnded;

    @Context
    HttpServletRequest request;

    @POST
    @RateLimited(name = "login-ip", limit = 20, window = "PT1M", key = RateLimited.KeySource.IP)
    public Profile signIn(Credentials credentials) {
        String name = Accounts.requireValidName(credentials == null ? null : credentials.name());
        RateLimitDecision attempt = attemptsPerUser.tryAcquire(name, 1);
        if (!attempt.allowed()) {
            throw new RateLimitExceededException(attemptsPerUser.policy(), attempt);
        }
        if (!accounts.verify(name, credentials.password())) {
            throw ErrorBody.exception(Response.Status.UNAUTHORIZED, "Wrong user name or password.");
        }
        SignedIn.start(request, name);
        return profiles.profile(name);
    }

    @GET
    public Profile current() {
        return profiles.profile(SignedIn.require(request));
    }

    /** Ends the session on every node: blacklisted, its WebSockets closed, then invalidated. */
    @DELETE
    public void logOut() {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        int timeoutSeconds = session.getMaxInactiveInterval();
        blacklist.add(session.getId(), SignedIn.user(session).orElse(""),
                timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : BLACKLIST_WITHOUT_TIMEOUT);
        sessionEnded.fire(new SessionEnded(session.getId()));
        session.invalidate();
    }
}
