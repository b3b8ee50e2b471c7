import Bench
import Testing

/// Medians of counts in bench.md: thousands separators, one decimal only when not whole.
@Suite(.timeLimit(.minutes(5))) struct BenchFormatTests {
    @Test func benchMedians() {
        #expect(BenchFormat.count(1025) == "1,025")
        #expect(BenchFormat.count(1024.5) == "1,024.5")
        #expect(BenchFormat.count(7) == "7")
    }
}
