# More raw executions than a Double holds: the JSON counts are the string "inf", never an empty object.
verify --json Tests/CLITests/Fixtures/overflowing-count.smt2 Tests/CLITests/Fixtures/one-state.protocol
