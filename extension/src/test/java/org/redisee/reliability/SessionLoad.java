package org.redisee.reliability;

import org.redisee.session.SessionWebApp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Browsers of a {@link SessionWebApp}: each call creates a session, updates one (attribute {@code n} counts up) or reads
 * one back. A read that finds neither the last stored value nor the one of a write whose answer was lost (a 503 may
 * come after Redis took the write) means the session lost data. Used from one thread.
 */
final class SessionLoad implements Load.Operation {

    private static final int MAX_SESSIONS = 300;

    private final SessionWebApp web;
    private final Random random = new Random(9);
    private final List<Browser> browsers = new ArrayList<>();
    private long step;

    private static final class Browser {
        String cookie;
        long stored;
    }

    SessionLoad(SessionWebApp web) {
        this.web = web;
    }

    @Override
    public boolean call() {
        step++;
        if (browsers.isEmpty() || (step % 4 == 1 && browsers.size() < MAX_SESSIONS)) {
            SessionWebApp.Response created = ok(web.get("set?name=n&value=0", null));
            Browser browser = new Browser();
            browser.cookie = created.cookie();
            browsers.add(browser);
            return true;
        }
        Browser browser = browsers.get(random.nextInt(browsers.size()));
        if (step % 2 == 0) {
            SessionWebApp.Response updated = ok(web.get("set?name=n&value=" + (browser.stored + 1), browser.cookie));
            browser.stored++;
            if (updated.cookie() != null) {
                browser.cookie = updated.cookie(); // the new version
            }
            return true;
        }
        String value = ok(web.get("get?name=n", browser.cookie)).body();
        if (!holds(browser, value)) {
            throw new AssertionError("session lost data: read " + value + " after storing " + browser.stored);
        }
        return true;
    }

    private static boolean holds(Browser browser, String value) {
        return value.equals(Long.toString(browser.stored)) || value.equals(Long.toString(browser.stored + 1));
    }

    private static SessionWebApp.Response ok(SessionWebApp.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body().lines().findFirst().orElse(""));
        }
        return response;
    }

    int created() {
        return browsers.size();
    }

    /** Reads every session back (after the load stopped): how many no longer hold what was stored. */
    int lost() {
        int lost = 0;
        for (Browser browser : browsers) {
            SessionWebApp.Response read = web.get("get?name=n", browser.cookie);
            if (read.status() != 200 || !holds(browser, read.body())) {
                lost++;
            }
        }
        return lost;
    }
}
