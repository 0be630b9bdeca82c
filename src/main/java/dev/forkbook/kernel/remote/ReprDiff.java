package dev.forkbook.kernel.remote;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateDiff.Change;
import dev.forkbook.kernel.StateDiff.DetailKind;
import dev.forkbook.kernel.VariableInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A diff built from what {@code GET /states/{name}} lists, each variable's type and repr, for servers
 * without {@code GET /diff} (the seed, older Forkbook servers). Values with equal type and repr are
 * unchanged; a changed value is one {@link DetailKind#TYPE} row or a line diff of its repr. The
 * server's reprs are all there is, so nothing is known to be the same object.
 */
final class ReprDiff {

    /** Characters of a repr shown in a row or as a changed value. */
    private static final int SHOWN = 1000;

    private ReprDiff() {
    }

    static StateDiff of(DiffRequest request, Map<String, VariableInfo> a,
            Map<String, VariableInfo> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, StateDiff.VariableChange> changed = new LinkedHashMap<>();
        long comparisons = 0;
        for (String name : names) {
            if (request.variable() != null && !request.variable().equals(name)) {
                continue;
            }
            VariableInfo va = a.get(name);
            VariableInfo vb = b.get(name);
            if (vb == null) {
                removed.add(name);
            } else if (va == null) {
                added.add(name);
            } else {
                comparisons++;
                if (va.type().equals(vb.type()) && va.repr().equals(vb.repr())) {
                    unchanged.add(name);
                } else {
                    changed.put(name, change(va, vb, request.offset(), request.limit()));
                }
            }
        }
        return new StateDiff(request.a(), request.b(), added, removed, changed, unchanged,
                List.of(), comparisons);
    }

    private static StateDiff.VariableChange change(VariableInfo a, VariableInfo b, int offset,
            int limit) {
        boolean retyped = !a.type().equals(b.type());
        List<StateDiff.Row> rows = retyped
                ? List.of(new StateDiff.Row("", Change.CHANGED, shown(a.repr()), shown(b.repr())))
                : lineRows(a.repr(), b.repr());
        List<StateDiff.Row> page = rows.subList(Math.min(offset, rows.size()),
                (int) Math.min((long) offset + limit, rows.size()));
        return new StateDiff.VariableChange(a.type(), shown(a.repr()), b.type(), shown(b.repr()),
                new StateDiff.Detail(retyped ? DetailKind.TYPE : DetailKind.TEXT, rows.size(),
                        offset, page));
    }

    /** The lines that differ, numbered in {@code b} (in {@code a} for removed ones). */
    private static List<StateDiff.Row> lineRows(String a, String b) {
        List<String> left = Arrays.asList(a.split("\n", -1));
        List<String> right = Arrays.asList(b.split("\n", -1));
        List<StateDiff.Row> rows = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(left, right).getDeltas()) {
            List<String> aLines = delta.getSource().getLines();
            List<String> bLines = delta.getTarget().getLines();
            int aAt = delta.getSource().getPosition();
            int bAt = delta.getTarget().getPosition();
            int paired = Math.min(aLines.size(), bLines.size());
            for (int i = 0; i < Math.max(aLines.size(), bLines.size()); i++) {
                if (i < paired) {
                    rows.add(new StateDiff.Row("line " + (bAt + i + 1), Change.CHANGED,
                            shown(aLines.get(i)), shown(bLines.get(i))));
                } else if (i < aLines.size()) {
                    rows.add(new StateDiff.Row("line " + (aAt + i + 1), Change.REMOVED,
                            shown(aLines.get(i)), null));
                } else {
                    rows.add(new StateDiff.Row("line " + (bAt + i + 1), Change.ADDED, null,
                            shown(bLines.get(i))));
                }
            }
        }
        return rows;
    }

    private static String shown(String text) {
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
    }
}
