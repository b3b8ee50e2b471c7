show --dot Tests/CLITests/Fixtures/floodset-memory.protocol
