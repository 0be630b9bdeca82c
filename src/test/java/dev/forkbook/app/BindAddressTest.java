package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {

    @Test
    void host_and_port_are_split_at_the_last_colon() {
        assertEquals(new BindAddress("127.0.0.1", 8080), BindAddress.parse("127.0.0.1:8080"));
        assertEquals(new BindAddress("::1", 9000), BindAddress.parse("[::1]:9000"));
        assertEquals(new BindAddress("0.0.0.0", 0), BindAddress.parse("0.0.0.0:0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", "localhost", "localhost:", ":8080", "host:http", "host:70000"})
    void malformed_addresses_are_rejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(text));
    }
}
