package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateDiff.Change;
import dev.forkbook.kernel.StateDiff.Row;
import dev.forkbook.kernel.VariableInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client-side diff for servers without {@code GET /diff}: by type and repr, paged. */
class ReprDiffTest {

    private static VariableInfo value(String type, String repr) {
        return new VariableInfo(type, repr, false, null);
    }

    @Test
    void a_multi_line_repr_is_diffed_by_line_one_page_at_a_time_and_one_variable_can_be_asked_for() {
        Map<String, VariableInfo> a = Map.of("table", value("DataFrame", "h\n1\n2\n3"),
                "other", value("int", "1"));
        Map<String, VariableInfo> b = Map.of("table", value("DataFrame", "h\n10\n20\n30\n40"),
                "other", value("int", "2"));
        StateDiff page = ReprDiff.of(new DiffRequest("x", "y", "table", 1, 2), a, b);
        assertEquals(List.of("table"), List.copyOf(page.changed().keySet()));
        StateDiff.Detail detail = page.changed().get("table").detail();
        assertEquals(4, detail.totalRows());
        assertEquals(1, detail.offset());
        assertEquals(List.of(new Row("line 3", Change.CHANGED, "2", "20"),
                new Row("line 4", Change.CHANGED, "3", "30")), detail.rows());
        StateDiff.Detail beyond = ReprDiff.of(new DiffRequest("x", "y", "table", 10, 2), a, b)
                .changed().get("table").detail();
        assertEquals(List.of(), beyond.rows());
    }

    @Test
    void equal_type_and_repr_is_unchanged_and_never_the_same_object() {
        StateDiff diff = ReprDiff.of(DiffRequest.of("x", "y"), Map.of("n", value("int", "1")),
                Map.of("n", value("int", "1"), "m", value("str", "'m'")));
        assertEquals(List.of("m"), diff.added());
        assertEquals(List.of("n"), diff.unchanged());
        assertEquals(List.of(), diff.sameObject());
        assertEquals(1, diff.comparisons());
    }
}
