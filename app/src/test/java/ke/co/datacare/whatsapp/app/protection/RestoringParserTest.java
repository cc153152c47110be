package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RestoringParserTest {

    private static final ObjectMapper JSON = PersonalDataSerializer.exact(new ObjectMapper());

    record Line(String text, String kind) {
    }

    record Order(String contactId, String name, BigDecimal total, List<Line> lines, String note) {
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static RestoringParser parser(String payload, String properties, Map<String, JsonNode> inside)
            throws Exception {
        return new RestoringParser(JSON.createParser(payload.replace('\'', '"')), JSON,
                (ObjectNode) json(properties), new HashMap<>(inside));
    }

    @Test
    void the_envelope_gives_way_to_the_properties_it_held_and_the_values_inside_go_back_in_their_places() throws Exception {
        String stored = "{'contactId':'c-1','total':5499.00,'lines':[{'text':'erased','kind':'a'},{'text':'erased','kind':'b'}],"
                + "'note':null,'$personal':{'subject':'c-1','data':'sealed'}}";
        try (RestoringParser parser = parser(stored, "{'name':'Wanjiru','address':{'town':'Nakuru'}}",
                Map.of("/lines/1/text", json("'second line'"), "/lines/0/text", json("{'first':[1,2]}")))) {
            JsonNode restored = JSON.readTree(parser);

            assertThat(restored).isEqualTo(json("{'contactId':'c-1','total':5499.00,'lines':[{'text':{'first':[1,2]},"
                    + "'kind':'a'},{'text':'second line','kind':'b'}],'note':null,'name':'Wanjiru',"
                    + "'address':{'town':'Nakuru'}}"));
            assertThat(parser.allPlaced()).isTrue();
        }
    }

    @Test
    void a_payload_binds_from_the_restored_tokens_wherever_its_envelope_is() throws Exception {
        String stored = "{'$personal':{'subject':'c-1','data':'sealed'},'contactId':'c-1','total':5499.00,"
                + "'lines':[{'text':'erased','kind':'a'}],'note':'kept'}";
        try (RestoringParser parser = parser(stored, "{'name':'Otieno'}", Map.of("/lines/0/text", json("'in clear'")))) {
            Order order = JSON.readerFor(Order.class).readValue(parser);

            assertThat(order).isEqualTo(new Order("c-1", "Otieno", new BigDecimal("5499.00"),
                    List.of(new Line("in clear", "a")), "kept"));
        }
    }

    @Test
    void a_place_the_payload_does_not_have_is_reported_so_that_the_tree_puts_it_back() throws Exception {
        String stored = "{'contactId':'c-1','lines':[],'$personal':{'subject':'c-1','data':'sealed'}}";
        try (RestoringParser parser = parser(stored, "{'name':'Achieng'}", Map.of("/lines/0/text", json("'gone'")))) {
            JsonNode restored = JSON.readTree(parser);

            assertThat(restored).isEqualTo(json("{'contactId':'c-1','lines':[],'name':'Achieng'}"));
            assertThat(parser.allPlaced()).isFalse();
        }
    }

    @Test
    void a_property_named_like_the_envelope_inside_another_is_left_as_it_is() throws Exception {
        String stored = "{'contactId':'c-1','note':{'$personal':1},'$personal':{'subject':'c-1','data':'sealed'}}";
        try (RestoringParser parser = parser(stored, "{}", Map.of())) {
            JsonNode restored = JSON.readTree(parser);

            assertThat(restored).isEqualTo(json("{'contactId':'c-1','note':{'$personal':1}}"));
        }
    }
}
