show Tests/CLITests/Fixtures/syntax-error.protocol
