; A spec in a bench suite whose define-fun is missing its closing parenthesis.
(set-info :processes 3)
(set-info :crashes 1)
(set-info :rounds 2)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))

(assert agreement
