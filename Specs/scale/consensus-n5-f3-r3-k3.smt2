; Binary consensus one round short with 3 states: 5 processes, 3 crashes, 3 rounds; about 10^50.5 tables. Hardest proof (issue 13).
(set-info :processes 5)
(set-info :crashes 3)
(set-info :rounds 3)
(set-info :inputs 2)          ; input values 0..1
(set-info :decisions 2)       ; decision values 0..1
(set-info :states 3)          ; synthesis: local states a protocol may use
(set-info :round-aware false) ; synthesis: next() does not see the round
(set-info :expect unrealizable)

; Processes that never crash decide the same value.
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

; If every process starts with v, every correct process decides v.
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))

(assert agreement)
(assert validity)
