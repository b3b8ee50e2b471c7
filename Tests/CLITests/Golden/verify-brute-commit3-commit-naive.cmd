verify --checker brute Specs/commit3.smt2 Protocols/commit-naive.protocol
