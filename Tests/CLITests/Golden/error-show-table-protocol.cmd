# --table wants a spec (64).
show Protocols/floodset.protocol --table Protocols/majority.protocol
