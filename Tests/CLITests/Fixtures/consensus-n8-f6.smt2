; Binary consensus at n = 8, f = 6, R = 7: about 3.9e16 raw executions, beyond 2^53, where
; Doubles stop being exact (FloodSet verifies; covered must equal the total).
(set-info :processes 8)
(set-info :crashes 6)
(set-info :rounds 7)
(set-info :inputs 2)
(set-info :decisions 2)
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
(assert agreement)
(assert validity)
