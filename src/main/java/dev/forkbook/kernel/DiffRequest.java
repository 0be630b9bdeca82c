package dev.forkbook.kernel;

import java.util.Objects;

/**
 * What to compare: states {@code a} and {@code b}, all variables or only {@code variable}, and which
 * page of each changed variable's rows to return.
 */
public record DiffRequest(String a, String b, String variable, int offset, int limit) {

    /** Rows per page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;

    public DiffRequest {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
    }

    /** Every variable, the first page of rows. */
    public static DiffRequest of(String a, String b) {
        return new DiffRequest(a, b, null, 0, DEFAULT_LIMIT);
    }
}
