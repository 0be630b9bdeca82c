package dev.forkbook.ui.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonHighlighterTest {

    private static List<String> styled(String text) {
        return StyledRuns.of(text, PythonHighlighter.highlight(text));
    }

    @Test
    void keywords_names_of_definitions_and_builtins_calls_are_styled() {
        assertEquals(List.of("def=keyword", "area=definition", "return=keyword", "len=builtin"),
                styled("def area(r):\n    return len(r)"));
    }

    @Test
    void strings_and_comments_hide_keywords_inside_them() {
        assertEquals(List.of("'if x'=string", "# for while=comment"),
                styled("s = 'if x'  # for while"));
        assertEquals(List.of("\"\"\"def\nclass\"\"\"=string"), styled("\"\"\"def\nclass\"\"\""));
    }

    @Test
    void numbers_and_decorators_are_styled() {
        assertEquals(List.of("@property=decorator", "3.5e2=number", "0xff=number"),
                styled("@property\nx = 3.5e2 + 0xff"));
    }

    @Test
    void an_unterminated_string_runs_to_the_end_of_its_line() {
        assertEquals(List.of("'open=string", "1=number"), styled("x = 'open\ny = 1"));
    }

    @Test
    void identifiers_containing_keywords_are_not_keywords() {
        assertEquals(List.of(), styled("format_ifs = classy"));
    }

    @Test
    void empty_text_has_one_empty_span() {
        assertEquals(List.of(), styled(""));
    }
}
