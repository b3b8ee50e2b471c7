show Protocols/commit.protocol
