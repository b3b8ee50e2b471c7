# Generalization is checked from the spec's n upward; a bound below n is a usage error (64).
synthesize Specs/consensus3.smt2 --max-processes 2
