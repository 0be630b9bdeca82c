package dev.forkbook.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MimeChoiceTest {

    @Test
    void the_richest_representation_wins() {
        assertEquals("text/html", MimeChoice.best(Map.of("text/plain", "x", "text/html", "<b>x</b>",
                "image/png", "AA==")).orElseThrow());
        assertEquals("image/png", MimeChoice.best(Map.of("text/plain", "x", "image/png", "AA=="))
                .orElseThrow());
        assertTrue(MimeChoice.best(Map.of("application/x-unknown", "?")).isEmpty());
    }

    @Test
    void a_figure_with_png_and_svg_is_shown_as_its_png_and_an_svg_alone_as_svg() {
        assertEquals("image/png", MimeChoice.best(Map.of("text/plain", "x",
                "image/svg+xml", "<svg/>", "image/png", "AA==")).orElseThrow());
        assertEquals("image/svg+xml", MimeChoice.best(Map.of("text/plain", "x",
                "image/svg+xml", "<svg/>")).orElseThrow());
    }

    @Test
    void only_our_escaped_renderings_are_trusted() {
        assertTrue(MimeChoice.isTrusted("text/markdown"));
        assertEquals(false, MimeChoice.isTrusted("text/html"));
        assertEquals(false, MimeChoice.isTrusted("image/svg+xml"));
    }
}
