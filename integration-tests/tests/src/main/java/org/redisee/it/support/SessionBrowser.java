package org.redisee.it.support;

import java.net.URL;

/**
 * A browser's handling of one session cookie, shared by every deployment as a load balancer in front of several nodes
 * on one host name would share it: each request sends the cookie, each response's {@code Set-Cookie} replaces it
 * (the last one wins), and {@code Max-Age=0} deletes it.
 */
public final class SessionBrowser {

    private final String name;
    private String cookie;

    public SessionBrowser(String name) {
        this.name = name;
    }

    /** {@code NAME=value} as the next request sends it, or null. */
    public String cookie() {
        return cookie;
    }

    /** GET with the cookie and any other headers (name, value pairs); keeps what the response sets. */
    public Http.Response get(URL base, String path, String... headers) {
        return send("GET", base, path, null, headers);
    }

    /** A request with the cookie, a JSON body (or none if null) and any other headers; keeps what the response sets. */
    public Http.Response send(String method, URL base, String path, String json, String... headers) {
        String[] all = headers;
        if (cookie != null) {
            all = new String[headers.length + 2];
            all[0] = "Cookie";
            all[1] = cookie;
            System.arraycopy(headers, 0, all, 2, headers.length);
        }
        Http.Response response = Http.send(method, Http.resolve(base, path), json, all);
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                String pair = header.contains(";") ? header.substring(0, header.indexOf(';')) : header;
                cookie = header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0") ? null : pair;
            }
        }
        return response;
    }
}
