package org.redisee.it.session;

import jakarta.annotation.security.DeclareRoles;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The HTTP session of the war, driven by GETs, answering text:
 * <ul>
 *   <li>{@code /session/set/<name>/<value>}: creates the session if needed and sets a String attribute;</li>
 *   <li>{@code /session/get/<name>}: the value; 404 {@code absent} if the session has no such attribute;</li>
 *   <li>{@code /session/remove/<name>}: removes the attribute;</li>
 *   <li>{@code /session/invalidate}: invalidates the session;</li>
 *   <li>{@code /session/id}: the session's id;</li>
 *   <li>{@code /session/jvm}: the server JVM's process id and start time, {@code <pid>@<epoch millis>}, so a test
 *       can tell a restarted server JVM from the same one (touches no session);</li>
 *   <li>{@code /session/whoami}: the caller's name and whether they are in role {@code user}, or {@code anonymous}
 *       (see {@link HeaderLoginMechanism});</li>
 *   <li>{@code /session/logout}: {@code request.logout()}.</li>
 * </ul>
 * Every operation but {@code set} reads the session with {@code getSession(false)} and answers 404
 * {@code no session} when the request has none, so reads never create a session.
 */
@WebServlet("/session/*")
@DeclareRoles("user")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String[] parts = path == null ? new String[0] : path.substring(1).split("/", -1);
        String operation = parts.length > 0 ? parts[0] : "";
        if (operation.equals("jvm")) {
            answer(response, 200, ProcessHandle.current().pid() + "@"
                    + ManagementFactory.getRuntimeMXBean().getStartTime());
            return;
        }
        if (operation.equals("whoami")) {
            answer(response, 200, request.getUserPrincipal() == null ? "anonymous"
                    : request.getUserPrincipal().getName() + (request.isUserInRole("user") ? " (user)" : ""));
            return;
        }
        if (operation.equals("logout")) {
            try {
                request.logout();
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            answer(response, 200, "logged out");
            return;
        }
        if (operation.equals("set") && parts.length == 3) {
            HttpSession session = request.getSession(true);
            session.setAttribute(parts[1], parts[2]);
            answer(response, 200, "set " + parts[1]);
            return;
        }
        HttpSession session = request.getSession(false);
        switch (operation + "/" + parts.length) {
            case "get/2" -> {
                if (session == null) {
                    answer(response, 404, "no session");
                } else {
                    Object value = session.getAttribute(parts[1]);
                    answer(response, value == null ? 404 : 200, value == null ? "absent" : value.toString());
                }
            }
            case "remove/2" -> {
                if (session == null) {
                    answer(response, 404, "no session");
                } else {
                    session.removeAttribute(parts[1]);
                    answer(response, 200, "removed " + parts[1]);
                }
            }
            case "invalidate/1" -> {
                if (session == null) {
                    answer(response, 404, "no session");
                } else {
                    session.invalidate();
                    answer(response, 200, "invalidated");
                }
            }
            case "id/1" -> answer(response, session == null ? 404 : 200, session == null ? "no session" : session.getId());
            default -> answer(response, 400, "unknown operation " + path);
        }
    }

    private static void answer(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(body);
    }
}
