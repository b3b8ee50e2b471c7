# --solver-timeout 0 would mean no limit to Z3: a usage error (64), not a silent forever.
verify --solver-timeout 0 Specs/consensus3.smt2 Protocols/floodset.protocol
