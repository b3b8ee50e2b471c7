show Tests/CLITests/Fixtures/guard-too-long.protocol
