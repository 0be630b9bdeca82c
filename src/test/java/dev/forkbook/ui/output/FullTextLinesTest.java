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
        assertEquals(200_000, FullTextView.lineCount(printed.toString()));
        assertEquals(200_000, FullTextView.splitLines(printed.toString()).size());
    }

    @Test
    void text_without_a_final_newline_and_blank_lines_count_as_they_show() {
        assertEquals(List.of("a", "", "b"), FullTextView.splitLines("a\n\nb"));
        assertEquals(3, FullTextView.lineCount("a\n\nb"));
        assertEquals(0, FullTextView.lineCount(""));
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
