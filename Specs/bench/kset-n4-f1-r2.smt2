; 2-set agreement over 3 input values: 4 processes, at most 1 crash, decide after 2 rounds, 3 states.
(set-info :processes 4)
(set-info :crashes 1)
(set-info :rounds 2)
(set-info :inputs 3)          ; input values 0..2
(set-info :decisions 3)       ; decision values 0..2
(set-info :states 3)          ; synthesis: local states a protocol may use
(set-info :round-aware false) ; synthesis: next() does not see the round
(set-info :expect realizable)

; Correct processes decide at most 2 distinct values.
(define-fun agreement () Bool
  (not (exists ((i Proc) (j Proc) (k Proc))
    (and (correct i) (correct j) (correct k)
         (distinct (decision i) (decision j) (decision k))))))

; Every correct process decides some process's input.
(define-fun validity () Bool
  (forall ((i Proc))
    (=> (correct i) (exists ((j Proc)) (= (decision i) (input j))))))

(assert agreement)
(assert validity)
