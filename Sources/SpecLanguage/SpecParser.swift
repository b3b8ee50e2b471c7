import Diagnostics

/// The syntactic half of reading a spec: commands, attributes, property names and process
/// mentions, all from the S-expressions. Z3's parse and sort check come after (`Spec+Solver`).
struct SpecParser {
    private let file: String
    private let text: String
    private let scalars: [Unicode.Scalar]
    /// Each attribute's value and its keyword token, as set.
    var attributes: [SpecAttribute: (keyword: SExpression, value: SExpression)] = [:]
    /// 0-ary `define-fun` names seen so far, for naming `(assert name)`.
    private var constantDefinitions: Set<String> = []
    private var properties: [Spec.Property] = []
    private var processSymbols: Set<Int> = []
    /// Whether a definition or assertion reads `index` (processes are then told apart).
    private var readsIndex = false
    /// Whether a definition or assertion reads a derived term of the outcome.
    private var readsDerived = false
    /// Scalar ranges of commands Z3 must not see.
    private var blanked: [Range<Int>] = []

    /// Commands a spec may use; everything else is rejected with this list.
    static let unsupportedHint =
        "expected set-info, define-fun, define-sort or assert (set-logic, set-option, check-sat, get-model "
        + "and exit are ignored; the engine declares Proc, input, decision, correct, index, decided, decision-round, faults, lost)"

    /// Reads `text` into a `Spec` whose assertions Z3 has not yet seen.
    /// - Throws: a located `Diagnostic(.badInput)` at the first problem.
    /// - Complexity: O(`text.count`).
    static func parse(_ text: String, file: String) throws(Diagnostic) -> Spec {
        var parser = SpecParser(file: file, text: text, scalars: Array(text.unicodeScalars))
        let commands = try SExpressionReader.read(text, file: file)
        for command in commands { try parser.read(command) }
        return try parser.finish()
    }

    private init(file: String, text: String, scalars: [Unicode.Scalar]) {
        self.file = file
        self.text = text
        self.scalars = scalars
    }

    func error(at expression: SExpression, _ message: String) -> Diagnostic {
        Diagnostic(.badInput, at: expression.location(in: file), message: message)
    }

    private mutating func read(_ command: SExpression) throws(Diagnostic) {
        guard let elements = command.elements, let head = elements.first, case let .symbol(name) = head.kind else {
            throw error(at: command, "'\(command.spelling)' is not a command; expected a command such as (assert …) or (set-info :processes 3)")
        }
        switch name {
        case "set-info":
            try readSetInfo(command, elements)
            blanked.append(command.start..<command.end)
        case "set-logic", "set-option", "check-sat", "get-model", "exit":
            blanked.append(command.start..<command.end)
        case "define-fun", "define-sort":
            try readDefinition(name, command, elements)
        case "assert":
            try readAssert(command, elements)
        default:
            throw error(at: head, "unsupported command '\(name)'; \(Self.unsupportedHint)")
        }
    }

    private mutating func readDefinition(_ command: String, _ whole: SExpression, _ elements: [SExpression])
        throws(Diagnostic)
    {
        guard elements.count >= 2, let name = elements[1].symbolName else {
            throw error(at: whole, "\(command) needs a name; expected (\(command) NAME …)")
        }
        if Self.isVocabulary(name) {
            throw error(at: elements[1],
                        "'\(name)' is part of the engine's vocabulary (Proc, p0, p1, …, input, decision, correct); "
                        + "expected a new name")
        }
        if command == "define-fun", elements.count >= 3, elements[2].elements?.isEmpty == true {
            constantDefinitions.insert(name)
        }
        noteProcessSymbols(in: whole)
    }

    private mutating func readAssert(_ whole: SExpression, _ elements: [SExpression]) throws(Diagnostic) {
        guard elements.count == 2 else {
            throw error(at: whole, "assert takes exactly one Boolean term; expected (assert TERM)")
        }
        noteProcessSymbols(in: whole)
        let body = elements[1]
        var name = "assertion \(properties.count + 1)"
        if case let .symbol(symbol) = body.kind, constantDefinitions.contains(symbol) {
            name = symbol
        } else if let parts = body.elements, parts.first?.kind == .symbol("!") {
            for index in parts.indices.dropFirst(2) where parts[index - 1].kind == .keyword("named") {
                if let label = parts[index].symbolName { name = label }
            }
        }
        let source = String(String.UnicodeScalarView(scalars[whole.start..<whole.end]))
        properties.append(Spec.Property(name: name, location: whole.location(in: file), text: source))
    }

    /// Whether `name` is declared by the engine (and so may not be redefined).
    static func isVocabulary(_ name: String) -> Bool {
        ["Proc", "input", "decision", "correct"].contains(name) || processIndex(name) != nil
    }

