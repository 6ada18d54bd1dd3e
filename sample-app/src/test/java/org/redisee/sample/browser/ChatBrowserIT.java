package org.redisee.sample.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.redisee.sample.launcher.SampleCluster;
import org.redisee.sample.launcher.WildFlyNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat in a real browser (Debian's headless Chromium, driven through ChromeDriver) against two WildFly nodes that
 * share one Redis: users on different nodes see each other's messages, a session survives a move to the other node,
 * and the sixth fast login attempt meets the rate limit. Screenshots go to {@code target/screenshots}.
 *
 * <p>Without Chromium and ChromeDriver the test is skipped, unless {@code REDISEE_BROWSER_TESTS=required} (set by
 * {@code .ci/run}), which makes their absence a failure.
 */
class ChatBrowserIT {

    private static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static SampleCluster cluster;
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        String requirement = "Chromium (" + CHROMIUM + ") and ChromeDriver (" + CHROMEDRIVER + "): apt-get install chromium chromium-driver";
        if (!present && "required".equals(System.getenv("REDISEE_BROWSER_TESTS"))) {
            throw new IllegalStateException("REDISEE_BROWSER_TESTS=required, but this machine lacks " + requirement);
        }
        Assumptions.assumeTrue(present, "Browser test skipped: it needs " + requirement);
        Files.createDirectories(SCREENSHOTS);
        cluster = new SampleCluster(new SampleCluster.Options(
                Path.of(System.getProperty("sample.wildflyHome")).toAbsolutePath(),
                Path.of(System.getProperty("sample.war")).toAbsolutePath(),
                Path.of(System.getProperty("sample.workDir")).toAbsolutePath(),
                2, Integer.getInteger("sample.portOffset", 500), null, 0, false, Map.of()));
        cluster.start();
    }

    @AfterAll
    static void stopAll() {
        browsers.forEach(WebDriver::quit);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void usersOnTwoNodesChatAndTheSessionAndTheRateLimitHoldAcrossNodes() throws IOException {
        WildFlyNode nodeA = cluster.nodes().get(0);
        WildFlyNode nodeB = cluster.nodes().get(1);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String room = "lobby-" + suffix;

        WebDriver alice = browser();
        signUp(alice, nodeA, "alice-" + suffix);
        WebDriver bob = browser();
        signUp(bob, nodeB, "bob-" + suffix);
        assertEquals("node-a", text(alice, "node-name"), "Alice's page came from node A");
        assertEquals("node-b", text(bob, "node-name"), "Bob's page came from node B");

        type(alice, "room-name", room);
        alice.findElement(By.id("create-room")).click();
        until(alice, "Alice is in " + room, d -> text(d, "room-title").equals("#" + room));
        bob.navigate().refresh(); // the room list also refreshes by itself, every 15 s
        By roomButton = By.cssSelector("#room-list button[data-room='" + room + "']");
        until(bob, "Bob's room list shows " + room, d -> !d.findElements(roomButton).isEmpty());
        bob.findElement(roomButton).click();
        until(bob, "Bob is in " + room, d -> text(d, "room-title").equals("#" + room));

        say(alice, "Hello from node A");
        say(bob, "Hello from node B");
        until(alice, "Alice sees Bob's message, sent on node B", d -> messages(d).contains("Hello from node B"));
        until(bob, "Bob sees Alice's message, sent on node A", d -> messages(d).contains("Hello from node A"));
        screenshot(alice, "1-alice-on-node-a");
        screenshot(bob, "2-bob-on-node-b");

        alice.get(nodeB.appUrl() + "#room=" + room);
        until(alice, "Alice is still signed in on node B", d -> d.findElement(By.id("chat-view")).isDisplayed()
                && text(d, "node-name").equals("node-b"));
        until(alice, "and sees the room's history there", d -> messages(d).containsAll(List.of("Hello from node A", "Hello from node B")));
        screenshot(alice, "3-alice-reloaded-on-node-b");

        WebDriver mallory = browser();
        mallory.get(nodeA.appUrl());
        until(mallory, "the sign-in form", d -> d.findElement(By.id("login-form")).isDisplayed());
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            type(mallory, "login-name", "alice-" + suffix);
            type(mallory, "login-password", "wrong-" + attempt);
            mallory.findElement(By.id("login-button")).click(); // the page clears the error as it sends
            until(mallory, "the answer to attempt " + attempt, d -> !text(d, "login-error").isEmpty());
            answers.add(text(mallory, "login-error"));
        }
        screenshot(mallory, "4-sixth-login-attempt");
        System.out.println("[browser] login answers: " + answers);
        for (int i = 0; i < 5; i++) {
            assertTrue(!answers.get(i).startsWith("Too many"), "attempt " + (i + 1) + " is judged on its password: " + answers);
        }
        assertTrue(answers.get(5).startsWith("Too many attempts"), "the sixth meets the rate limit: " + answers);
    }

    private static WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,860", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        return driver;
    }

    private static void signUp(WebDriver browser, WildFlyNode node, String name) {
        browser.get(node.appUrl());
        until(browser, "the sign-in form on " + node.name(), d -> d.findElement(By.id("login-form")).isDisplayed());
        type(browser, "login-name", name);
        type(browser, "login-password", "correct horse " + name);
        browser.findElement(By.id("register-button")).click();
        until(browser, name + " is signed in", d -> d.findElement(By.id("chat-view")).isDisplayed()
                && !text(d, "current-user").isEmpty());
    }

    private static void say(WebDriver browser, String text) {
        type(browser, "message-input", text);
        browser.findElement(By.id("send")).click();
        until(browser, "the message is sent", d -> messages(d).contains(text));
    }

    private static List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages .message .text")).stream().map(WebElement::getText).toList();
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static void until(WebDriver browser, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(browser, WAIT).until(condition::apply);
        } catch (RuntimeException e) {
            try {
                screenshot(browser, "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            } catch (IOException | RuntimeException ignored) {
                // the failure below is what matters
            }
            throw new AssertionError("Not seen within " + WAIT.toSeconds() + " s: " + what, e);
        }
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
