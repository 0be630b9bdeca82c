package dev.forkbook.app;

import java.util.Locale;
import picocli.CommandLine;

/** A size on the command line: bytes, or with a unit {@code k}, {@code m}, {@code g} (powers of 1024). */
final class ByteSize {

    private ByteSize() {
    }

    static long parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        long unit = 1;
        if (!value.isEmpty()) {
            char last = value.charAt(value.length() - 1);
            int shift = switch (last) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            if (shift > 0) {
                unit = 1L << shift;
                value = value.substring(0, value.length() - 1);
            }
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 2g, 512m)");
        }
        if (number <= 0) {
            throw new IllegalArgumentException("the size must be positive: '" + text + "'");
        }
        return Math.multiplyExact(number, unit);
    }

    /** Picocli converter for size options. */
    static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * Makes an OutOfMemoryError that escapes any thread (a server thread, not a cell: cells catch
     * theirs) end the process with a clear message instead of leaving a zombie that answers nobody.
     */
    static void exitOnEscapedOutOfMemory() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                System.err.println("Forkbook: out of memory in thread " + thread.getName()
                        + "; exiting rather than run without it (kernel states were in memory only).");
                Runtime.getRuntime().halt(3);
            }
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                error.printStackTrace();
            }
        });
    }
}
