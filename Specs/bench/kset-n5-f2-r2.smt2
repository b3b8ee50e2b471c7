; 2-set agreement over 3 input values: 5 processes, at most 2 crashes, decide after 2 rounds, 3 states.
(set-info :processes 5)
(set-info :crashes 2)
(set-info :rounds 2)
(set-info :inputs 3)
(set-info :decisions 3)
(set-info :states 3)
(set-info :round-aware false)
(set-info :expect realizable)
(define-fun agreement () Bool
  (not (exists ((i Proc) (j Proc) (k Proc))
    (and (correct i) (correct j) (correct k)
         (distinct (decision i) (decision j) (decision k))))))
(define-fun validity () Bool
  (forall ((i Proc))
    (=> (correct i) (exists ((j Proc)) (= (decision i) (input j))))))
(assert agreement)
(assert validity)
