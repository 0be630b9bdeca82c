package dev.forkbook.ui.cell;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Style spans from a pattern of named groups: each match styled by the first group it matched. */
final class RegexStyler {

    private RegexStyler() {
    }

    static StyleSpans<Collection<String>> highlight(String text, Pattern pattern, List<String> groups,
            Function<String, String> styleOfGroup) {
        Matcher matcher = pattern.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int end = 0;
        while (matcher.find()) {
            if (matcher.end() == matcher.start()) {
                continue;
            }
            spans.add(List.of(), matcher.start() - end);
            spans.add(List.of(styleOfGroup.apply(groupOf(matcher, groups))),
                    matcher.end() - matcher.start());
            end = matcher.end();
        }
        spans.add(List.of(), text.length() - end);
        return spans.create();
    }

    private static String groupOf(Matcher matcher, List<String> groups) {
        for (String group : groups) {
            if (matcher.group(group) != null) {
                return group;
            }
        }
        throw new IllegalStateException("a match without a group");
    }
}
