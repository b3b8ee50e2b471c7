# A negative time limit reaches the check (not argument-parser's 'Missing value').
bench --suite Tests/CLITests/Fixtures/bench --time-limit -1
