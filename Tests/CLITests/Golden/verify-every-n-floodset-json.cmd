# Every n, JSON: FloodSet with f+1 rounds verifies for every n >= 3 (verifiedFrom).
verify Specs/consensus3.smt2 Protocols/floodset.protocol --processes 3... --json
