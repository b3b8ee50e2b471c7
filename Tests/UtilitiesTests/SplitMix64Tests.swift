import Testing
import Utilities

@Suite("SplitMix64", .timeLimit(.minutes(5)))
struct SplitMix64Tests {
    /// The reference sequence of SplitMix64 from state 0 (Steele, Lea, Flood 2014; also
    /// `splitmix64.c` by Vigna): a seed must mean the same draws forever.
    @Test func referenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect((0..<3).map { _ in generator.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    @Test func sameSeedSameSequence() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42), c = SplitMix64(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }
}
