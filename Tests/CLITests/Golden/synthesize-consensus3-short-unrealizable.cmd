# No protocol with 2 states in 1 round: exit 1, the proof by exhaustion on stderr, nothing written.
synthesize Specs/consensus3-short.smt2 --output - --quiet --no-encoder --seed 3
