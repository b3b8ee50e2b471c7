show Protocols/floodset.protocol --table Tests/CLITests/Fixtures/consensus3-general-omission.smt2
