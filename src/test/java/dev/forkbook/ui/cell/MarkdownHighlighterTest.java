package dev.forkbook.ui.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownHighlighterTest {

    private static List<String> styled(String text) {
        return StyledRuns.of(text, MarkdownHighlighter.highlight(text));
    }

    @Test
    void prose_with_python_keywords_stays_plain() {
        assertEquals(List.of(), styled("This is it and that is not for you, if ever: 3 in 10."));
    }

    @Test
    void headings_are_styled_as_whole_lines() {
        assertEquals(List.of("# Title=md-heading", "### Part *two*=md-heading"),
                styled("# Title\ntext\n### Part *two*\n#hashtag"));
    }

    @Test
    void emphasis_and_strong_are_styled_but_not_snake_case_names() {
        assertEquals(List.of("*soft*=md-emphasis", "**loud**=md-strong", "_also_=md-emphasis"),
                styled("a *soft* and **loud** word, _also_ but not snake_case_name or 2 * 3 * 4"));
    }

    @Test
    void code_spans_and_fences_hide_markup_inside_them() {
        assertEquals(List.of("`x is *not* y`=md-code"), styled("see `x is *not* y` here"));
        assertEquals(List.of("```python\n# not a heading\nx = 1\n```=md-code"),
                styled("```python\n# not a heading\nx = 1\n```\nafter"));
    }

    @Test
    void links_and_images_are_styled() {
        assertEquals(List.of("[docs](https://x.org/a)=md-link", "![plot](p.png)=md-link"),
                styled("read [docs](https://x.org/a) and ![plot](p.png)."));
    }

    @Test
    void inline_and_display_math_are_styled() {
        assertEquals(List.of("$a_i * b_i$=md-math", "$$\n\\sum_i x_i\n$$=md-math"),
                styled("inline $a_i * b_i$ then\n$$\n\\sum_i x_i\n$$"));
    }

    @Test
    void a_price_with_a_space_after_the_dollar_is_not_math() {
        assertEquals(List.of(), styled("it costs 5 $ or 6 $ today"));
    }

    @Test
    void empty_text_has_one_empty_span() {
        assertEquals(List.of(), styled(""));
    }
}
