# A malformed spec anywhere in the suite stops the bench (65) before any run starts.
bench --suite Tests/CLITests/Fixtures/bench-malformed --strategies dfs --seeds 1
