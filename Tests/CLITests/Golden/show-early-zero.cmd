show Tests/CLITests/Fixtures/early-zero.protocol
