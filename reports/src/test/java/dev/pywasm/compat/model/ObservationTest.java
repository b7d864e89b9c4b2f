package dev.pywasm.compat.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservationTest {

    @Test
    void anInapplicableObservationWithoutReasonReadsWell() {
        assertThat(Observation.of(Outcome.INAPPLICABLE, null).summary()).isEqualTo("inapplicable");
        assertThat(new Observation(Outcome.INAPPLICABLE, null, null, null, null, null, "no threads").summary())
                .isEqualTo("inapplicable: no threads");
    }
}
