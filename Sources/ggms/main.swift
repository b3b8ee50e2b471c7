import ArgumentParser
import Foundation

// `GGMS.main()`, except that under `--json` a failed command (exit 64, 65, 66, 70) also prints
// its error as a JSON record on stdout (`JSONErrors`).
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    var command = try GGMS.parseAsRoot(arguments)
    try command.run()
} catch {
    let code = GGMS.exitCode(for: error).rawValue
    if let record = JSONErrors.shared.record(arguments: arguments, code: code, parserMessage: GGMS.message(for: error)) {
        print(JSONText.encode(AnyEncodable(record)))
    }
    GGMS.exit(withError: error)
}
