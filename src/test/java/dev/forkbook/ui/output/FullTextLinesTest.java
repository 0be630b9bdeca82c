package dev.forkbook.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FullTextLinesTest {

    @Test
    void printed_lines_count_once_each_the_final_newline_starts_no_extra_line() {
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            printed.append(i).append('\n');
        }
        assertEquals(200_000, TextLines.count(printed.toString()));
        TextLines lines = TextLines.of(printed.toString());
        assertEquals(200_000, lines.size());
        assertEquals("199999", lines.get(199_999));
        assertEquals(6, lines.longestLine());
    }

    @Test
    void text_without_a_final_newline_and_blank_lines_count_as_they_show() {
        TextLines lines = TextLines.of("a\n\nb");
        assertEquals(List.of("a", "", "b"), List.of(lines.get(0), lines.get(1), lines.get(2)));
        assertEquals(3, TextLines.count("a\n\nb"));
        assertEquals(0, TextLines.count(""));
        assertEquals(0, TextLines.of("").size());
    }

    @Test
    void search_finds_the_next_line_holding_the_query_and_wraps_round_to_the_top() {
        TextLines lines = TextLines.of("alpha\nbeta\ngamma\nbeta again\n");
        assertEquals(1, lines.find("beta", 0));
        assertEquals(3, lines.find("beta", 2));
        assertEquals(1, lines.find("beta", 4), "past the last line it starts again at the top");
        assertEquals(0, lines.find("alpha", 1));
        assertEquals(-1, lines.find("delta", 0));
        assertEquals(-1, lines.find("", 0));
    }

    @Test
    void the_tail_is_the_last_lines_and_never_longer_than_the_character_cap() {
        StringBuilder body = new StringBuilder("first");
        for (int i = 1; i < 100; i++) {
            body.append('\n').append("l").append(i);
        }
        String tail = OutputView.tail(body.toString());
        assertEquals(OutputView.MAX_LINES, tail.split("\n").length);
        assertEquals("l99", tail.substring(tail.lastIndexOf('\n') + 1));
        String oneLongLine = "x".repeat(OutputView.MAX_CHARS * 3);
        assertEquals(OutputView.MAX_CHARS + 1, OutputView.tail(oneLongLine).length());
    }
}
