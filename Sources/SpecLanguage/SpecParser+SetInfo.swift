import Diagnostics

extension SpecParser {
    /// SMT-LIB2's own `set-info` attributes (`:status` and friends), accepted and ignored.
    static let standardAttributes: Set<String> = ["source", "smt-lib-version", "status", "license", "category", "notes"]

    /// Checks one `(set-info :attribute value)` and records it.
    mutating func readSetInfo(_ whole: SExpression, _ elements: [SExpression]) throws(Diagnostic) {
        guard elements.count >= 2, case let .keyword(name) = elements[1].kind else {
            throw error(at: elements.count >= 2 ? elements[1] : whole,
                        "set-info needs a keyword attribute; expected (set-info :processes 3) or another of "
                        + SpecAttribute.allKeywords)
        }
        let keyword = elements[1]
        // The standard SMT-LIB2 benchmark attributes carry no game parameter; they are ignored.
        if Self.standardAttributes.contains(name) { return }
        guard let attribute = SpecAttribute(rawValue: name) else {
            var message = "unknown attribute ':\(name)'"
            if let guess = SpecAttribute.suggestion(for: name) { message += " (did you mean '\(guess.keyword)'?)" }
            throw error(at: keyword, message + "; expected one of " + SpecAttribute.allKeywords)
        }
        guard elements.count == 3 else {
            throw error(at: elements.count > 3 ? elements[3] : keyword,
                        "'\(attribute.keyword)' takes exactly one value; expected \(attribute.expectedValue)")
        }
        if let first = attributes[attribute] {
            throw error(at: keyword, "duplicate attribute '\(attribute.keyword)' (first set at line \(first.keyword.line)); "
                        + "expected each attribute at most once")
        }
        let value = elements[2]
        if let range = attribute.range {
            guard case let .numeral(digits) = value.kind else {
                throw error(at: value, "'\(attribute.keyword)' is '\(value.spelling)', not a numeral; expected \(attribute.expectedValue)")
            }
            guard let number = Int(digits), range.contains(number) else {
                throw error(at: value, "'\(attribute.keyword)' is \(digits), out of range; expected \(attribute.expectedValue)")
            }
        } else {
            guard case let .symbol(word) = value.kind, attribute.symbols.contains(word) else {
                let hint = attribute.suggestion(for: value.spelling).map { " (did you mean '\($0)'?)" } ?? ""
                throw error(at: value, "'\(attribute.keyword)' is '\(value.spelling)'\(hint); expected \(attribute.expectedValue)")
            }
        }
        attributes[attribute] = (keyword, value)
    }
}
