; Binary consensus one round short: 3 processes, 1 crash, 1 round. No protocol exists (f+1 rounds are needed when n >= f+2).
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 1)
(set-info :inputs 2)          ; input values 0..1
(set-info :decisions 2)       ; decision values 0..1
(set-info :states 2)          ; synthesis: local states a protocol may use
(set-info :round-aware false) ; synthesis: next() does not see the round
(set-info :expect realizable)   ; wrong on purpose: one round is too few

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
