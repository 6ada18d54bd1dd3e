package org.redisee.benchmarks.session.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints of the session benchmark's wars; never loaded by the harness, which copies this class file into
 * {@code WEB-INF/classes}. The same code serves the container's in-memory sessions and RedisEE's.
 * <ul>
 *   <li>{@code GET /create?user=NAME}: creates the session and stores a {@link Profile} in it;</li>
 *   <li>{@code GET /read}: the measured request, read-only: reads the profile and answers its name, or 410 when
 *       there is no session or no profile (the harness counts any answer but 200 with the right name as an error);</li>
 *   <li>{@code GET /plain}: touches no session, the floor of a request on this server.</li>
 * </ul>
 */
@WebServlet(urlPatterns = {"/create", "/read", "/plain"})
public class SessionBenchServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        switch (request.getServletPath()) {
            case "/create" -> {
                HttpSession session = request.getSession(true);
                String user = request.getParameter("user");
                List<String> roles = new ArrayList<>(List.of("customer", "newsletter", "beta"));
                session.setAttribute("profile", new Profile(user, user + "@example.com", roles, System.currentTimeMillis()));
                response.getWriter().write(user);
            }
            case "/read" -> {
                HttpSession session = request.getSession(false);
                Object profile = session == null ? null : session.getAttribute("profile");
                if (profile instanceof Profile p) {
                    response.getWriter().write(p.name());
                } else {
                    response.setStatus(HttpServletResponse.SC_GONE);
                    response.getWriter().write(session == null ? "no session" : "no profile");
                }
            }
            default -> response.getWriter().write("plain");
        }
    }
}
