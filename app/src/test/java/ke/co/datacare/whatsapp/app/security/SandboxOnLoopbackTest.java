package ke.co.datacare.whatsapp.app.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxOnLoopbackTest {

    @Test
    void only_callers_on_this_machine_reach_the_sandbox() {
        assertThat(SandboxOnLoopback.loopback("127.0.0.1")).isTrue();
        assertThat(SandboxOnLoopback.loopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(SandboxOnLoopback.loopback("10.0.0.7")).isFalse();
        assertThat(SandboxOnLoopback.loopback("203.0.113.9")).isFalse();
        assertThat(SandboxOnLoopback.loopback("localhost.evil.example")).isFalse();
    }
}
