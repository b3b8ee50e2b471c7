# A found protocol from a fixed seed (encoder off, so every CPU searches alike): the protocol alone on stdout, the report on stderr.
synthesize Specs/consensus3.smt2 --output - --quiet --no-encoder --seed 3
