# Fewer than one seed is a usage error (64).
bench --suite Tests/CLITests/Fixtures/bench --seeds 0
