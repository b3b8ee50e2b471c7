; 2-set agreement over 3 values with 2 crashes needs floor(f/k)+1 = 2 rounds when n >= f+k+1: one round is too few.
(set-info :processes 5)
(set-info :crashes 2)
(set-info :rounds 1)
(set-info :inputs 3)
(set-info :decisions 3)
(set-info :states 3)
(set-info :round-aware false)
(set-info :expect unrealizable)
(define-fun agreement () Bool
  (not (exists ((i Proc) (j Proc) (k Proc))
    (and (correct i) (correct j) (correct k)
         (distinct (decision i) (decision j) (decision k))))))
(define-fun validity () Bool
  (forall ((i Proc))
    (=> (correct i) (exists ((j Proc)) (= (decision i) (input j))))))
(assert agreement)
(assert validity)
