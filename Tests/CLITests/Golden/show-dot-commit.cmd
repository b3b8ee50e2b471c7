show --dot Protocols/commit.protocol
