package org.redisee.session;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Session operations for the tests: {@code set?name&value}, {@code get?name}, {@code names}, {@code append?name&value}
 * (mutates a list attribute in place, without setAttribute), {@code remove?name}, {@code invalidate},
 * {@code change-id}, {@code bound?name} (sets a {@link RecordingSessionListener.Bound} value), {@code id},
 * {@code fill?name&size} (sets a string of {@code size} characters; a refusal answers 413 with its message),
 * {@code timeout?seconds} (sets the session's maximum inactive interval).
 */
public class SessionTestServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String op = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String name = request.getParameter("name");
        String value = request.getParameter("value");
        HttpSession existing = request.getSession(false);
        String answer = switch (op) {
            case "set" -> {
                request.getSession().setAttribute(name, value);
                yield "ok";
            }
            case "get" -> existing == null ? "no session" : String.valueOf(existing.getAttribute(name));
            case "names" -> existing == null ? "no session" : String.valueOf(Collections.list(existing.getAttributeNames()).stream().sorted().toList());
            case "append" -> {
                HttpSession session = request.getSession();
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) session.getAttribute(name);
                if (list == null) {
                    session.setAttribute(name, new ArrayList<>(List.of(value)));
                } else {
                    list.add(value);
                }
                yield "ok";
            }
            case "remove" -> {
                request.getSession().removeAttribute(name);
                yield "ok";
            }
            case "invalidate" -> {
                if (existing != null) {
                    existing.invalidate();
                }
                yield "ok";
            }
            case "change-id" -> request.changeSessionId();
            case "bound" -> {
                request.getSession().setAttribute(name, new RecordingSessionListener.Bound(value));
                yield "ok";
            }
            case "id" -> existing == null ? "no session" : existing.getId();
            case "timeout" -> {
                request.getSession().setMaxInactiveInterval(Integer.parseInt(request.getParameter("seconds")));
                yield "ok";
            }
            case "fill" -> {
                try {
                    request.getSession().setAttribute(name, "x".repeat(Integer.parseInt(request.getParameter("size"))));
                    yield "ok";
                } catch (IllegalArgumentException e) {
                    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                    yield e.getMessage();
                }
            }
            default -> throw new IllegalArgumentException("unknown operation " + op);
        };
        response.setContentType("text/plain");
        response.getWriter().write(answer);
    }
}
