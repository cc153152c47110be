package ke.co.datacare.whatsapp.query.admin;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RebuildingHeaderTest {

    @ReadsProjection("inbox")
    static class InboxReader {
        void read() {
        }

        @ReadsProjection("analytics")
        void report() {
        }
    }

    static class PlainReader {
        void read() {
        }
    }

    private final ProjectionStatus status = mock(ProjectionStatus.class);
    private final RebuildingHeader header = new RebuildingHeader(status);
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    private void handle(Object controller, String method) throws NoSuchMethodException {
        header.preHandle(new MockHttpServletRequest(), response,
                new HandlerMethod(controller, controller.getClass().getDeclaredMethod(method)));
    }

    @Test
    void answers_from_a_replaying_projection_name_it() throws Exception {
        when(status.isReplaying("inbox")).thenReturn(true);

        handle(new InboxReader(), "read");

        assertThat(response.getHeader(RebuildingHeader.NAME)).isEqualTo("inbox");
    }

    @Test
    void answers_from_a_projection_that_is_up_to_date_are_not_marked() throws Exception {
        when(status.isReplaying("inbox")).thenReturn(true);

        handle(new InboxReader(), "report");
        handle(new PlainReader(), "read");

        assertThat(response.getHeader(RebuildingHeader.NAME)).isNull();
    }
}
