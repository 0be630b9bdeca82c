package dev.forkbook.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits, polling on the FX thread, until a probe gives a value (not null, not false). */
public final class FxWait {

    private FxWait() {
    }

    public static <T> T until(Supplier<T> probe) {
        Object[] holder = new Object[1];
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                T value = WaitForAsyncUtils.asyncFx(probe::get).get();
                holder[0] = value;
                return value != null && !Boolean.FALSE.equals(value);
            });
        } catch (Exception e) {
            throw new AssertionError("condition not reached", e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) holder[0];
        return value;
    }
}
