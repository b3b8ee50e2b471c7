import Foundation

/// A JSON value as read for validation: booleans, integers and other numbers kept apart.
indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), int(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    static func parse(_ text: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    subscript(key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// Equal as JSON: an integer equals the same number written with a fraction.
    func sameAs(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .number(let b)), (.number(let b), .int(let a)): return Double(a) == b
        case (.number(let a), .number(let b)): return a == b
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.sameAs($1) }
        case (.object(let a), .object(let b)): return a.keys == b.keys && a.allSatisfy { b[$0.key].map($0.value.sameAs) ?? false }
        default: return false
        }
    }
}

/// A validator for the subset of JSON Schema (2020-12) that docs/ggms.schema.json uses: `$ref`
/// into `$defs`, `type`, `properties`, `required`, `additionalProperties`, `items`, `enum`,
/// `const`, `oneOf`, `anyOf`, `minimum`, and the annotations `$schema`, `title`, `description`.
/// A keyword outside the subset is an error, so the schema cannot say more than is checked.
struct JSONSchemaValidator {
    static let keywords: Set<String> = ["$schema", "title", "description", "$defs", "$ref", "type", "properties", "required",
                                        "additionalProperties", "items", "enum", "const", "oneOf", "anyOf", "minimum"]
    let root: JSONValue

    /// The errors of `value` against the whole schema (empty: valid), each `path: what`.
    func errors(_ value: JSONValue) -> [String] { check(value, root, "$") }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String) -> [String] {
        guard let s = schema.object else { return ["schema at \(path) is not an object"] }
        if let unknown = s.keys.first(where: { !Self.keywords.contains($0) }) { return ["schema keyword \(unknown) is not supported"] }
        var out: [String] = []
        if let ref = s["$ref"]?.string {
            let prefix = "#/$defs/"
            guard ref.hasPrefix(prefix), let target = root["$defs"]?[String(ref.dropFirst(prefix.count))] else {
                return ["\(path): unresolvable $ref \(ref)"]
            }
            out += check(value, target, path)
        }
        if let type = s["type"] {
            let names = type.array?.compactMap(\.string) ?? [type.string ?? "?"]
            if !names.contains(where: { Self.has(value, type: $0) }) { out.append("\(path): expected \(names.joined(separator: " or "))") }
        }
        if let options = s["enum"]?.array, !options.contains(where: { $0.sameAs(value) }) { out.append("\(path): not one of the enum") }
        if let constant = s["const"], !constant.sameAs(value) { out.append("\(path): not the const") }
        if let minimum = s["minimum"] {
            let bound: Double = switch minimum { case .int(let i): Double(i); case .number(let d): d; default: .nan }
            let number: Double? = switch value { case .int(let i): Double(i); case .number(let d): d; default: nil }
            if let number, number < bound { out.append("\(path): below the minimum \(bound)") }
        }
        if case .object(let object) = value {
            let properties = s["properties"]?.object ?? [:]
            for name in s["required"]?.array?.compactMap(\.string) ?? [] where object[name] == nil {
                out.append("\(path): missing required \(name)")
            }
            for (name, child) in object {
                if let sub = properties[name] {
                    out += check(child, sub, "\(path).\(name)")
                } else if let additional = s["additionalProperties"] {
                    if case .bool(false) = additional { out.append("\(path): unexpected property \(name)") }
                    else if case .object = additional { out += check(child, additional, "\(path).\(name)") }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { out += check(item, itemSchema, "\(path)[\(i)]") }
        }
        if let branches = s["anyOf"]?.array {
            let results = branches.map { check(value, $0, path) }
            if !results.contains(where: \.isEmpty) { out += results.min { $0.count < $1.count } ?? [] }
        }
        if let branches = s["oneOf"]?.array {
            let results = branches.map { check(value, $0, path) }
            let matching = results.filter(\.isEmpty).count
            if matching == 0 { out += ["\(path): matches none of oneOf; closest:"] + (results.min { $0.count < $1.count } ?? []) }
            if matching > 1 { out.append("\(path): matches \(matching) branches of oneOf; expected exactly one") }
        }
        return out
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .number), ("string", .string),
             ("array", .array), ("object", .object): return true
        case ("integer", .number(let d)): return d == d.rounded()
        default: return false
        }
    }
}
