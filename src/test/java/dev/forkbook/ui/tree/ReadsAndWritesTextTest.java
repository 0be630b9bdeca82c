package dev.forkbook.ui.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.Provenance;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The end of a graph node's tooltip: what the cell's run read and wrote. */
class ReadsAndWritesTextTest {

    @Test
    void the_tooltip_lists_the_names_read_and_written() {
        Provenance run = new Provenance(Map.of(), List.of("a", "data"), List.of("x"));
        assertEquals("\nreads: a, data\nwrites: x", ReadsAndWrites.text(run));
    }

    @Test
    void a_cell_that_touched_nothing_says_so_and_a_namespace_reader_says_it_read_everything() {
        assertEquals("\nreads: nothing\nwrites: nothing",
                ReadsAndWrites.text(Provenance.NONE));
        Provenance whole = new Provenance(Map.of(), List.of("a", "b"), List.of(), true, List.of());
        assertEquals("\nreads: the whole namespace (globals(), dir() or vars())\nwrites: nothing",
                ReadsAndWrites.text(whole));
    }

    @Test
    void a_long_list_shows_its_first_twelve_names_and_how_many_more() {
        List<String> names = IntStream.range(0, 15).mapToObj(i -> "v" + (char) ('a' + i)).toList();
        String text = ReadsAndWrites.text(new Provenance(Map.of(), names, List.of()));
        assertEquals("\nreads: va, vb, vc, vd, ve, vf, vg, vh, vi, vj, vk, vl … (+3)\nwrites: nothing",
                text);
    }
}
