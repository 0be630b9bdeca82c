package dev.forkbook.ui.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AutoIndentTest {

    @Test
    void a_new_line_keeps_the_indentation() {
        assertEquals("    ", AutoIndent.indentAfter("    x = 1"));
    }

    @Test
    void a_colon_opens_a_block() {
        assertEquals("        ", AutoIndent.indentAfter("    for i in range(3):  # loop"));
        assertEquals("    ", AutoIndent.indentAfter("def f():"));
    }

    @Test
    void return_and_pass_close_a_block() {
        assertEquals("", AutoIndent.indentAfter("    return x"));
        assertEquals("    ", AutoIndent.indentAfter("        pass"));
    }

    @Test
    void the_word_before_the_caret_includes_dotted_names() {
        assertEquals("os.pa", AutoIndent.wordBeforeCaret("x = os.pa"));
        assertEquals("", AutoIndent.wordBeforeCaret("print("));
    }
}
