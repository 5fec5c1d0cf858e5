package dev.aiapiwatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class WatchedProcessTest {

    @Test
    void copyHasEveryField() throws IllegalAccessException {
        WatchedProcess process = new WatchedProcess();
        int number = 1;
        for (Field field : WatchedProcess.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Class<?> type = field.getType();
            if (type == String.class) {
                field.set(process, field.getName() + "-value");
            } else if (type == long.class) {
                field.setLong(process, 1_000L + number++);
            } else if (type == boolean.class) {
                field.setBoolean(process, true);
            } else if (type == ProcessCategory.class) {
                field.set(process, ProcessCategory.LOLBIN);
            } else {
                throw new AssertionError("no test value for " + field + "; add one here");
            }
        }

        WatchedProcess copy = process.copy();

        assertThat(copy).isNotSameAs(process);
        assertThat(copy).usingRecursiveComparison().isEqualTo(process);
    }
}
