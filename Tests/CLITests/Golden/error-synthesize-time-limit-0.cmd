# A time limit must be above 0 seconds (64), as in bench.
synthesize Specs/consensus3.smt2 --time-limit 0
