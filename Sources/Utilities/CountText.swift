/// Counts in user-facing text: thousands separators and plurals, in one place.
///
/// Every count the command line and the bench reports print for a person (text output, Markdown reports) goes
/// through `formatCount` or `plural`; CSV and JSON keep plain numbers for programs.

/// Human-readable counts: exact with thousands separators up to 10^15 (`1,025`), else
/// scientific (`1.84e19`); `more than 1.8e308` for an overflowed count.
public func formatCount(_ value: Double) -> String {
    if !value.isFinite { return value.isNaN ? "nan" : value < 0 ? "-(more than 1.8e308)" : "more than 1.8e308" }
    if value < 0 { return "-" + formatCount(-value) }
    if value < 1e15 { return grouped(String(Int64(value.rounded()))) }
    let exponent = Int(value.log10Floor)
    let mantissa = value / pow10(exponent)
    return "\(Double(Int(mantissa * 100)) / 100)e\(exponent)"
}

/// An integer count with thousands separators: `7`, `1,025`, `-12,000`.
public func formatCount(_ value: Int) -> String {
    value < 0 ? "-" + grouped(String(value.magnitude)) : grouped(String(value))
}

/// A count and its noun, singular for exactly one: `plural(1, "round")` is `1 round`,
/// `plural(1025, "state")` is `1,025 states`, `plural(2, "query", "queries")` is `2 queries`.
/// - Parameter pluralForm: the plural when it is not `word + "s"`.
public func plural(_ count: Int, _ word: String, _ pluralForm: String? = nil) -> String {
    "\(formatCount(count)) \(count == 1 ? word : pluralForm ?? word + "s")"
}

/// A Double count (raw executions) and its noun, singular for exactly one.
public func plural(_ count: Double, _ word: String, _ pluralForm: String? = nil) -> String {
    "\(formatCount(count)) \(count == 1 ? word : pluralForm ?? word + "s")"
}

/// Inserts a comma every three digits from the right of a string of decimal digits.
private func grouped(_ digits: String) -> String {
    var out = ""
    for (i, ch) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return String(out.reversed())
}

private func pow10(_ e: Int) -> Double {
    var r = 1.0
    for _ in 0..<abs(e) { r *= 10 }
    return e < 0 ? 1 / r : r
}

private extension Double {
    var log10Floor: Int {
        var e = 0
        var v = self
        while v >= 10 { v /= 10; e += 1 }
        return e
    }
}