    /// `K` for a symbol spelled `pK` (`K` a numeral without leading zeros), else nil.
    static func processIndex(_ name: String) -> Int? {
        guard name.hasPrefix("p"), name.count >= 2 else { return nil }
        let digits = name.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits == "0" || digits.first != "0" else {
            return nil
        }
        return Int(digits)
    }

    private mutating func noteProcessSymbols(in expression: SExpression) {
        expression.forEachSymbol { _, name in
            if let index = Self.processIndex(name) { processSymbols.insert(index) }
            // Z3 declares a recognizer `is_pK` with the Proc sort: it names process K too.
            if name.hasPrefix("is_"), let index = Self.processIndex(String(name.dropFirst(3))) { processSymbols.insert(index) }
            if name == "index" { readsIndex = true }
            if Spec.derivedTerms.contains(name) { readsDerived = true }
        }
    }

    private func finish() throws(Diagnostic) -> Spec {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let noBound = attributes[.crashes] == nil && attributes[.faulty] == nil
        let missing = SpecAttribute.allCases.filter { ($0.isRequired && attributes[$0] == nil) || ($0 == .crashes && noBound) }
        if let (keyword, _) = attributes[.faulty], let (first, _) = attributes[.crashes] {
            let later = first.location(in: file).line > keyword.location(in: file).line ? first : keyword
            throw error(at: later, "both ':crashes' and ':faulty' are set; expected one of them (':faulty' is the newer name of ':crashes')")
        }
        if !missing.isEmpty {
            let names = missing.map(\.keyword).joined(separator: ", ")
            let examples = missing.map(\.example).joined(separator: " ")
            throw Diagnostic(.badInput, at: start,
                             message: "missing attribute \(names); expected \(examples) "
                             + "(every spec sets :processes, :crashes or its newer name :faulty, and :rounds)")
        }
        let n = number(.processes)!
        let bound: SpecAttribute = attributes[.faulty] != nil ? .faulty : .crashes
        if let (_, value) = attributes[bound], number(bound)! >= n {
            throw error(at: value, "'\(bound.keyword)' is \(number(bound)!) but ':processes' is \(n); "
                        + "expected a numeral in 0...\(n - 1) (fewer faulty processes than processes)")
        }
        if let (_, value) = attributes[.losses], let l = number(.losses), l > n * (n - 1) {
            throw error(at: value, "':losses' is \(l) but a round carries only \(n * (n - 1)) messages between \(n) processes; "
                        + "expected a numeral in 0...\(n * (n - 1))")
        }
        if let (_, value) = attributes[.messages], let m = number(.messages), m > (number(.states) ?? 2) {
            throw error(at: value, "':messages' is \(m) but ':states' is \(number(.states) ?? 2); "
                        + "expected a numeral in 1...\(number(.states) ?? 2) (a protocol says at most as much as it remembers)")
        }
        if symbol(.identities) == "true", n > SenderObservation.maxProcesses, let (_, value) = attributes[.processes] {
            throw error(at: value, "':processes' is \(n) but ':identities true' holds at most \(SenderObservation.maxProcesses) processes; "
                        + "expected a numeral in 2...\(SenderObservation.maxProcesses) (an observation records each sender)")
        }
        if properties.isEmpty {
            throw Diagnostic(.badInput, at: start,
                             message: "no assertion; expected at least one (assert …) that must hold on every outcome")
        }
        let setting = Setting(
            processes: n, crashes: number(bound)!, rounds: number(.rounds)!,
            inputs: number(.inputs) ?? 2, decisions: number(.decisions) ?? 2, states: number(.states) ?? 2,
            roundAware: symbol(.roundAware).map { $0 == "true" } ?? false,
            faults: symbol(.faults).flatMap(FaultKind.init(rawValue:)) ?? .crash, losses: number(.losses) ?? 0,
            messages: number(.messages), earlyDecision: symbol(.earlyDecision).map { $0 == "true" } ?? false,
            identities: symbol(.identities).map { $0 == "true" } ?? false)
        return Spec(file: file, text: text, setting: setting,
                    expect: symbol(.expect).flatMap(Spec.Expectation.init(rawValue:)),
                    properties: properties, solverText: blankedText(), processSymbols: processSymbols.sorted(), readsIndex: readsIndex, readsDerived: readsDerived,
                    attributeLocations: attributes.mapValues { $0.value.location(in: file) })
    }

    private func number(_ attribute: SpecAttribute) -> Int? {
        guard case let .numeral(text)? = attributes[attribute]?.value.kind else { return nil }
        return Int(text)
    }

    private func symbol(_ attribute: SpecAttribute) -> String? {
        attributes[attribute]?.value.symbolName
    }

    /// The text with the blanked commands replaced by spaces (newlines kept).
    private func blankedText() -> String {
        var copy = scalars
        for range in blanked {
            for offset in range where copy[offset] != "\n" { copy[offset] = " " }
        }
        return String(String.UnicodeScalarView(copy))
    }
}
