package io.siban.screens;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screens' sources keep to what the Content-Security-Policy and the text-only rule allow: no
 * HTML parsing of strings in scripts, and nothing inline in pages (inline scripts, handlers and
 * style attributes would be blocked, or would need the policy loosened).
 */
class ScreenSourcesTest {
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Pattern MARKUP_SINKS = Pattern.compile("\\.(innerHTML|outerHTML)\\s*[+]?=|insertAdjacentHTML|document\\.write|createContextualFragment");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<[^>]+\\sstyle\\s*=|<style", Pattern.CASE_INSENSITIVE);

    @Test
    void scriptsNeverParseStringsAsMarkup() throws IOException {
        for (Path script : files(".js")) {
            assertThat(MARKUP_SINKS.matcher(Files.readString(script)).find()).as("%s writes markup", script).isFalse();
        }
    }

    @Test
    void pagesHaveNothingInlineThatThePolicyWouldBlock() throws IOException {
        for (Path page : files(".html")) {
            String html = Files.readString(page);
            assertThat(INLINE_SCRIPT.matcher(html).find()).as("%s has an inline script", page).isFalse();
            assertThat(INLINE_HANDLER.matcher(html).find()).as("%s has an inline event handler", page).isFalse();
            assertThat(INLINE_STYLE.matcher(html).find()).as("%s has an inline style", page).isFalse();
        }
    }

    @Test
    void everyPageUsesTheSharedHelpersAndTheKioskOffersNoPriority() throws IOException {
        for (String page : List.of("board.js", "kiosk.js", "supervisor.js", "tracker.js", "window.js", "scorecard.js", "report.js", "rate.js",
                "rectifications.js", "accountability.js")) {
            assertThat(Files.readString(WEB.resolve(page))).as(page).contains("from '/web/dom.js'");
        }
        assertThat(Files.readString(WEB.resolve("kiosk.html"))).doesNotContain("id=\"priority\"");
        assertThat(Files.readString(WEB.resolve("kiosk.js"))).doesNotContain("PRIORITY").doesNotContain("params.get('token')");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(WEB)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
            assertThat(found).isNotEmpty();
            return found;
        }
    }
}
