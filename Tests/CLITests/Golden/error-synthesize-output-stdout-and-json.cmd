# The protocol and the JSON record cannot both be standard output (64).
synthesize Specs/consensus3.smt2 --output - --json
