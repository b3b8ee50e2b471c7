show Tests/CLITests/Fixtures/floodset-memory.protocol
