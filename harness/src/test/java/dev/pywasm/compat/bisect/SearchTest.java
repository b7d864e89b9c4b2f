package dev.pywasm.compat.bisect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTest {

    /** Histories: per claim, its value on each release. */
    private final Map<String, String> histories = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private Search.Oracle oracle() {
        return (release, claims) -> {
            Map<String, String> out = new HashMap<>();
            for (String c : claims) {
                asked.add(c + "@" + release);
                char v = histories.get(c).charAt(release);
                if (v != '?') { // '?': no stable value (FLAKY)
                    out.put(c, String.valueOf(v));
                }
            }
            return out;
        };
    }

    private Search search(boolean exhaustive, String... claims) {
        Search s = new Search(histories.get(claims[0]).length(), List.of(claims));
        s.run(oracle(), exhaustive, (round, release, which) -> { });
        return s;
    }

    @Test
    void aMonotoneChangeIsFoundByBinarySearchInLogarithmicallyManyChecks() {
        histories.put("c", "HHHHHHHHHHHHHSSSSSSSSSSSSSSS"); // 28 releases, changed in #13
        Search s = search(false, "c");
        assertThat(s.flips("c")).containsExactly(new Search.Flip(12, 13));
        assertThat(asked).hasSizeLessThanOrEqualTo(2 + 5);
        assertThat(s.changed()).containsExactly("c");
        assertThat(s.unsampled("c")).isEqualTo(28 - asked.size());
    }

    @Test
    void aClaimThatIsTheSameAtBothEndsIsNotSearched() {
        histories.put("same", "HHHHHHHH");
        histories.put("moved", "HHHHSSSS");
        Search s = search(false, "moved", "same");
        assertThat(asked).filteredOn(a -> a.startsWith("same@")).containsExactly("same@0", "same@7");
        assertThat(s.changed()).containsExactly("moved");
        assertThat(s.flips("moved")).containsExactly(new Search.Flip(3, 4));
    }

    @Test
    void everyFlipBetweenSamplesThatDifferIsReportedNotJustOneBoundary() {
        // H until #3, E(RROR) #4-#5, S from #6: two changes, both between samples that differ.
        histories.put("c", "HHHHEESSSSSSSSSS");
        Search s = search(false, "c");
        assertThat(s.flips("c")).containsExactly(new Search.Flip(3, 4), new Search.Flip(5, 6));
    }

    @Test
    void oneClaimsBinarySearchAloneFindsExactlyOneOfTwoValuesChanges() {
        // Two values, ends differ: every midpoint leaves one differing half, so one flip, wherever the others are.
        histories.put("c", "HHHHHHHHHHHSSHHS");
        assertThat(search(false, "c").flips("c")).hasSize(1);
    }

    @Test
    void aFlipBackSeenThroughAnotherClaimsSamplesIsReported() {
        // b is S only in #9 and from #15. Its own search would find only the last change, but at a's midpoints
        // (#7, #11, #9, #8) b is checked too, #9 shows S, and the search follows both sides of it.
        histories.put("a", "HHHHHHHHSSSSSSSS");
        histories.put("b", "HHHHHHHHHSHHHHHS");
        Search s = search(false, "a", "b");
        assertThat(s.flips("a")).containsExactly(new Search.Flip(7, 8));
        assertThat(s.flips("b")).containsExactly(new Search.Flip(8, 9), new Search.Flip(9, 10), new Search.Flip(14, 15));
    }

    @Test
    void aFlipAndFlipBackBetweenAgreeingSamplesIsOnlySeenExhaustively() {
        histories.put("c", "HHHHHSHHHHHHHHHH"); // a one-release blip, equal ends
        assertThat(search(false, "c").changed()).isEmpty();
        asked.clear();
        Search all = search(true, "c");
        assertThat(all.flips("c")).containsExactly(new Search.Flip(4, 5), new Search.Flip(5, 6));
        assertThat(all.changed()).containsExactly("c");
        assertThat(all.unsampled("c")).isZero();
        assertThat(asked).hasSize(16);
    }

    @Test
    void claimsAreSearchedTogetherOneReleaseServesAll() {
        histories.put("a", "HHHHHHHHSSSSSSSS");
        histories.put("b", "HHHHHHHHHHHHSSSS");
        List<Integer> releases = new ArrayList<>();
        Search s = new Search(16, List.of("a", "b"));
        s.run(oracle(), false, (round, release, which) -> releases.add(release));
        assertThat(s.flips("a")).containsExactly(new Search.Flip(7, 8));
        assertThat(s.flips("b")).containsExactly(new Search.Flip(11, 12));
        assertThat(releases).doesNotHaveDuplicates();
        assertThat(releases.size()).isLessThan(2 + 4 + 4); // fewer runtime starts than two searches
    }

    @Test
    void neighbouringEndsNeedNoSearch() {
        histories.put("c", "HS");
        Search s = search(false, "c");
        assertThat(s.flips("c")).containsExactly(new Search.Flip(0, 1));
        assertThat(asked).containsExactly("c@0", "c@1");
    }

    @Test
    void aReleaseWithoutAStableValueIsSteppedOverAndReportedWithTheFlip() {
        histories.put("c", "HHHHHHH?SSSSSSSS"); // #7, the first midpoint, is FLAKY
        Search s = search(false, "c");
        assertThat(s.flips("c")).containsExactly(new Search.Flip(6, 8));
        assertThat(s.unstable("c")).containsExactly(7);
        assertThat(s.changed()).containsExactly("c");
    }

    @Test
    void aClaimWithoutAStableValueAtAnEndIsNotSearchedButSaidToBeUnsettled() {
        histories.put("c", "?HHHHHHS");
        histories.put("d", "HHHHSSSS");
        Search s = search(false, "c", "d");
        assertThat(s.unsettled()).containsExactly("c");
        assertThat(s.changed()).containsExactly("d");
        assertThat(asked).filteredOn(a -> a.startsWith("c@")).containsExactly("c@0", "c@7");
    }
}
