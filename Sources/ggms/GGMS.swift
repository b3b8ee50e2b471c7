import ArgumentParser
import Records

/// The `ggms` command: synthesize, verify and show distributed protocols.
public struct GGMS: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ggms",
        abstract: "Verified synthesis of fault-tolerant distributed protocols.",
        version: GGMSVersion.current,
        subcommands: [SynthesizeCommand.self, SplitCommand.self, MergeCommand.self, VerifyCommand.self, SimulateCommand.self, ExportCommand.self, ReplayCommand.self, CheckRefutationCommand.self, ShowCommand.self, BenchCommand.self, BenchCheckerCommand.self, BenchFaultsCommand.self, BenchEarlyCommand.self, BenchSynthesisCommand.self, BenchEncoderCommand.self])

    public init() {}
}
