package dev.pywasm.compat.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void aShardIsIOfNCountingFromZero() {
        assertThat(Shard.parse("0/2", "--shard")).isEqualTo(new Shard(0, 2));
        assertThat(Shard.parse(" 3/4 ", "--shard")).isEqualTo(new Shard(3, 4));
        assertThat(Shard.parse("0/1", "--shard")).isEqualTo(Shard.ALL);
        assertThat(new Shard(1, 2)).hasToString("1/2");
    }

    @Test
    void badShardsAreOneLineNamingTheFlag() {
        assertThatThrownBy(() -> Shard.parse("3/2", "--shard")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--shard 3/2: I must be below N (I counts from 0 to 1)");
        assertThatThrownBy(() -> Shard.parse("2/2", "--shard")).hasMessageStartingWith("--shard 2/2: I must be below N");
        assertThatThrownBy(() -> Shard.parse("0/0", "-Dpywasm.shard")).hasMessage("-Dpywasm.shard 0/0: N must be 1 or more");
        for (String bad : List.of("x", "1", "-1/2", "1/2/3", "", "a/b", "1 / 2")) {
            assertThatThrownBy(() -> Shard.parse(bad, "--shard")).hasMessageStartingWith("--shard '" + bad + "' is not I/N");
        }
    }

    @Test
    void aCellsShardIsItsSha256ModuloNTheSameOnEveryMachine() {
        // sha256("misc.ssl node pyodide-314.0.8") = 2cc935a9c6fb3185...; 0x2cc935a9c6fb3185 % 7 = 4, % 2 = 1
        // (python3 -c "print(0x2cc935a9c6fb3185 % 7)"): the assignment a reader can recompute by hand.
        Cell cell = new Cell("misc.ssl", "node", "pyodide-314.0.8");
        assertThat(Shard.bucket(cell, 7)).isEqualTo(4);
        assertThat(Shard.bucket(cell, 2)).isEqualTo(1);
        assertThat(Shard.bucket(cell, 1)).isZero();
    }

    @Test
    void theShardsOfNPartitionThePlanEvenly() {
        List<Cell> plan = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            for (String host : List.of("node", "chromium", "firefox", "native")) {
                for (String runtime : List.of("pyodide-0.28.3", "pyodide-314.0.8")) {
                    plan.add(new Cell("claim." + c, host, runtime));
                }
            }
        }
        int n = 4;
        Map<Integer, Integer> sizes = new HashMap<>();
        for (Cell cell : plan) {
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (new Shard(i, n).owns(cell)) {
                    owners.add(i);
                }
            }
            assertThat(owners).as(cell.toString()).hasSize(1);
            sizes.merge(owners.get(0), 1, Integer::sum);
        }
        assertThat(sizes).hasSize(n);
        sizes.values().forEach(size -> assertThat(size).isBetween(160, 240)); // 800 cells, 200 each +- 20 %
    }
}
