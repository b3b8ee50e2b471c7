# The record would replace the protocol itself (64).
synthesize Specs/consensus3.smt2 --output Results/consensus3.json
