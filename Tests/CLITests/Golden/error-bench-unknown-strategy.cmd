# A misspelled strategy is a usage error (64) before any run starts.
bench --suite Tests/CLITests/Fixtures/bench --strategies ggms,dsf
