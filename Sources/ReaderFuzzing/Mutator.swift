/// Turns a corpus file into a fuzzed input by stacking one to eight random edits: bit flips,
/// byte replacements (special bytes included: NUL, CR, LF, quotes, parentheses, invalid UTF-8),
/// dictionary insertions, words replaced by dictionary words, deletions, duplications, splices
/// from another corpus file, line-ending conversions, deep nesting, truncation, line swaps and
/// numbers replaced by interesting ones.
struct Mutator {
    /// The files inputs are made from, all of one reader.
    let corpus: [[UInt8]]
    /// Tokens of the reader's language (`Reader.dictionary`).
    let dictionary: [[UInt8]]

    static let specialBytes: [UInt8] = [0, 0x0D, 0x0A, 0x09, 0x20, 0x7C, 0x22, 0x28, 0x29, 0x3B, 0x23, 0x3A, 0x2C, 0x2D, 0x3E,
                                        0xFF, 0xC3, 0x80, 0x7F, 0x1B]
    static let interestingNumbers = ["0", "1", "2", "3", "6", "7", "8", "9", "16", "17", "45", "46", "62", "63", "64", "65",
                                     "255", "256", "1000", "1001", "1000000", "1000001", "4194304", "2147483648",
                                     "9223372036854775807", "9223372036854775808", "340282366920938463463374607431768211456"]

    /// A fuzzed input from the generator's next choices.
    /// - Complexity: O(input size) per edit; inputs stay below about 64 KiB.
    func input(using random: inout FuzzRandom) -> [UInt8] {
        var bytes = corpus[random.below(corpus.count)]
        let edits = 1 + min(random.below(8), random.below(8), random.below(8))  // one edit a third of the time
        for _ in 0..<edits { mutate(&bytes, using: &random) }
        if bytes.count > 65_536 { bytes.removeLast(bytes.count - 65_536) }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout FuzzRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(15) {
        case 0 where !bytes.isEmpty:  // flip a bit
            bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where !bytes.isEmpty:  // any byte
            bytes[min(position, bytes.count - 1)] = UInt8(random.below(256))
        case 2 where !bytes.isEmpty:  // a special byte
            bytes[min(position, bytes.count - 1)] = Self.specialBytes[random.below(Self.specialBytes.count)]
        case 3:  // a special byte inserted
            bytes.insert(Self.specialBytes[random.below(Self.specialBytes.count)], at: position)
        case 4, 5:  // a word of the language inserted
            bytes.insert(contentsOf: dictionary[random.below(dictionary.count)], at: position)
        case 6 where !bytes.isEmpty:  // a range deleted
            let end = min(bytes.count, position + 1 + random.below(random.oneIn(4) ? 256 : 16))
            bytes.removeSubrange(min(position, bytes.count - 1)..<end)
        case 7 where !bytes.isEmpty:  // a range duplicated elsewhere
            let start = random.below(bytes.count)
            let chunk = bytes[start..<min(bytes.count, start + 1 + random.below(64))]
            bytes.insert(contentsOf: chunk, at: position)
        case 8:  // a range of another file spliced in
            let other = corpus[random.below(corpus.count)]
            guard !other.isEmpty else { return }
            let start = random.below(other.count)
            let chunk = other[start..<min(other.count, start + 1 + random.below(256))]
            let end = min(bytes.count, position + random.below(64))
            bytes.replaceSubrange(position..<end, with: chunk)
        case 9:  // every line ending converted to CRLF or CR, or CRs dropped
            bytes = Self.convertingLineEndings(bytes, to: random.below(3))
        case 10:  // deep nesting
            let count = random.oneIn(2) ? 1 + random.below(16) : 990 + random.below(30)
            let paren: UInt8 = random.oneIn(2) ? 0x28 : 0x29
            bytes.insert(contentsOf: [UInt8](repeating: paren, count: count), at: position)
        case 11 where !bytes.isEmpty:  // truncated
            bytes.removeSubrange(position...)
        case 12:  // a number replaced by an interesting one, or two lines swapped
            if random.oneIn(2), let digits = Self.digitRun(in: bytes, near: position) {
                bytes.replaceSubrange(digits, with: Array(Self.interestingNumbers[random.below(Self.interestingNumbers.count)].utf8))
            } else {
                Self.swapLines(&bytes, using: &random)
            }
        case 13, 14:  // a word replaced by a word of the language (keeps the syntax more often)
            let isWordByte: (UInt8) -> Bool = { $0 > 0x20 && !"()|\";#,".utf8.contains($0) }
            guard let start = bytes[position...].firstIndex(where: isWordByte) else { return }
            let end = bytes[start...].firstIndex { !isWordByte($0) } ?? bytes.count
            bytes.replaceSubrange(start..<end, with: dictionary[random.below(dictionary.count)])
        default:
            bytes.insert(UInt8(random.below(256)), at: position)
        }
    }

    /// 0: LF -> CRLF; 1: LF -> CR; 2: every CR removed.
    static func convertingLineEndings(_ bytes: [UInt8], to style: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            switch (style, byte) {
            case (0, 0x0A): result += [0x0D, 0x0A]
            case (1, 0x0A): result.append(0x0D)
            case (2, 0x0D): continue
            default: result.append(byte)
            }
        }
        return result
    }

    /// The first run of ASCII digits at or after `position` (wrapping to the start), if any.
    static func digitRun(in bytes: [UInt8], near position: Int) -> Range<Int>? {
        let isDigit: (UInt8) -> Bool = { (0x30...0x39).contains($0) }
        guard let start = bytes[position...].firstIndex(where: isDigit) ?? bytes.firstIndex(where: isDigit) else { return nil }
        let end = bytes[start...].firstIndex { !isDigit($0) } ?? bytes.count
        return start..<end
    }

    private static func swapLines(_ bytes: inout [UInt8], using random: inout FuzzRandom) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count >= 2 else { return }
        lines.swapAt(random.below(lines.count), random.below(lines.count))
        bytes = Array(lines.joined(separator: [0x0A]))
    }
}
