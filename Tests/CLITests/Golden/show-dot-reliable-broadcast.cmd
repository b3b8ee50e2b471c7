show --dot Protocols/reliable-broadcast.protocol
