; Every process decides, crashed ones included: this game cannot satisfy it (a crashed process decides -1).
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 2)          ; input values 0..1
(set-info :decisions 2)       ; decision values 0..1
(set-info :states 2)          ; synthesis: local states a protocol may use
(set-info :round-aware false) ; synthesis: next() does not see the round

; Processes that never crash decide the same value.
; Every process decides (crashed ones included): impossible in this game, where a process that crashes decides -1.
(assert (forall ((i Proc)) (>= (decision i) 0)))
