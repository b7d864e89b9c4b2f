package dev.pywasm.compat.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pywasm.compat.model.Observation;
import dev.pywasm.compat.model.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Observation returned(String value) throws Exception {
        return new Observation(Outcome.RETURNED, json(value), null, null, null, null, null);
    }

    private static Observation raised(String exception, String errnoName) {
        return new Observation(Outcome.RAISED, null, exception, 52, errnoName, "Function not implemented", null);
    }

    @Test
    void outcomeMustMatch() {
        assertThat(Matcher.of(Outcome.RAISED).matches(raised("OSError", "ENOSYS"))).isTrue();
        assertThat(Matcher.of(Outcome.CRASHED).matches(raised("OSError", "ENOSYS"))).isFalse();
    }

    @Test
    void errnoIsMatchedByName() {
        Matcher m = new Matcher(Outcome.RAISED, "OSError", List.of("ENOSYS", "ENOTSUP"), null, null);
        assertThat(m.matches(raised("OSError", "ENOSYS"))).isTrue();
        assertThat(m.matches(raised("OSError", "EINVAL"))).isFalse();
        assertThat(m.matches(raised("PermissionError", "ENOSYS"))).isFalse();
    }

    @Test
    void objectValuesMatchPartially() throws Exception {
        Matcher m = new Matcher(Outcome.RETURNED, null, null, json("{\"applied\": false}"), null);
        assertThat(m.matches(returned("{\"applied\": false, \"mode\": \"0o644\"}"))).isTrue();
        assertThat(m.matches(returned("{\"applied\": true, \"mode\": \"0o600\"}"))).isFalse();
        assertThat(m.matches(returned("{\"mode\": \"0o600\"}"))).isFalse();
    }

    @Test
    void numbersCompareByValue() throws Exception {
        Matcher m = new Matcher(Outcome.RETURNED, null, null, json("0"), null);
        assertThat(m.matches(returned("0.0"))).isTrue();
        assertThat(m.matches(returned("1"))).isFalse();
    }

    @Test
    void minVersionComparesDottedNumbers() throws Exception {
        Matcher m = new Matcher(Outcome.RETURNED, null, null, null, "3.1.8");
        assertThat(m.matches(returned("\"3.1.32\""))).isTrue();
        assertThat(m.matches(returned("\"3.1.8\""))).isTrue();
        assertThat(m.matches(returned("\"3.1.6\""))).isFalse();
        assertThat(m.matches(returned("\"5.0.3\""))).isTrue();
        assertThat(m.matches(returned("null"))).isFalse();
    }
}
