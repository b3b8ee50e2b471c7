; Consensus over 3 input values: 4 processes, at most 2 crashes, decide after 3 rounds, 3 states.
(set-info :processes 4)
(set-info :crashes 2)
(set-info :rounds 3)
(set-info :inputs 3)
(set-info :decisions 3)
(set-info :states 3)
(set-info :round-aware false)
(set-info :expect realizable)
(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
; Every correct process decides some process's input.
(define-fun validity () Bool
  (forall ((i Proc)) (=> (correct i) (exists ((j Proc)) (= (decision i) (input j))))))
(assert agreement)
(assert validity)
