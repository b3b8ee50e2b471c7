show --dot Tests/CLITests/Fixtures/early-zero.protocol
