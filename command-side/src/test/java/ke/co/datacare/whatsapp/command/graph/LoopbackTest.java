package ke.co.datacare.whatsapp.command.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackTest {

    @Test
    void only_callers_on_this_machine_are_loopback() {
        assertThat(Loopback.address("127.0.0.1")).isTrue();
        assertThat(Loopback.address("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(Loopback.address("10.0.0.7")).isFalse();
        assertThat(Loopback.address("203.0.113.9")).isFalse();
        assertThat(Loopback.address("localhost.evil.example")).isFalse();
    }

    @Test
    void a_host_is_loopback_by_its_literal_address_or_as_localhost_never_by_a_lookup() {
        assertThat(Loopback.host("localhost")).isTrue();
        assertThat(Loopback.host("[::1]")).isTrue();
        assertThat(Loopback.host("127.0.0.1")).isTrue();
        assertThat(Loopback.host("localhost.evil.example")).isFalse();
        assertThat(Loopback.host("lookaside.fbsbx.com")).isFalse();
    }
}
